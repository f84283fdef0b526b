/**
 * The "what changed" report of `impact-tracker compare` (issue #10): a comparison → a page
 * plan (pure), drawn and tagged by the same draw.ts / tags.ts as the tracker report.
 *
 * Page 1: title, committee, what was compared, the date, the summary sentence and a table of
 * RAG counts before and after. Then one section per kind of change — RAG moved, text updated,
 * new, removed — each recommendation under its label with "Amber → Green", and each changed
 * field as a word-level diff: inserted words underlined, deleted words struck through (and in
 * colour, never by colour alone; the paragraph's /ActualText reads "[inserted: …]" and
 * "[deleted: …]" for screen readers). Unchanged recommendations are listed by label.
 */
import type { RagStatus, RecordField } from '../../schema.ts';
import type { DiffSegment, RecordChange, TrackerComparison } from '../../compare/index.ts';
import type { ReportPlan, StructNode } from './plan.ts';
import {
  BODY,
  BRAND_SIZE,
  fitTitle,
  Flow,
  footers,
  geometry,
  LAYOUT,
  PAGINATION,
  paragraph,
  simpleTable,
  SUB_HEADING,
  tag,
  Tree,
  TITLE,
  Unprintable,
  unprintableWarnings,
  type Ctx,
  type LayoutSettings,
} from './layout.ts';
import { COLOURS, RAG_ORDER, RAG_STYLE } from './style.ts';
import { drawable, width, type Face, type Faces } from './text.ts';

/** What the changes report prints besides the comparison. */
export interface ChangesSettings {
  title: string | null;
  date: string;
  generated: string;
  landscape: boolean;
}

const ENTRY = { labelSize: 10.5, labelLeading: 14, fieldSize: 9.5, leading: 12.5, gap: 10, indent: 12 } as const;
const FIELD_NAMES: Record<RecordField, string> = { recommendation: 'Recommendation', response: 'Response', progress: 'Progress' };
const ragWord = (r: RagStatus | null) => RAG_STYLE[r ?? 'none'].word;

interface Run {
  text: string;
  op: DiffSegment['op'];
}

/** Greedy wrap of diff runs into lines of runs no wider than `max` (spaces kept inside runs). */
export function wrapRuns(segments: DiffSegment[], f: Face, size: number, max: number, missing: Set<string>): Run[][] {
  const tokens: Run[] = [];
  for (const s of segments)
    for (const t of drawable(s.text, f, missing)
      .replace(/\s+/g, ' ')
      .split(/(?<= )/))
      if (t) tokens.push({ text: t, op: s.op });
  const lines: Run[][] = [];
  let line: Run[] = [];
  let w = 0;
  for (const t of tokens) {
    const tw = width(f, t.text.trimEnd(), size);
    if (line.length && w + tw > max) {
      lines.push(line);
      line = [];
      w = 0;
      if (t.text === ' ') continue;
    }
    const last = line[line.length - 1];
    if (last && last.op === t.op) last.text += t.text;
    else line.push({ ...t });
    w += width(f, t.text, size);
  }
  if (line.length) lines.push(line);
  return lines;
}

/** The field's diff as words for a screen reader: "… [deleted: old words] [inserted: new words] …". */
export function diffActualText(segments: DiffSegment[]): string {
  return segments
    .map((s) => (s.op === 'same' ? s.text : ` [${s.op === 'added' ? 'inserted' : 'deleted'}: ${s.text.trim()}] `))
    .join('')
    .replace(/\s+/g, ' ')
    .replace(/\s+([.,;:!?])/g, '$1')
    .trim();
}

function diffParagraph(ctx: Ctx, parent: StructNode, segments: DiffSegment[], place: string): void {
  const { flow, faces, tree } = ctx;
  const g = flow.g;
  const missing = new Set<string>();
  // 8 pt spare for the gaps drawn between a deletion and an insertion that touch.
  const lines = wrapRuns(segments, faces.regular, ENTRY.fieldSize, g.contentWidth - ENTRY.indent - 8, missing);
  ctx.unprintable.note(place, missing);
  const p = tree.add('P', parent, { actualText: diffActualText(segments) });
  for (const line of lines) {
    if (flow.y + ENTRY.leading > g.bottom) flow.breakPage();
    let x = g.left + ENTRY.indent;
    const baseline = flow.y + ENTRY.fieldSize;
    let prev: Run | null = null;
    for (const run of line) {
      // "no" struck through then "Implemented" underlined: a gap so they do not read as one word.
      if (prev && prev.op !== 'same' && run.op !== 'same' && prev.op !== run.op && !/\s$/.test(prev.text)) x += ENTRY.fieldSize * 0.35;
      prev = run;
      const text = run.text;
      const w = width(faces.regular, text.trimEnd(), ENTRY.fieldSize);
      const colour = run.op === 'added' ? RAG_STYLE.green.fill : run.op === 'removed' ? RAG_STYLE.red.fill : COLOURS.text;
      flow.text(x, baseline, text.trimEnd(), false, ENTRY.fieldSize, colour, tag(p));
      if (run.op === 'removed')
        flow.push({ kind: 'line', x0: x, y0: baseline - ENTRY.fieldSize * 0.3, x1: x + w, y1: baseline - ENTRY.fieldSize * 0.3, thickness: 0.8, colour, mark: LAYOUT });
      if (run.op === 'added') flow.push({ kind: 'line', x0: x, y0: baseline + 1.6, x1: x + w, y1: baseline + 1.6, thickness: 0.8, colour, mark: LAYOUT });
      x += width(faces.regular, text, ENTRY.fieldSize);
    }
    flow.y += ENTRY.leading;
  }
}

function entryHeading(ctx: Ctx, parent: StructNode, c: RecordChange): void {
  const { flow } = ctx;
  // Keep the heading with at least three lines of what follows.
  if (flow.y + ENTRY.labelLeading + 3 * ENTRY.leading > flow.g.bottom) flow.breakPage();
  const renumbered = c.oldId !== null && c.newId !== null && c.oldId !== c.newId ? ` (was ${c.oldId})` : '';
  const rag =
    c.status === 'moved'
      ? `: ${ragWord(c.ragFrom)} → ${ragWord(c.ragTo)}`
      : c.status === 'added'
        ? `: ${ragWord(c.ragTo)}`
        : c.status === 'removed'
          ? ` (was ${ragWord(c.ragFrom)})`
          : `: ${ragWord(c.ragTo)}`;
  paragraph(ctx, parent, 'H3', `${c.label}${renumbered}${rag}`, {
    size: ENTRY.labelSize,
    leading: ENTRY.labelLeading,
    bold: true,
    colour: COLOURS.accent,
    after: 2,
    place: `record ${c.newId ?? c.oldId}`,
  });
}

function fieldLabel(ctx: Ctx, parent: StructNode, text: string): void {
  const { flow } = ctx;
  if (flow.y + 2 * ENTRY.leading > flow.g.bottom) flow.breakPage();
  paragraph(ctx, parent, 'P', text, { size: 8.5, leading: 11, bold: true, colour: COLOURS.muted, place: text });
}

function plainField(ctx: Ctx, parent: StructNode, text: string, place: string): void {
  paragraph(ctx, parent, 'P', text, { size: ENTRY.fieldSize, leading: ENTRY.leading, indent: ENTRY.indent, place });
}

function section(ctx: Ctx, root: StructNode, title: string, changes: RecordChange[], body: (sect: StructNode, c: RecordChange) => void): void {
  if (!changes.length) return;
  const { flow, tree } = ctx;
  flow.y += 6;
  if (flow.y + SUB_HEADING.leading + ENTRY.labelLeading + 3 * ENTRY.leading > flow.g.bottom) flow.breakPage();
  const sect = tree.add('Sect', root);
  paragraph(ctx, sect, 'H2', `${title} (${changes.length})`, {
    size: SUB_HEADING.size,
    leading: SUB_HEADING.leading,
    bold: true,
    colour: COLOURS.accent,
    after: SUB_HEADING.after,
    place: title,
  });
  for (const c of changes) {
    entryHeading(ctx, sect, c);
    body(sect, c);
    flow.y += ENTRY.gap;
  }
}

/**
 * Lay out the changes report of `cmp`.
 * @param faces measured fonts (the same the drawing uses).
 */
export function layoutChanges(cmp: TrackerComparison, faces: Faces, settings: ChangesSettings): ReportPlan {
  const g = geometry(settings.landscape);
  const tree = new Tree();
  const flow = new Flow(g);
  const layoutSettings: LayoutSettings = {
    title: settings.title,
    committee: null,
    subtitle: null,
    date: settings.date,
    generated: settings.generated,
    landscape: settings.landscape,
    sort: 'document',
    only: null,
    groupBy: 'table',
    withIntro: false,
  };
  const ctx: Ctx = { flow, tree, faces, settings: layoutSettings, unprintable: new Unprintable() };
  const root = tree.add('Document', null);
  flow.addPage();
  flow.text(g.left, flow.y + BRAND_SIZE, 'Impact tracker report: what changed', true, BRAND_SIZE, COLOURS.accent, PAGINATION);
  flow.y += BRAND_SIZE + 12;
  const title = settings.title ?? `What changed: ${cmp.new.title || cmp.new.file}`;
  const missing = new Set<string>();
  const fitted = fitTitle(title, faces.bold, g.contentWidth, missing);
  ctx.unprintable.note('title', missing);
  const h1 = tree.add('H1', root, missing.size ? { actualText: title } : {});
  for (const line of fitted.lines) {
    flow.text(g.left, flow.y + fitted.size * 0.95, line, true, fitted.size, COLOURS.accent, tag(h1));
    flow.y += fitted.size * TITLE.leading;
  }
  const n = (k: number) => `${k} recommendation${k === 1 ? '' : 's'}`;
  if (cmp.new.committee.trim()) paragraph(ctx, root, 'P', cmp.new.committee, { size: 12, leading: 15.6, colour: COLOURS.muted, after: 4, place: 'committee' });
  paragraph(ctx, root, 'P', `Comparing ${cmp.old.file} (${n(cmp.old.records)}) with ${cmp.new.file} (${n(cmp.new.records)}).`, {
    size: BODY.size,
    leading: BODY.leading,
    after: 2,
    place: 'files',
  });
  paragraph(ctx, root, 'P', settings.date, { size: BODY.size, leading: BODY.leading, colour: COLOURS.muted, after: 10, place: 'date' });
  paragraph(ctx, root, 'P', cmp.summaryText, { size: 11, leading: 14.5, bold: true, after: 4, place: 'summary' });
  paragraph(ctx, root, 'P', 'In the changes below, inserted words are underlined and deleted words are struck through.', {
    size: BODY.size,
    leading: BODY.leading,
    colour: COLOURS.muted,
    after: 10,
    place: 'legend',
  });
  const statuses = RAG_ORDER.filter((r) => r !== 'blue' || cmp.old.rag.blue + cmp.new.rag.blue > 0);
  simpleTable(
    ctx,
    root,
    ['RAG status', 'Before', 'After', 'Change'],
    [0.4, 0.2, 0.2, 0.2],
    [
      ...statuses.map((r) => {
        const d = cmp.new.rag[r] - cmp.old.rag[r];
        return { cells: [RAG_STYLE[r].word, String(cmp.old.rag[r]), String(cmp.new.rag[r]), d > 0 ? `+${d}` : d < 0 ? `−${-d}` : '0'] };
      }),
      {
        cells: [
          'Total',
          String(cmp.old.records),
          String(cmp.new.records),
          cmp.new.records - cmp.old.records > 0 ? `+${cmp.new.records - cmp.old.records}` : cmp.new.records < cmp.old.records ? `−${cmp.old.records - cmp.new.records}` : '0',
        ],
        bold: true,
      },
    ],
    [false, true, true, true],
  );
  const of = (s: RecordChange['status']) => cmp.changes.filter((c) => c.status === s);
  const changedFields = (sect: StructNode, c: RecordChange) => {
    for (const f of c.fields) {
      fieldLabel(ctx, sect, `${FIELD_NAMES[f]}:`);
      diffParagraph(ctx, sect, c.diffs[f] ?? [], `record ${c.newId} ${f}`);
    }
    if (!c.fields.length) fieldLabel(ctx, sect, 'Text unchanged.');
  };
  section(ctx, root, 'RAG status moved', of('moved'), changedFields);
  section(ctx, root, 'Text updated', of('updated'), changedFields);
  const whole = (which: 'old' | 'new') => (sect: StructNode, c: RecordChange) => {
    const t = c[which];
    if (!t) return;
    for (const f of ['recommendation', 'progress'] as const) {
      if (!t[f].trim()) continue;
      fieldLabel(ctx, sect, `${FIELD_NAMES[f]}:`);
      plainField(ctx, sect, t[f], `record ${c.newId ?? c.oldId} ${f}`);
    }
  };
  section(ctx, root, 'New recommendations', of('added'), whole('new'));
  section(ctx, root, 'Removed recommendations', of('removed'), whole('old'));
  const same = of('unchanged');
  if (same.length) {
    flow.y += 6;
    const sect = tree.add('Sect', root);
    paragraph(ctx, sect, 'H2', `Unchanged (${same.length})`, {
      size: SUB_HEADING.size,
      leading: SUB_HEADING.leading,
      bold: true,
      colour: COLOURS.accent,
      after: SUB_HEADING.after,
      place: 'unchanged',
    });
    paragraph(ctx, sect, 'P', same.map((c) => `${c.label} (${ragWord(c.ragTo)})`).join('; ') + '.', { size: BODY.size, leading: BODY.leading, place: 'unchanged' });
  }
  footers(
    flow.pages,
    flow.pages.map(() => cmp.new.file),
    settings.generated,
    faces,
  );
  return {
    pages: flow.pages,
    nodes: tree.nodes,
    outline: [],
    title,
    subject: cmp.summaryText,
    warnings: unprintableWarnings(ctx.unprintable),
  };
}
