// The header: the snippet's name, whether it ran, where and how long; errors and notes below it; in the standalone
// page, a theme menu.
import { h } from '../dom.ts';
import type { Change, Store } from '../store.ts';
import { applyStandaloneTheme, type ThemeChoice, watchPreferences } from '../theme.ts';

export class Header {
  readonly element: HTMLElement;
  private readonly title = h('h1');
  private readonly status = h('span', { role: 'status' });
  private readonly facts = h('span', { class: 'muted' });
  private readonly errors = h('div', { class: 'banner', role: 'alert' });
  private readonly notes = h('div', { class: 'banner note' });

  constructor(private readonly store: Store, standalone: boolean) {
    const bar = h('header', { class: 'header' }, this.title, this.status, this.facts, h('span', { class: 'spacer' }));
    if (standalone) bar.append(this.themeMenu());
    this.element = h('div', {}, bar, this.errors, this.notes);
  }

  private themeMenu(): HTMLElement {
    const select = h('select', { id: 'theme-choice' },
      h('option', { value: 'auto' }, 'Automatic'), h('option', { value: 'light' }, 'Light'),
      h('option', { value: 'dark' }, 'Dark'), h('option', { value: 'high-contrast' }, 'High contrast'));
    select.value = document.body.dataset['themeChoice'] ?? 'auto';
    select.addEventListener('change', () => applyStandaloneTheme(select.value as ThemeChoice));
    watchPreferences(() => { if (select.value === 'auto') applyStandaloneTheme('auto'); });
    return h('label', {}, 'Theme', select);
  }

  update(changes: ReadonlySet<Change>): void {
    if (!changes.has('record') && !changes.has('stale')) return;
    const record = this.store.record;
    if (!record) {
      this.title.textContent = 'Tensor Inspector';
      this.status.textContent = 'waiting for a run';
      this.status.className = 'muted';
      this.facts.textContent = '';
      return;
    }
    this.title.textContent = record.file;
    const stale = this.store.state.stale;
    this.status.textContent = stale ? 'running…' : record.ok ? 'ran' : 'failed';
    this.status.className = stale ? 'muted' : record.ok ? 'status-ok' : 'status-failed';
    const tensors = record.tensors.length;
    this.facts.textContent = `on ${record.device} · ${record.statements.length} statements · ${tensors} tensors · `
      + `${record.timing.runMs.toFixed(1)} ms`;
    this.errors.replaceChildren(...record.errors.map((e) => h('div', {}, e.text)));
    this.notes.replaceChildren(...record.notes.map((n) => h('div', {}, n)));
  }
}
