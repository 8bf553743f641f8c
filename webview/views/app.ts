// The inspector: header (with the GPU summary when the run used the device), timeline, the variables table beside the tabbed views (storage and strides, values,
// autograd graph), and the console. Wires the store to the views and the views to the host (VS Code or the
// standalone page).
import type { InspectorRecord } from '../../extension/protocol/record.ts';
import type { HostToWebviewMessage, InspectorViewName } from '../../extension/protocol/webview.ts';
import { h } from '../dom.ts';
import { exportButtons } from '../export.ts';
import type { Host } from '../host.ts';
import type { LayoutClient } from '../layout/client.ts';
import type { DisplayNode } from '../model/graph.ts';
import { type Change, Store } from '../store.ts';
import { ConsoleView } from './console.ts';
import { GpuSummary } from './gpu.ts';
import { GraphView } from './graph.ts';
import { Header } from './header.ts';
import { StorageView } from './storage.ts';
import { TimelineBar } from './timeline.ts';
import { ValuesView } from './values.ts';
import { VariablesView } from './variables.ts';

const tabs: { view: InspectorViewName; title: string }[] = [
  { view: 'storage', title: 'Storage & strides' },
  { view: 'values', title: 'Values' },
  { view: 'graph', title: 'Autograd graph' },
];

interface Panel { update(changes: ReadonlySet<Change>): void }

export class App {
  readonly store = new Store();
  private readonly live = h('div', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite' });
  /** Shown instead of the panes until there is a record. */
  private readonly waiting = h('p', { class: 'empty waiting' });
  private readonly panels: Record<InspectorViewName, Panel>;
  private readonly graph: GraphView;
  private readonly tabs: HTMLElement;
  /** Changes a hidden panel has not drawn yet. */
  private readonly pending = new Map<InspectorViewName, Set<Change>>();
  private persistTimer = 0;

  constructor(private readonly root: HTMLElement, private readonly host: Host, layouts: LayoutClient) {
    const store = this.store;
    const stem = (): string => (store.record?.file.split(/[\\/]/).pop() ?? 'inspector').replace(/\.[^.]*$/, '');
    const report = (message: string): void => { this.live.textContent = message; };
    const storage: StorageView = new StorageView(store, exportButtons('storage', 'storage picture', host, stem, () => storage.svg, report));
    this.graph = new GraphView(store, layouts, exportButtons('graph', 'autograd graph', host, stem, () => this.graph.svg, report),
      (node) => this.revealSource(node));
    this.panels = { storage, values: new ValuesView(store), graph: this.graph };
    const header = new Header(store, host.kind === 'standalone');
    const gpu = new GpuSummary(store);
    header.element.append(gpu.element);
    const timeline = new TimelineBar(store);
    const variables = new VariablesView(store);
    const consoleView = new ConsoleView(store);
    this.tabs = h('vscode-tabs', { 'aria-label': 'Views' });
    for (const tab of tabs) {
      this.tabs.append(h('vscode-tab-header', { slot: 'header', 'data-tab': tab.view }, tab.title));
      this.tabs.append(h('vscode-tab-panel', { 'data-view': tab.view }, (this.panels[tab.view] as unknown as { element: HTMLElement }).element));
    }
    this.tabs.addEventListener('vsc-tabs-select', (event) => {
      const index = (event as CustomEvent<{ selectedIndex: number }>).detail.selectedIndex;
      store.update({ view: tabs[index]!.view });
    });
    const views = h('section', { class: 'pane views-pane', 'aria-label': 'Views' }, this.tabs);
    const panes = h('main', { class: 'panes', hidden: true }, variables.element, views);
    root.replaceChildren(h('div', { class: 'app' }, header.element, timeline.element, panes, this.waiting, consoleView.element, this.live));
    const always: Panel[] = [header, gpu, timeline, variables, consoleView];
    store.subscribe((changes) => {
      panes.hidden = !store.record;
      this.waiting.hidden = !!store.record;
      for (const panel of always) panel.update(changes);
      this.updatePanels(changes);
      this.root.querySelector('.app')?.classList.toggle('stale', store.state.stale);
      this.afterChange(changes);
    });
    host.onMessage((message) => this.onMessage(message));
  }

  private updatePanels(changes: ReadonlySet<Change>): void {
    const shown = this.store.state.view;
    if (changes.has('view')) {
      const index = tabs.findIndex((t) => t.view === shown);
      if ((this.tabs as unknown as { selectedIndex: number }).selectedIndex !== index) (this.tabs as unknown as { selectedIndex: number }).selectedIndex = index;
      if (shown === 'graph') this.graph.show();
      else this.graph.visible = false;
    }
    for (const { view } of tabs) {
      const waiting = this.pending.get(view) ?? new Set<Change>();
      for (const change of changes) waiting.add(change);
      // The graph lays out ahead of time even while hidden; it draws when shown.
      if (view === shown || (view === 'graph' && (changes.has('record') || changes.has('fold')))) {
        this.pending.delete(view);
        this.panels[view].update(waiting);
      } else {
        this.pending.set(view, waiting);
      }
    }
  }

  private afterChange(changes: ReadonlySet<Change>): void {
    const { tensor, statement } = this.store.state;
    const timeline = this.store.timeline;
    if (changes.has('tensor') && timeline) {
      this.host.notify({ type: 'didSelectTensor', tensor, names: tensor !== null ? timeline.namesAt(statement).get(tensor) ?? [] : [] });
    }
    const range = timeline?.record.statements[statement]?.range;
    if (changes.has('statement') && !changes.has('record') && range) this.host.notify({ type: 'didSelectStatement', statement, range });
    window.clearTimeout(this.persistTimer);
    this.persistTimer = window.setTimeout(() => this.host.setState(this.store.persisted()), 250);
  }

  /**
   * Shows a record (embedded, restored or sent), restoring the rest of a saved state when it is given. A standalone
   * page also reads its address's fragment: `#view=graph&tensor=x&statement=3` opens there (statement 1-based).
   */
  start(record: InspectorRecord | null, error: string | null, link: URLSearchParams | null = null): void {
    const saved = this.host.getState();
    const state = this.store.state;
    const linkedView = tabs.find((t) => t.view === link?.get('view'))?.view;
    this.store.update({
      view: linkedView ?? saved?.view ?? state.view, filter: saved?.filter ?? '', sort: saved?.sort ?? state.sort,
    });
    const initial = record ?? saved?.record ?? null;
    const linkedStatement = link?.has('statement') ? Number(link.get('statement')) - 1 : NaN;
    if (initial) this.store.setRecord(initial, Number.isInteger(linkedStatement) ? linkedStatement : saved?.statement ?? 'last', saved?.tensor ?? null);
    const linkedTensor = link?.get('tensor');
    if (linkedTensor) this.onMessage({ type: 'focusTensor', tensor: /^#\d+$/.test(linkedTensor) ? { id: Number(linkedTensor.slice(1)) } : { name: linkedTensor } });
    else this.store.update({ stale: false });
    if (error) this.live.textContent = error;
    this.waiting.textContent = error ?? 'Evaluate a snippet to inspect its tensors here.';
    this.updatePanels(new Set<Change>(['view']));
    this.host.notify({ type: 'didLoadWebview', state: saved });
  }

  private onMessage(message: HostToWebviewMessage): void {
    switch (message.type) {
      case 'setRecord':
        this.store.setRecord(message.record, message.statement ?? 'last');
        return;
      case 'didStartRun':
        this.store.update({ stale: true });
        return;
      case 'focusTensor': {
        const timeline = this.store.timeline;
        if (!timeline) return;
        const target = message.tensor;
        let id: number | undefined;
        if ('id' in target) id = target.id;
        else {
          const names = timeline.namesAt(this.store.state.statement);
          id = [...names].find(([, list]) => list.includes(target.name))?.[0] ?? timeline.record.tensors.find((t) => t.names.includes(target.name))?.id;
        }
        if (id !== undefined) this.store.update({ tensor: id, ...(message.view ? { view: message.view } : {}) });
        return;
      }
      case 'focusStatement':
        if (this.store.timeline) this.store.update({ statement: this.store.timeline.clamp(message.statement) });
        return;
      case 'response':
        return;
      default: {
        const unexpected: never = message;
        void unexpected;
      }
    }
  }

  /** In VS Code, a graph node opens the statement that created its tensor (or first used its node). */
  private revealSource(node: DisplayNode): void {
    const timeline = this.store.timeline;
    if (this.host.kind !== 'vscode' || !timeline) return;
    const statement = node.tensorId !== null ? timeline.createdAt.get(node.tensorId) : undefined;
    const range = timeline.record.statements[statement ?? -1]?.range;
    if (!range) return;
    this.host.request({ type: 'revealSourceRequest', file: timeline.record.file, range })
      .catch((error: Error) => { this.live.textContent = `Could not open the source: ${error.message}`; });
  }
}
