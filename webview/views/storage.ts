// The storage and strides view: which tensors share which storage (every storage, as groups of chips), the picture
// of the selected tensor's storage, and what its strides mean in plain words, with a "try .view(...)" box that
// applies PyTorch's rule (Note [View strides]).
import { code, h } from '../dom.ts';
import { explainLayout } from '../model/explain.ts';
import { tensorName, tuple } from '../model/format.ts';
import { type StorageGroup, storageGroups, storageValues } from '../model/storage.ts';
import { parseShape, tryView } from '../model/strides.ts';
import type { Change, Store } from '../store.ts';
import { type PictureView, storagePicture } from './storage-picture.ts';

export class StorageView {
  readonly element: HTMLElement;
  private readonly current = h('ul', { class: 'groups', 'aria-label': 'The selected tensor\'s storage and the tensors that view it' });
  private readonly groups = h('ul', { class: 'groups', 'aria-label': 'Storages and the tensors that view them' });
  private readonly allSummary = h('summary');
  private readonly all = h('details', { class: 'all-storages' }, this.allSummary, this.groups);
  private readonly caption = h('h3', { class: 'visually-hidden', id: 'storage-picture-caption' });
  // A scrolling region: focusable, so that the keyboard can scroll it with the arrow keys, and named by the caption.
  private readonly picture = h('div', { class: 'picture', id: 'storage-picture', role: 'region', tabindex: '0', 'aria-labelledby': 'storage-picture-caption' });
  private readonly explanation = h('ul', { class: 'explain', 'aria-label': 'What the strides mean' });
  private readonly tryInput = h('input', { id: 'try-view', type: 'text', value: '-1', spellcheck: 'false', 'aria-describedby': 'try-view-result' });
  private readonly tryOutput = h('output', { id: 'try-view-result', for: 'try-view', 'aria-live': 'polite' });
  private readonly tryLabel = h('label', { for: 'try-view' });
  private readonly walkButton = h('vscode-button', { secondary: true, id: 'play-walk' }, 'Play walk');
  private walkTimer = 0;
  svg: SVGSVGElement | null = null;

  constructor(private readonly store: Store, private readonly exportButtons: HTMLElement) {
    for (const list of [this.current, this.groups]) {
      list.addEventListener('click', (event) => {
        const chip = (event.target as Element).closest<HTMLElement>('[data-tensor-id]');
        if (chip) this.store.update({ tensor: Number(chip.dataset['tensorId']) });
      });
    }
    this.picture.addEventListener('click', (event) => {
      const grid = (event.target as Element).closest('[data-tensor-id]');
      if (grid) this.store.update({ tensor: Number(grid.getAttribute('data-tensor-id')) });
    });
    this.tryInput.addEventListener('input', () => this.renderTry());
    this.walkButton.addEventListener('click', () => this.playWalk());
    this.element = h('div', { class: 'view storage-view' },
      h('div', { class: 'toolbar' }, h('strong', {}, 'Storage'), h('span', { class: 'muted' }, 'tensors in one box share memory'),
        h('span', { class: 'spacer' }), this.walkButton, exportButtons),
      this.current, this.caption, this.picture,
      h('div', { class: 'try' }, this.tryLabel, this.tryInput, this.tryOutput),
      this.explanation, this.all);
  }

  update(changes: ReadonlySet<Change>): void {
    if (!changes.has('record') && !changes.has('statement') && !changes.has('tensor')) return;
    this.stopWalk();
    const timeline = this.store.timeline;
    if (!timeline) return;
    const { statement, tensor } = this.store.state;
    const names = timeline.namesAt(statement);
    const label = (id: number): string => tensorName(timeline.tensors.get(id), id, names.get(id) ?? []);
    const groups = storageGroups(timeline, statement);
    const current = groups.find((g) => g.tensors.some((t) => t.id === tensor)) ?? null;
    this.groups.replaceChildren(...groups.map((group) => this.groupItem(group, group === current, label)));
    this.current.replaceChildren(...(current ? [this.groupItem(current, true, label)] : []));
    this.allSummary.textContent = `All storages (${groups.length})`;
    // Few storages: show them all at once; many: on request.
    if (changes.has('record')) this.all.open = groups.length <= 12;
    const selected = tensor !== null ? timeline.tensors.get(tensor) : undefined;
    this.exportButtons.hidden = !current;
    this.walkButton.hidden = !current;
    if (!current || !selected) {
      this.svg = null;
      this.caption.textContent = 'Storage picture';
      this.picture.replaceChildren(h('p', { class: 'empty' }, groups.length ? 'Select a tensor to see its storage.' : 'No tensors yet.'));
      this.explanation.replaceChildren();
      this.tryLabel.parentElement!.hidden = true;
      return;
    }
    const views: PictureView[] = current.tensors.map((t, i) => ({
      tensor: t, name: label(t.id), colour: i % 6, values: timeline.previewAt(t.id, statement)?.preview.values ?? null,
    }));
    const storage = current.storage;
    const caption = `storage #${storage.id} · ${storage.size} × ${storage.dtype} · ${storage.nbytes} bytes · viewed by ${views.length}`;
    this.caption.textContent = caption;
    this.svg = storagePicture({
      storageId: storage.id, size: storage.size, caption, cells: storageValues(timeline, current, statement), views, selected: selected.id,
    });
    this.picture.replaceChildren(this.svg);
    const name = label(selected.id);
    const base = selected.baseId !== null ? timeline.tensors.get(selected.baseId) : undefined;
    const paragraphs = explainLayout({
      name, shape: selected.shape, stride: selected.stride, offset: selected.storage_offset, storageId: storage.id, storageSize: storage.size,
      sharedWith: current.tensors.filter((t) => t.id !== selected.id).map((t) => label(t.id)),
      baseName: base ? label(base.id) : null,
    });
    this.explanation.replaceChildren(...paragraphs.map((p) => h('li', {}, ...p.map((seg) => (seg.code ? code(seg.text) : seg.text)))));
    this.tryLabel.parentElement!.hidden = false;
    this.tryLabel.textContent = `Try ${name}.view(`;
    this.renderTry();
  }

  private groupItem(group: StorageGroup, isCurrent: boolean, label: (id: number) => string): HTMLElement {
    const storage = group.storage;
    const item = h('li', { class: `group${isCurrent ? ' current' : ''}`, 'data-storage-id': storage.id },
      h('span', { class: 'label' }, `#${storage.id} · ${storage.size} ${storage.dtype}`));
    group.tensors.forEach((t, i) => {
      const chip = h('button', {
        type: 'button', class: 'chip', 'data-tensor-id': t.id, 'aria-pressed': t.id === this.store.state.tensor ? 'true' : 'false',
        title: `${label(t.id)}: stride ${tuple(t.stride)}, offset ${t.storage_offset}`,
      });
      if (isCurrent) {
        const swatch = h('span', { class: 'swatch', 'aria-hidden': 'true' });
        swatch.style.background = `var(--view-${i % 6})`;
        chip.append(swatch);
      }
      chip.append(label(t.id));
      item.append(chip);
    });
    return item;
  }

  private renderTry(): void {
    const timeline = this.store.timeline;
    const tensor = this.store.state.tensor;
    const t = tensor !== null ? timeline?.tensors.get(tensor) : undefined;
    if (!t) return;
    const requested = parseShape(this.tryInput.value);
    if (requested === null) {
      this.tryOutput.className = 'error';
      this.tryOutput.textContent = ') — write sizes like 2, 3 or -1';
      return;
    }
    const attempt = tryView(t.shape, t.stride, requested);
    this.tryOutput.className = attempt.ok ? 'ok' : 'error';
    this.tryOutput.textContent = attempt.ok
      ? `) → shape [${attempt.shape.join(', ')}], stride ${tuple(attempt.stride)}: a view, same storage`
      : `) → RuntimeError: ${attempt.message}`;
  }

  /** Steps through the selected tensor's walk, lighting one strip cell and its grid cell at a time. */
  private playWalk(): void {
    if (this.walkTimer) { this.stopWalk(); return; }
    const svg = this.svg;
    const id = this.store.state.tensor;
    if (!svg || id === null) return;
    const cells = [...svg.querySelectorAll<SVGGElement>(`.view-grid[data-tensor-id="${id}"] .grid-cell`)];
    let step = 0;
    const tick = (): void => {
      svg.querySelectorAll('.step').forEach((e) => e.classList.remove('step'));
      const cell = cells[step++];
      if (!cell) { this.stopWalk(); return; }
      cell.classList.add('step');
      svg.querySelector(`.strip .cell[data-position="${cell.dataset['position']}"]`)?.classList.add('step');
    };
    this.walkButton.textContent = 'Stop';
    tick();
    this.walkTimer = window.setInterval(tick, matchMedia('(prefers-reduced-motion: reduce)').matches ? 1200 : 450);
  }

  private stopWalk(): void {
    window.clearInterval(this.walkTimer);
    this.walkTimer = 0;
    this.walkButton.textContent = 'Play walk';
    this.svg?.querySelectorAll('.step').forEach((e) => e.classList.remove('step'));
  }
}
