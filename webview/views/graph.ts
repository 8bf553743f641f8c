// The autograd graph view: the record's graph (model/graph.ts) laid out in the layout worker and drawn as SVG, with
// zoom and pan (graph-canvas.ts). Nodes that do not exist yet at the timeline's statement are faded; a leaf shows
// its grad once backward() has run. Clicking a node (or Enter on it) selects its tensor and, in VS Code, reveals
// the statement that made it. Arrow keys move between nodes.
import { h, s } from '../dom.ts';
import type { LayoutClient, LayoutResult } from '../layout/client.ts';
import { quickLayout } from '../layout/quick.ts';
import { buildDisplayGraph, type DisplayGraph, type DisplayNode, graphFont } from '../model/graph.ts';
import type { Change, Store } from '../store.ts';
import { PanZoom } from './graph-canvas.ts';

/** A route through dagre's bend points as a smooth curve (quadratic pieces between the bends' midpoints). */
function smoothPath(points: readonly number[]): string {
  const n = points.length / 2;
  let d = `M ${points[0]} ${points[1]}`;
  if (n === 2) return `${d} L ${points[2]} ${points[3]}`;
  for (let i = 1; i < n - 1; i++) {
    const [x, y] = [points[2 * i]!, points[2 * i + 1]!];
    const [nx, ny] = [points[2 * i + 2]!, points[2 * i + 3]!];
    const last = i === n - 2;
    d += ` Q ${x} ${y} ${last ? nx : (x + nx) / 2} ${last ? ny : (y + ny) / 2}`;
  }
  return d;
}

/** Graphs this large are drawn first with the provisional layout while dagre works. */
const provisionalFrom = 200;
/** Smaller graphs wait this long for dagre (a busy machine, a slow worker start), then get the provisional layout. */
const provisionalAfterMs = 400;

export class GraphView {
  readonly element: HTMLElement;
  private readonly canvas = h('div', { class: 'graph-canvas', id: 'graph-canvas' });
  private readonly status = h('p', { class: 'status', role: 'status' });
  private readonly summary = h('span', { class: 'muted', id: 'graph-summary' });
  private readonly fold = h('vscode-checkbox', { id: 'fold-repeated', label: 'Fold repeated nodes', checked: true });
  private readonly panZoom: PanZoom;
  private graph: DisplayGraph | null = null;
  private layout: LayoutResult | null = null;
  /** True while the drawn layout is the provisional one (Note [Provisional layout]). */
  private provisional = false;
  private rendered = false;
  private request = 0;
  private nodeElements = new Map<string, SVGGElement>();
  private positions = new Map<string, { x: number; y: number; node: DisplayNode }>();
  svg: SVGSVGElement | null = null;
  visible = false;

  constructor(
    private readonly store: Store,
    private readonly layouts: LayoutClient,
    exportButtons: HTMLElement,
    private readonly onActivate: (node: DisplayNode) => void,
  ) {
    this.panZoom = new PanZoom(this.canvas);
    const zoomOut = h('vscode-button', { secondary: true, 'aria-label': 'Zoom out', title: 'Zoom out (-)' }, '−');
    const zoomIn = h('vscode-button', { secondary: true, 'aria-label': 'Zoom in', title: 'Zoom in (+)' }, '+');
    const fit = h('vscode-button', { secondary: true, title: 'Fit the graph (0)' }, 'Fit');
    zoomOut.addEventListener('click', () => this.panZoom.zoomBy(1 / 1.25));
    zoomIn.addEventListener('click', () => this.panZoom.zoomBy(1.25));
    fit.addEventListener('click', () => this.panZoom.fit());
    this.fold.addEventListener('change', () => this.store.update({ fold: (this.fold as unknown as { checked: boolean }).checked }));
    const legend = h('span', { class: 'legend', 'aria-hidden': 'true' },
      h('span', { class: 'l-tensor' }, 'tensor'), h('span', { class: 'l-leaf' }, 'leaf (AccumulateGrad)'),
      h('span', { class: 'l-function' }, 'grad_fn'), h('span', { class: 'l-saved' }, 'saved'));
    this.canvas.append(this.status);
    this.canvas.addEventListener('click', (event) => this.onClick(event));
    this.canvas.addEventListener('keydown', (event) => this.onKey(event));
    this.element = h('div', { class: 'view graph-view' },
      h('div', { class: 'toolbar' }, zoomOut, zoomIn, fit, this.fold, legend, h('span', { class: 'spacer' }), this.summary, exportButtons),
      this.canvas);
  }

  update(changes: ReadonlySet<Change>): void {
    if (changes.has('record') || changes.has('fold')) this.relayout();
    if (!this.rendered) {
      if (this.visible && this.layout) this.render();
      return;
    }
    if (changes.has('statement') || changes.has('record')) this.markStatement();
    if (changes.has('tensor') || changes.has('record')) this.markSelection();
  }

  show(): void {
    this.visible = true;
    if (!this.rendered && this.layout) this.render();
  }

  /** Builds the display graph and asks the worker for a layout (done ahead, while another view is shown). */
  private relayout(): void {
    const record = this.store.record;
    const timeline = this.store.timeline;
    this.rendered = false;
    this.layout = null;
    this.svg?.remove();
    this.svg = null;
    if (!record || !timeline) return;
    this.graph = buildDisplayGraph(record, timeline, { fold: this.store.state.fold });
    const count = this.graph.nodes.length;
    this.summary.textContent = `${record.graph.nodes.length} autograd nodes`;
    if (count === 0) {
      this.status.textContent = 'No autograd graph: no tensor of this run requires grad.';
      return;
    }
    this.status.textContent = `Laying out ${count} nodes…`;
    const id = ++this.request;
    const started = performance.now();
    const layoutNodes = this.graph.nodes.map((n) => ({ key: n.key, width: n.width, height: n.height }));
    const layoutEdges = this.graph.edges.map((e) => ({ from: e.from, to: e.to }));
    this.provisional = count >= provisionalFrom;
    if (this.provisional) this.layout = quickLayout(layoutNodes, layoutEdges);
    let settled = false;
    if (!this.provisional) {
      window.setTimeout(() => {
        if (settled || id !== this.request) return;
        this.provisional = true;
        this.layout = quickLayout(layoutNodes, layoutEdges);
        if (this.visible) this.render();
      }, provisionalAfterMs);
    }
    this.layouts.layout(layoutNodes, layoutEdges).then((layout) => {
      settled = true;
      if (id !== this.request) return;
      this.provisional = false;
      if (this.rendered) {
        this.svg?.remove();
        this.svg = null;
        this.rendered = false;
      }
      this.layout = layout;
      this.summary.textContent = `${record.graph.nodes.length} autograd nodes · ${count} drawn · laid out in ${Math.round(performance.now() - started)} ms`;
      if (this.visible) this.render();
    }, (error: Error) => {
      settled = true;
      if (id === this.request) this.status.textContent = `The graph could not be laid out: ${error.message}`;
    });
  }

  private render(): void {
    const graph = this.graph;
    const layout = this.layout;
    if (!graph || !layout) return;
    const started = performance.now();
    const svg = s('svg', {
      xmlns: 'http://www.w3.org/2000/svg', width: Math.ceil(layout.width), height: Math.ceil(layout.height),
      viewBox: `0 0 ${Math.ceil(layout.width)} ${Math.ceil(layout.height)}`, role: 'group', class: 'autograd-graph',
      'aria-label': `Autograd graph, ${graph.nodes.length} nodes. Arrow keys move between nodes, Enter selects, + and - zoom.`,
    });
    svg.append(s('defs', {}, s('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' },
      s('path', { d: 'M 0 0 L 10 5 L 0 10 z', class: 'arrow' }))));
    const edgeLayer = s('g', { class: 'edges' });
    const nodeLayer = s('g', { class: 'nodes' });
    svg.append(edgeLayer, nodeLayer);
    this.nodeElements = new Map();
    this.positions = new Map();
    const byKey = new Map(graph.nodes.map((n) => [n.key, n]));
    for (const placed of layout.nodes) {
      const node = byKey.get(placed.key)!;
      this.positions.set(node.key, { x: placed.x - node.width / 2, y: placed.y - node.height / 2, node });
    }
    // Note [Drawing large graphs in steps]: the top of the graph (what the first view shows) is drawn at once, the
    // rest in chunks between frames, so that a thousand-node graph appears without a long frame.
    const nodesByTop = [...this.positions.values()].sort((a, b) => a.y - b.y);
    const edgeTop = (i: number): number => Math.min(layout.edges[i]!.points[1] ?? 0, layout.edges[i]!.points[layout.edges[i]!.points.length - 1] ?? 0);
    const edgesByTop = graph.edges.map((_, i) => i).sort((a, b) => edgeTop(a) - edgeTop(b));
    let nodeIndex = 0;
    let edgeIndex = 0;
    const drawUntil = (bottom: number): void => {
      for (; edgeIndex < edgesByTop.length && edgeTop(edgesByTop[edgeIndex]!) <= bottom; edgeIndex++) {
        const i = edgesByTop[edgeIndex]!;
        const edge = graph.edges[i]!;
        const points = layout.edges[i]!.points;
        if (points.length >= 4) edgeLayer.append(s('path', { d: smoothPath(points), class: `edge ${edge.kind}`, 'marker-end': 'url(#arrow)', 'data-from': edge.from, 'data-to': edge.to }));
      }
      for (; nodeIndex < nodesByTop.length && nodesByTop[nodeIndex]!.y <= bottom; nodeIndex++) {
        const { x, y, node } = nodesByTop[nodeIndex]!;
        const g = s('g', {
          class: `node ${node.kind}`, transform: `translate(${x} ${y})`, 'data-key': node.key, 'data-name': node.title,
          'data-tensor-id': node.tensorId ?? null, role: 'button', tabindex: -1,
        });
        g.append(s('rect', { width: node.width, height: node.height }));
        g.append(s('text', { x: graphFont.padding, y: graphFont.lineHeight, class: 'title' }, node.title));
        node.lines.forEach((line, i) => g.append(s('text', {
          x: graphFont.padding, y: graphFont.lineHeight * (i + 2), class: `line${line.startsWith('grad ') ? ' grad' : ''}`,
        }, line)));
        nodeLayer.append(g);
        this.nodeElements.set(node.key, g);
      }
    };
    const chunk = 2500;
    let bottom = chunk;
    drawUntil(bottom);
    this.svg = svg;
    this.canvas.append(svg);
    this.status.textContent = '';
    this.panZoom.setLayer(svg, layout.width, layout.height);
    this.panZoom.initial();
    this.rendered = true;
    this.markStatement();
    this.markSelection();
    const first = this.nodeElements.values().next().value;
    if (first && !this.canvas.querySelector('.node[tabindex="0"]')) first.setAttribute('tabindex', '0');
    performance.mark(this.provisional ? 'graph-provisional' : 'graph-rendered', { detail: { nodes: graph.nodes.length, layoutMs: layout.ms, drawMs: performance.now() - started } });
    const step = (): void => {
      if (this.svg !== svg) return;
      bottom += chunk;
      drawUntil(bottom);
      if (nodeIndex < nodesByTop.length || edgeIndex < edgesByTop.length) {
        window.setTimeout(step, 0);
        return;
      }
      this.markStatement();
      this.markSelection();
      if (this.provisional) return;
      svg.dataset['complete'] = 'true';
      performance.mark('graph-complete');
    };
    window.setTimeout(step, 0);
  }

  private markStatement(): void {
    const graph = this.graph;
    const timeline = this.store.timeline;
    if (!graph || !timeline || !this.svg) return;
    const k = this.store.state.statement;
    const future = (key: string): boolean => (graph.appearsAt.get(key) ?? -1) > k;
    for (const [key, element] of this.nodeElements) {
      element.classList.toggle('future', future(key));
      const node = this.positions.get(key)!.node;
      const grad = element.querySelector<SVGTextElement>('.line.grad');
      if (grad && node.tensorId !== null) grad.style.display = timeline.hasGradAt(node.tensorId, k) ? '' : 'none';
    }
    for (const path of this.svg.querySelectorAll<SVGPathElement>('path.edge')) {
      path.classList.toggle('future', future(path.dataset['from']!) || future(path.dataset['to']!));
    }
  }

  private markSelection(): void {
    const tensor = this.store.state.tensor;
    let focusable: SVGGElement | null = null;
    for (const [key, element] of this.nodeElements) {
      const selected = tensor !== null && this.positions.get(key)!.node.tensorId === tensor;
      element.classList.toggle('selected', selected);
      if (selected && (!focusable || element.classList.contains('tensor') || element.classList.contains('accumulate'))) focusable = element;
    }
    if (focusable) {
      for (const element of this.canvas.querySelectorAll('.node[tabindex="0"]')) element.setAttribute('tabindex', '-1');
      focusable.setAttribute('tabindex', '0');
      const position = this.positions.get(focusable.dataset['key']!)!;
      if (this.visible) this.panZoom.reveal({ x: position.x, y: position.y, width: position.node.width, height: position.node.height });
    }
  }

  private onClick(event: MouseEvent): void {
    if (this.panZoom.dragged) { this.panZoom.dragged = false; return; }
    const element = (event.target as Element).closest<SVGGElement>('.node');
    if (element) this.activate(element);
  }

  private activate(element: SVGGElement): void {
    const node = this.positions.get(element.dataset['key']!)?.node;
    if (!node) return;
    for (const other of this.canvas.querySelectorAll('.node[tabindex="0"]')) other.setAttribute('tabindex', '-1');
    element.setAttribute('tabindex', '0');
    element.focus();
    if (node.tensorId !== null) this.store.update({ tensor: node.tensorId });
    this.onActivate(node);
  }

  private onKey(event: KeyboardEvent): void {
    const zoom: Record<string, () => void> = {
      '+': () => this.panZoom.zoomBy(1.25), '=': () => this.panZoom.zoomBy(1.25), '-': () => this.panZoom.zoomBy(1 / 1.25), '0': () => this.panZoom.fit(),
    };
    if (zoom[event.key]) { zoom[event.key]!(); event.preventDefault(); return; }
    const current = (event.target as Element).closest<SVGGElement>('.node');
    if (!current) return;
    if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); this.activate(current); return; }
    const directions: Record<string, [number, number]> = { ArrowUp: [0, -1], ArrowDown: [0, 1], ArrowLeft: [-1, 0], ArrowRight: [1, 0] };
    const direction = directions[event.key];
    if (!direction) return;
    event.preventDefault();
    const from = this.positions.get(current.dataset['key']!)!;
    const centre = (p: { x: number; y: number; node: DisplayNode }): [number, number] => [p.x + p.node.width / 2, p.y + p.node.height / 2];
    const [fx, fy] = centre(from);
    let best: string | null = null;
    let bestScore = Infinity;
    for (const [key, p] of this.positions) {
      if (key === from.node.key || this.nodeElements.get(key)!.classList.contains('future')) continue;
      const [x, y] = centre(p);
      const along = (x - fx) * direction[0] + (y - fy) * direction[1];
      if (along <= 1) continue;
      const across = Math.abs((x - fx) * direction[1]) + Math.abs((y - fy) * direction[0]);
      const score = along + 2 * across;
      if (score < bestScore) { bestScore = score; best = key; }
    }
    if (!best) return;
    const target = this.nodeElements.get(best)!;
    current.setAttribute('tabindex', '-1');
    target.setAttribute('tabindex', '0');
    target.focus({ preventScroll: true });
    const p = this.positions.get(best)!;
    this.panZoom.reveal({ x: p.x, y: p.y, width: p.node.width, height: p.node.height });
  }
}
