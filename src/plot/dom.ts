/**
 * The DOM that figures are built in: the page's `document` in a browser, a linkedom document
 * elsewhere (linkedom is plain JavaScript, so this module stays browser-compatible).
 */
import { parseHTML } from 'linkedom';

/** The DOM element operations the plotting code uses (the project compiles without the DOM lib). */
export interface PlotElement {
  setAttribute(name: string, value: string): void;
  removeAttribute(name: string): void;
  appendChild(child: PlotElement): unknown;
  remove(): void;
  querySelectorAll(selector: string): ArrayLike<PlotElement>;
  textContent: string | null;
  readonly outerHTML: string;
}

/** The document operations the plotting code uses. */
export interface PlotDocument {
  createElementNS(namespace: string, name: string): PlotElement;
}

let headless: PlotDocument | undefined;

/** The document to create SVG elements with. */
export function plotDocument(): PlotDocument {
  const page = (globalThis as { document?: PlotDocument }).document;
  if (page !== undefined && typeof page.createElementNS === 'function') return page;
  headless ??= parseHTML('<!DOCTYPE html><html><head></head><body></body></html>').document as unknown as PlotDocument;
  return headless;
}

/** The SVG namespace. */
export const SVG_NS = 'http://www.w3.org/2000/svg';
