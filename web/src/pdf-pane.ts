/**
 * The left half of the review page: every PDF page drawn by pdf.js, with the table, each
 * record's row and each cell's box drawn over it from the records' `cells` (PDF points, origin
 * top-left, the same space as the page's viewport at scale 1). Pages are drawn as they come
 * near the visible area, at the pane's width.
 */
import { render, svg, nothing } from 'lit-html';
import type { PageRenderer, PageSize } from '../../src/pdf/render.ts';
import type { TrackerDocument, BBox } from './types.ts';

interface PageView {
  n: number;
  size: PageSize;
  el: HTMLDivElement;
  canvas: HTMLCanvasElement;
  overlay: SVGSVGElement;
  drawnWidth: number;
}

/** One box to draw: a table's extent, a record's row or a cell, on one page. */
interface Box {
  kind: 'table' | 'row' | 'cell';
  bbox: BBox;
  record?: number;
}

const union = (a: BBox, b: BBox): BBox => ({ x0: Math.min(a.x0, b.x0), top: Math.min(a.top, b.top), x1: Math.max(a.x1, b.x1), bottom: Math.max(a.bottom, b.bottom) });

/** Boxes per 1-based page: tables (union of their records' cells), rows (union of a record's cells) and cells. */
export function boxesByPage(doc: TrackerDocument): Map<number, Box[]> {
  const pages = new Map<number, Box[]>();
  const tables = new Map<string, Box>();
  const add = (page: number, box: Box) => {
    let list = pages.get(page);
    if (!list) {
      list = [];
      pages.set(page, list);
    }
    list.push(box);
  };
  doc.records.forEach((r, i) => {
    if (!r.cells) return;
    const rows = new Map<number, BBox>();
    for (const cell of [...r.cells.recommendation, ...r.cells.response, ...r.cells.progress]) {
      add(cell.page, { kind: 'cell', bbox: cell.bbox, record: i });
      rows.set(cell.page, rows.has(cell.page) ? union(rows.get(cell.page)!, cell.bbox) : cell.bbox);
    }
    for (const [page, bbox] of rows) {
      add(page, { kind: 'row', bbox, record: i });
      const key = `${r.table}/${page}`;
      const t = tables.get(key);
      tables.set(key, { kind: 'table', bbox: t ? union(t.bbox, bbox) : bbox });
    }
  });
  for (const [key, box] of tables) add(Number(key.split('/')[1]), box);
  return pages;
}

export class PdfPane {
  private pages: PageView[] = [];
  private boxes = new Map<number, Box[]>();
  private selected = -1;
  private flagged = new Set<number>();
  private observer: IntersectionObserver | null = null;
  private resize: ResizeObserver | null = null;
  private visible = new Set<number>();
  private firstDrawn!: () => void;
  /** Resolves once the first page is drawn with its boxes (the page is "on screen, overlaid"). */
  readonly ready = new Promise<void>((resolve) => (this.firstDrawn = resolve));

  private readonly container: HTMLElement;
  private readonly renderer: PageRenderer;
  private readonly onSelect: (record: number) => void;

  constructor(container: HTMLElement, renderer: PageRenderer, onSelect: (record: number) => void) {
    this.container = container;
    this.renderer = renderer;
    this.onSelect = onSelect;
  }

  /** Lay out a placeholder of the right shape for every page, then draw pages as they show. */
  async init(): Promise<void> {
    const sizes = await Promise.all(Array.from({ length: this.renderer.pageCount }, (_, k) => this.renderer.pageSize(k + 1)));
    this.container.replaceChildren();
    for (const [k, size] of sizes.entries()) {
      const el = document.createElement('div');
      el.className = 'page';
      el.dataset.page = String(k + 1);
      el.style.aspectRatio = `${size.width} / ${size.height}`;
      const canvas = document.createElement('canvas');
      canvas.setAttribute('aria-hidden', 'true');
      const overlay = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
      overlay.setAttribute('viewBox', `0 0 ${size.width} ${size.height}`);
      overlay.setAttribute('class', 'overlay');
      overlay.setAttribute('aria-hidden', 'true');
      overlay.addEventListener('click', (e) => {
        const target = (e.target as Element).closest('[data-record]');
        if (target) this.onSelect(Number(target.getAttribute('data-record')));
      });
      const label = document.createElement('span');
      label.className = 'page-number';
      label.textContent = `Page ${k + 1} of ${sizes.length}`;
      el.append(canvas, overlay, label);
      this.container.append(el);
      this.pages.push({ n: k + 1, size, el, canvas, overlay, drawnWidth: 0 });
    }
    this.drawOverlays();
    this.observer = new IntersectionObserver(
      (entries) => {
        for (const e of entries) {
          const n = Number((e.target as HTMLElement).dataset.page);
          if (e.isIntersecting) this.visible.add(n);
          else this.visible.delete(n);
        }
        void this.drawVisible();
      },
      { root: this.container, rootMargin: '100% 0px' },
    );
    for (const p of this.pages) this.observer.observe(p.el);
    let timer = 0;
    this.resize = new ResizeObserver(() => {
      clearTimeout(timer);
      timer = window.setTimeout(() => void this.drawVisible(), 150);
    });
    this.resize.observe(this.container);
  }

  private async drawVisible(): Promise<void> {
    for (const p of this.pages) {
      if (!this.visible.has(p.n)) continue;
      const width = p.el.clientWidth;
      if (!width || Math.abs(width - p.drawnWidth) < 2) continue;
      p.drawnWidth = width;
      const scale = (width * Math.min(window.devicePixelRatio || 1, 2)) / p.size.width;
      if (!(await this.renderer.render(p.n, p.canvas, scale))) continue;
      p.el.classList.add('drawn');
      this.firstDrawn();
    }
  }

  /** Show `doc`'s boxes, with record `selected` highlighted and the `flagged` ones marked. */
  setRecords(doc: TrackerDocument, selected: number, flagged: Set<number>): void {
    this.boxes = boxesByPage(doc);
    this.selected = selected;
    this.flagged = flagged;
    this.drawOverlays();
  }

  /** Highlight record `selected` only (no new boxes). */
  select(selected: number): void {
    this.selected = selected;
    this.drawOverlays();
  }

  private drawOverlays(): void {
    for (const p of this.pages) {
      const boxes = this.boxes.get(p.n) ?? [];
      const order = { table: 0, row: 1, cell: 2 } as const;
      const sorted = [...boxes].sort((a, b) => order[a.kind] - order[b.kind] || Number(a.record === this.selected) - Number(b.record === this.selected));
      render(
        svg`${sorted.map((b) => {
          const cls = [b.kind, b.record === this.selected ? 'selected' : '', b.record !== undefined && this.flagged.has(b.record) ? 'flagged' : ''].join(' ');
          return svg`<rect class=${cls} data-record=${b.record ?? nothing} x=${b.bbox.x0} y=${b.bbox.top} width=${Math.max(0, b.bbox.x1 - b.bbox.x0)} height=${Math.max(0, b.bbox.bottom - b.bbox.top)}></rect>`;
        })}`,
        p.overlay,
      );
    }
  }

  /** Scroll so record `i`'s first cell is in view (near the top). Returns false when it has no cells. */
  scrollToRecord(i: number, doc: TrackerDocument): boolean {
    const cells = doc.records[i]?.cells;
    if (!cells) return false;
    const all = [...cells.recommendation, ...cells.response, ...cells.progress].sort((a, b) => a.page - b.page || a.bbox.top - b.bbox.top);
    const first = all[0];
    const p = first && this.pages[first.page - 1];
    if (!p) return false;
    const y = p.el.offsetTop + (first.bbox.top / p.size.height) * p.el.clientHeight - 24;
    this.container.scrollTo({ top: Math.max(0, y), behavior: matchMedia('(prefers-reduced-motion: reduce)').matches ? 'instant' : 'smooth' });
    return true;
  }

  /** Scroll to the top of 1-based page `n`. */
  scrollToPage(n: number): void {
    const p = this.pages[n - 1];
    if (p) this.container.scrollTo({ top: p.el.offsetTop - 8, behavior: 'instant' });
  }

  /** The 1-based page at the top of the visible area. */
  currentPage(): number {
    const top = this.container.scrollTop + 16;
    let n = 1;
    for (const p of this.pages) if (p.el.offsetTop <= top) n = p.n;
    return n;
  }

  get pageCount(): number {
    return this.pages.length;
  }

  async destroy(): Promise<void> {
    this.observer?.disconnect();
    this.resize?.disconnect();
    await this.renderer.destroy();
  }
}
