// Zoom and pan for a large SVG: the SVG keeps its layout size and moves as one layer under a CSS transform, so a
// pan repaints nothing (the browser composites the layer). Drag or wheel pans, Ctrl+wheel (and pinch) zooms at the
// pointer, and the toolbar's buttons or + / - / 0 zoom and fit.

export interface Transform { x: number; y: number; scale: number }

const minScale = 0.02;
const maxScale = 4;

export class PanZoom {
  transform: Transform = { x: 0, y: 0, scale: 1 };
  private content = { width: 0, height: 0 };
  private drag: { x: number; y: number; startX: number; startY: number; moved: boolean } | null = null;
  /** True right after a drag, so that the click that ends it does not select a node. */
  dragged = false;
  private paintedScale = 1;
  private repaint = 0;

  constructor(private readonly viewport: HTMLElement, private layer: SVGSVGElement | null = null) {
    viewport.addEventListener('wheel', (event) => this.onWheel(event), { passive: false });
    viewport.addEventListener('pointerdown', (event) => this.onPointerDown(event));
    viewport.addEventListener('pointermove', (event) => this.onPointerMove(event));
    viewport.addEventListener('pointerup', (event) => this.onPointerUp(event));
    viewport.addEventListener('pointercancel', (event) => this.onPointerUp(event));
  }

  setLayer(layer: SVGSVGElement | null, width: number, height: number): void {
    this.layer = layer;
    this.content = { width, height };
    if (layer) layer.style.willChange = 'transform';
    this.paintedScale = 1;
  }

  apply(): void {
    const { x, y, scale } = this.transform;
    const layer = this.layer;
    if (!layer) return;
    layer.style.transform = `translate(${x}px, ${y}px) scale(${scale})`;
    // Note [Panning a large SVG]: as its own compositor layer (will-change) the SVG is painted once and a pan only
    // moves it. The layer keeps the scale it was painted at, so after a zoom settles it is repainted once, sharp.
    if (scale !== this.paintedScale) {
      window.clearTimeout(this.repaint);
      this.repaint = window.setTimeout(() => {
        layer.style.willChange = 'auto';
        void layer.getBoundingClientRect();
        requestAnimationFrame(() => { layer.style.willChange = 'transform'; });
        this.paintedScale = this.transform.scale;
      }, 200);
    }
  }

  /** Scales to show everything (never above 1:1). */
  fit(): void {
    const { clientWidth: w, clientHeight: h } = this.viewport;
    if (!this.content.width || !w || !h) return;
    const scale = Math.max(minScale, Math.min(1, w / this.content.width, h / this.content.height));
    this.transform = { scale, x: (w - this.content.width * scale) / 2, y: Math.max(0, (h - this.content.height * scale) / 2) };
    this.apply();
  }

  /** The first view of a graph: all of it when that is readable, else its top at a readable scale. */
  initial(): void {
    const { clientWidth: w, clientHeight: h } = this.viewport;
    if (!w || !h) {
      // Not laid out yet (a tab that is just being shown): place it once it has a size.
      const observer = new ResizeObserver(() => {
        if (!this.viewport.clientWidth) return;
        observer.disconnect();
        this.initial();
      });
      observer.observe(this.viewport);
      return;
    }
    const fitScale = Math.min(1, w / this.content.width, h / this.content.height);
    if (fitScale >= 0.6) {
      this.fit();
      return;
    }
    const scale = Math.max(0.6, Math.min(1, w / this.content.width));
    this.transform = { scale, x: Math.max(0, (w - this.content.width * scale) / 2), y: 0 };
    this.apply();
  }

  zoomBy(factor: number, atX = this.viewport.clientWidth / 2, atY = this.viewport.clientHeight / 2): void {
    const { x, y, scale } = this.transform;
    const next = Math.min(maxScale, Math.max(minScale, scale * factor));
    const ratio = next / scale;
    this.transform = { scale: next, x: atX - (atX - x) * ratio, y: atY - (atY - y) * ratio };
    this.apply();
  }

  panBy(dx: number, dy: number): void {
    this.transform = { ...this.transform, x: this.transform.x + dx, y: this.transform.y + dy };
    this.apply();
  }

  /** Pans so that a box in layout coordinates is inside the viewport. */
  reveal(box: { x: number; y: number; width: number; height: number }): void {
    const { x, y, scale } = this.transform;
    const { clientWidth: w, clientHeight: h } = this.viewport;
    const left = box.x * scale + x;
    const top = box.y * scale + y;
    let dx = 0;
    let dy = 0;
    if (left < 8) dx = 8 - left;
    else if (left + box.width * scale > w - 8) dx = w - 8 - (left + box.width * scale);
    if (top < 8) dy = 8 - top;
    else if (top + box.height * scale > h - 8) dy = h - 8 - (top + box.height * scale);
    if (dx || dy) this.panBy(dx, dy);
  }

  private onWheel(event: WheelEvent): void {
    event.preventDefault();
    const rect = this.viewport.getBoundingClientRect();
    if (event.ctrlKey || event.metaKey) this.zoomBy(Math.exp(-event.deltaY / 300), event.clientX - rect.left, event.clientY - rect.top);
    else this.panBy(-event.deltaX, -event.deltaY);
  }

  private onPointerDown(event: PointerEvent): void {
    if (event.button !== 0) return;
    this.drag = { x: event.clientX, y: event.clientY, startX: event.clientX, startY: event.clientY, moved: false };
    this.dragged = false;
  }

  private onPointerMove(event: PointerEvent): void {
    const drag = this.drag;
    if (!drag) return;
    if (!drag.moved && Math.hypot(event.clientX - drag.startX, event.clientY - drag.startY) < 4) return;
    if (!drag.moved) {
      drag.moved = true;
      this.viewport.setPointerCapture(event.pointerId);
      this.viewport.classList.add('dragging');
    }
    this.panBy(event.clientX - drag.x, event.clientY - drag.y);
    drag.x = event.clientX;
    drag.y = event.clientY;
  }

  private onPointerUp(event: PointerEvent): void {
    if (this.drag?.moved) {
      this.dragged = true;
      this.viewport.releasePointerCapture(event.pointerId);
    }
    this.viewport.classList.remove('dragging');
    this.drag = null;
  }
}
