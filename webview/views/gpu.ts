// The GPU device's summary under the header, shown when the run used the device: the adapter, the memory its buffer
// pool holds, the work it did, and the ops that ran on the CPU instead (Note [CPU fallback]), each with the lines
// where it did; a line moves the timeline there.
import type { GpuRecord, InspectorRecord } from '../../extension/protocol/record.ts';
import { h } from '../dom.ts';
import { bytesText, fallbackSites, plural } from '../model/gpu.ts';
import type { Change, Store } from '../store.ts';

/** Lines listed per op; an op that falls back in a loop's every statement would fill the panel. */
const linesShown = 5;

function fact(label: string, value: string): HTMLElement {
  return h('div', {}, h('dt', {}, label), h('dd', {}, value));
}

function facts(gpu: GpuRecord): HTMLElement {
  const list = h('dl', { class: 'gpu-facts' });
  const { stats, transfers } = gpu;
  if (stats === null) {
    list.append(fact('counters', 'unavailable: the device failed'));
  } else {
    list.append(
      fact('in use', bytesText(stats.inUseBytes)), fact('pooled', bytesText(stats.pooledBytes)),
      fact('allocated', bytesText(stats.allocatedBytes)), fact('dispatches', String(stats.dispatches)),
      fact('submits', String(stats.submits)), fact('pipelines', String(stats.pipelines)),
      fact('buffers', `${stats.buffersCreated} created, ${stats.buffersReused} reused`));
  }
  list.append(
    fact('uploads', `${transfers.uploads} (${bytesText(transfers.uploadBytes)})`),
    fact('readbacks', `${transfers.readbacks} (${bytesText(transfers.readbackBytes)})`));
  return list;
}

export class GpuSummary {
  readonly element = h('section', { class: 'gpu', 'aria-label': 'GPU device', hidden: true });

  constructor(private readonly store: Store) {}

  update(changes: ReadonlySet<Change>): void {
    if (!changes.has('record')) return;
    const record = this.store.record;
    const gpu = record?.gpu;
    this.element.hidden = !gpu;
    if (!record || !gpu) {
      this.element.replaceChildren();
      return;
    }
    const heading = h('div', { class: 'gpu-heading' },
      h('h2', {}, 'GPU'), h('span', { class: 'adapter', title: gpu.adapter }, gpu.adapter));
    this.element.replaceChildren(heading, facts(gpu), this.fallbacks(record));
  }

  private fallbacks(record: InspectorRecord): HTMLElement {
    const sites = fallbackSites(record);
    if (sites.length === 0) return h('p', { class: 'gpu-fallbacks none' }, 'Every op ran on the GPU.');
    const total = sites.reduce((n, s) => n + s.count, 0);
    const items = sites.map((site) => h('li', {},
      h('code', {}, site.op), h('span', { class: 'count' }, `×${site.count}`),
      ...site.statements.slice(0, linesShown).map((index) => this.lineButton(record, index)),
      site.statements.length > linesShown && h('span', { class: 'muted' }, `+${site.statements.length - linesShown} more`)));
    return h('div', { class: 'gpu-fallbacks' },
      h('span', { class: 'label', id: 'gpu-fallbacks-label' }, `Ran on the CPU instead of the GPU (${plural(total, 'call')}):`),
      h('ul', { 'aria-labelledby': 'gpu-fallbacks-label' }, ...items));
  }

  private lineButton(record: InspectorRecord, index: number): HTMLElement {
    const line = record.statements[index]!.range.start.line;
    const button = h('button', { type: 'button', class: 'line', 'data-statement': index, title: `Show the state after statement ${index + 1}` }, `line ${line}`);
    button.addEventListener('click', () => this.store.update({ statement: index }));
    return button;
  }
}
