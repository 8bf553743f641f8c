// The timeline: a slider over the snippet's top-level statements. Every view shows the state after the statement
// the slider is on; the statement's source, what it changed and, on the GPU, what it made the device do and which
// of its ops ran on the CPU instead are shown beside it.
import { h } from '../dom.ts';
import { tensorName } from '../model/format.ts';
import { statementFallbacks, statementWork } from '../model/gpu.ts';
import type { Change, Store } from '../store.ts';

export class TimelineBar {
  readonly element: HTMLElement;
  private readonly slider = h('input', { type: 'range', min: 0, max: 0, step: 1, id: 'timeline-slider', 'aria-label': 'Statement' });
  private readonly position = h('span', { class: 'position', 'aria-hidden': 'true' });
  private readonly source = h('code', { class: 'source' });
  private readonly changes = h('span', { class: 'changes' });
  /** What the statement made the GPU do, and the ops it ran on the CPU instead. */
  private readonly gpuWork = h('span', { class: 'gpu-work' });
  private readonly gpuFallbacks = h('span', { class: 'gpu-fallback' });
  private readonly previous = h('vscode-button', { secondary: true, 'aria-label': 'Previous statement', title: 'Previous statement' }, '‹');
  private readonly next = h('vscode-button', { secondary: true, 'aria-label': 'Next statement', title: 'Next statement' }, '›');

  constructor(private readonly store: Store) {
    this.element = h('section', { class: 'timeline', 'aria-label': 'Timeline' },
      h('span', { class: 'buttons' }, this.previous, ' ', this.next),
      h('label', { for: 'timeline-slider', class: 'position-label' }, 'After statement'),
      this.slider, this.position,
      h('div', { class: 'statement' }, this.source, this.changes, this.gpuWork, this.gpuFallbacks));
    this.slider.addEventListener('input', () => this.store.update({ statement: Number(this.slider.value) }));
    this.previous.addEventListener('click', () => this.step(-1));
    this.next.addEventListener('click', () => this.step(1));
  }

  private step(delta: number): void {
    const timeline = this.store.timeline;
    if (!timeline) return;
    this.store.update({ statement: timeline.clamp(this.store.state.statement + delta) });
  }

  update(changes: ReadonlySet<Change>): void {
    if (!changes.has('record') && !changes.has('statement')) return;
    const timeline = this.store.timeline;
    const count = timeline?.record.statements.length ?? 0;
    this.element.hidden = count === 0;
    if (!timeline || count === 0) return;
    const k = this.store.state.statement;
    this.slider.max = String(count - 1);
    this.slider.value = String(k);
    const text = `${k + 1} of ${count}`;
    this.position.textContent = text;
    const statement = timeline.record.statements[k]!;
    this.slider.setAttribute('aria-valuetext', `statement ${text}, line ${statement.range.start.line}`);
    this.source.textContent = `${statement.range.start.line}: ${timeline.sourceOf(k)}`;
    const names = timeline.namesAt(k);
    const changed = statement.changed.map((c) => `${tensorName(timeline.tensors.get(c.tensor), c.tensor, names.get(c.tensor))} ${c.kinds.join('+')}`);
    this.changes.textContent = changed.length > 0 ? `changed: ${changed.join(', ')}` : '';
    this.gpuWork.textContent = statement.gpu ? statementWork(statement.gpu) : '';
    const fallbacks = statement.gpu ? statementFallbacks(statement.gpu) : '';
    this.gpuFallbacks.textContent = fallbacks && `on the CPU: ${fallbacks}`;
    this.previous.toggleAttribute('disabled', k <= 0);
    this.next.toggleAttribute('disabled', k >= count - 1);
  }
}
