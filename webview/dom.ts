// Small DOM helpers. Every string reaches the page through textContent or setAttribute, never as markup: record data
// (names, console text, error messages) can never become elements or run.

type Child = Node | string | null | undefined | false;
type Attributes = Record<string, string | number | boolean | null | undefined>;

function apply(element: Element, attributes: Attributes, children: readonly Child[]): void {
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    element.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
}

/** An HTML element: `h('td', { class: 'shape' }, text)`. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attributes?: Attributes, ...children: Child[]): HTMLElementTagNameMap[K];
export function h(tag: string, attributes?: Attributes, ...children: Child[]): HTMLElement;
export function h(tag: string, attributes: Attributes = {}, ...children: Child[]): HTMLElement {
  const element = document.createElement(tag);
  apply(element, attributes, children);
  return element;
}

const svgNamespace = 'http://www.w3.org/2000/svg';

/** An SVG element: `s('rect', { x: 0, y: 0, width: 10, height: 10 })`. */
export function s<K extends keyof SVGElementTagNameMap>(tag: K, attributes: Attributes = {}, ...children: Child[]): SVGElementTagNameMap[K] {
  const element = document.createElementNS(svgNamespace, tag);
  apply(element, attributes, children);
  return element;
}

export function clear(element: Element): void {
  element.replaceChildren();
}

/** A small code span. */
export function code(text: string): HTMLElement {
  return h('code', {}, text);
}
