/**
 * The report's colours, shared by layout and chart. Text colours meet the WCAG 2 contrast
 * ratio of at least 4.5:1 on their background (issue #10; checked by
 * test/write/report-layout.test.ts).
 */
import type { RagStatus } from '../../schema.ts';
import type { Colour } from './plan.ts';

export const COLOURS = {
  text: '#1a1a1a',
  muted: '#595959',
  footer: '#595959',
  accent: '#1f3864',
  headerText: '#ffffff',
  rule: '#a6a6a6',
  notRated: '#595959',
  band: '#eef1f6',
} as const satisfies Record<string, Colour>;

/**
 * RAG chip fill, the text printed on it and the word (RAG is never shown by colour alone).
 * Fills darkened where white text on them fell below 4.5:1 (green #2e8b57 gave 4.3:1).
 */
export const RAG_STYLE: Record<RagStatus | 'none', { fill: Colour; text: Colour; word: string }> = {
  red: { fill: '#b8312a', text: '#ffffff', word: 'Red' },
  amber: { fill: '#f5a623', text: '#1a1a1a', word: 'Amber' },
  green: { fill: '#2a7a45', text: '#ffffff', word: 'Green' },
  blue: { fill: '#2f5f9e', text: '#ffffff', word: 'Blue' },
  none: { fill: '#8c8c8c', text: '#1a1a1a', word: 'Not rated' },
};
/** Order of RAG statuses in charts, counts, `--sort rag` and `--group-by rag` (worst first). */
export const RAG_ORDER: Array<RagStatus | 'none'> = ['red', 'amber', 'green', 'blue', 'none'];
