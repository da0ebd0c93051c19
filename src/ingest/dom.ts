import { parseHTML } from "linkedom";

/**
 * The few DOM members that extraction uses, typed here: linkedom's own types need the DOM
 * library, which this Node project does not load.
 */
export interface DomNode {
  nodeType: number;
  textContent: string | null;
  parentElement: DomElement | null;
  childNodes: ArrayLike<DomNode>;
}

export interface DomElement extends DomNode {
  tagName: string;
  children: ArrayLike<DomElement>;
  getAttribute(name: string): string | null;
  hasAttribute(name: string): boolean;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
  remove(): void;
}

export interface DomDocument {
  documentElement: DomElement;
  body: DomElement | null;
  title: string;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
}

export const ELEMENT_NODE = 1;
export const TEXT_NODE = 3;

/** Parses a page into a DOM; linkedom never runs its scripts or fetches anything. */
export function parsePage(html: string): DomDocument {
  // Without an <html> element linkedom builds no body: give fragments one.
  const page = /<html[\s>]/i.test(html) ? html : `<!doctype html><html><body>${html}</body></html>`;
  return parseHTML(page).document as DomDocument;
}

/** Every element matching `selector`, as an array that later removals do not disturb. */
export function selectAll(root: DomDocument | DomElement, selector: string): DomElement[] {
  return Array.from(root.querySelectorAll(selector));
}
