// Exporting a picture (the autograd graph, the storage picture) as a standalone SVG or a PNG. The live SVGs take
// their colours from the page's stylesheet and theme variables; an exported file has neither, so the computed
// styles are written onto a copy as presentation attributes. In the standalone page the file downloads; in VS Code
// the data goes to the extension (`ExportImageRequest`), which saves it.
import { h } from './dom.ts';
import type { Host } from './host.ts';

const inlined = ['fill', 'fill-opacity', 'stroke', 'stroke-width', 'stroke-dasharray', 'opacity', 'font-family', 'font-size', 'font-weight', 'rx'] as const;

function copyStyles(source: Element, target: Element): void {
  const style = getComputedStyle(source);
  if (style.display === 'none') {
    target.remove();
    return;
  }
  for (const property of inlined) {
    const value = style.getPropertyValue(property);
    if (value && value !== 'auto' && !(property === 'rx' && source.tagName !== 'rect')) target.setAttribute(property, value);
  }
  const sourceChildren = source.children;
  const targetChildren = [...target.children];
  for (let i = 0; i < sourceChildren.length; i++) copyStyles(sourceChildren[i]!, targetChildren[i]!);
}

/** The SVG as a self-contained file: styles inlined, no transform, the theme's background behind it. */
export function serializeSvg(svg: SVGSVGElement): string {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  copyStyles(svg, copy);
  copy.removeAttribute('style');
  copy.removeAttribute('class');
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  const background = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
  background.setAttribute('width', '100%');
  background.setAttribute('height', '100%');
  background.setAttribute('fill', getComputedStyle(document.body).backgroundColor);
  copy.insertBefore(background, copy.firstChild);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(copy)}\n`;
}

function base64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Renders SVG text to PNG (twice the size where the canvas allows it); returns base64 of the PNG bytes. */
export async function svgToPng(svgText: string, width: number, height: number): Promise<string> {
  const scale = Math.min(2, 16_000 / Math.max(width, height, 1));
  const image = new Image();
  image.src = `data:image/svg+xml;base64,${base64(new TextEncoder().encode(svgText))}`;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(width * scale));
  canvas.height = Math.max(1, Math.round(height * scale));
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2-D canvas');
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
  return canvas.toDataURL('image/png').slice('data:image/png;base64,'.length);
}

export type Picture = 'graph' | 'storage';

/** "SVG" and "PNG" buttons that export whatever `current()` returns. */
export function exportButtons(picture: Picture, label: string, host: Host, fileStem: () => string, current: () => SVGSVGElement | null,
  report: (message: string) => void): HTMLElement {
  const run = async (format: 'svg' | 'png'): Promise<void> => {
    const svg = current();
    if (!svg) return;
    const text = serializeSvg(svg);
    const width = Number(svg.getAttribute('width'));
    const height = Number(svg.getAttribute('height'));
    const data = format === 'svg' ? base64(new TextEncoder().encode(text)) : await svgToPng(text, width, height);
    const fileName = `${fileStem()}.${picture}.${format}`;
    if (host.kind === 'vscode') {
      const response = await host.request({ type: 'exportImageRequest', picture, format, fileName, data: format === 'svg' ? text : data });
      report(response.detail ?? `Saved ${fileName}`);
      return;
    }
    const link = h('a', { href: `data:${format === 'svg' ? 'image/svg+xml' : 'image/png'};base64,${data}`, download: fileName, hidden: true });
    document.body.append(link);
    link.click();
    link.remove();
    report(`Downloaded ${fileName}`);
  };
  const buttons = h('span', { class: 'export' });
  for (const format of ['svg', 'png'] as const) {
    const button = h('vscode-button', { secondary: true, 'aria-label': `Export ${label} as ${format.toUpperCase()}`, 'data-export': `${picture}-${format}` },
      format.toUpperCase());
    button.addEventListener('click', () => { run(format).catch((error: Error) => report(`Export failed: ${error.message}`)); });
    buttons.append(button, ' ');
  }
  return buttons;
}
