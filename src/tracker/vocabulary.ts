/**
 * The header vocabulary: one place that maps the header strings trackers print to record
 * fields (issue #3: "Committee's recommendation | Response | Progress", "Recommendation |
 * Response | Status", "Recommendation | Government response | RAG rating", a fourth "RAG"
 * column, a "No." column). The original strings are kept in the document's `columns`.
 */
import type { HeaderVerdict } from '../layout/table.ts';

/** The record field a column feeds. */
export type ColumnRole = 'number' | 'recommendation' | 'response' | 'progress' | 'rag';

/** Lower-case, straight apostrophes, single spaces, no trailing colon or full stop. */
export function normalizeHeader(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc`]/g, "'")
    .replace(/\s+/g, ' ')
    .replace(/[\s:.*]+$/, '')
    .trim();
}

const WHO =
  "(?:the )?(?:government|mayor|mayor's|mopac|gla|council|council's|executive|executive's|cabinet|cabinet member's|cabinet member|department|department's|nhs|met|body|body's|organisation|organisation's|agency|minister|authority|initial|formal|official|written|officer|officer's|officers'|management|service|portfolio holder's|lead member's|partner|partners')";
/** Anchored patterns per role; a header cell matches when its whole text does. */
export const ROLE_PATTERNS: Record<ColumnRole, RegExp> = {
  number: /^(?:no|no\.|number|#|ref|ref\.|ref no|reference|reference no|item|rec no|rec\. no|rec ref|recommendation ref|recommendation reference|recommendation no|id)$/,
  recommendation:
    /^(?:(?:further|additional|new|original) )?(?:(?:the )?(?:committee's|committees|committee|our|scrutiny|panel's|inquiry) )?recommendations?(?: made| number| no)?$|^what we (?:recommended|asked for)$/,
  // Council trackers call the executive's answer "Action taken" or "Agreed action" (issue #7).
  response: new RegExp(
    `^(?:(?:${WHO}(?:'s)? )?(?:response|responses|reply)(?: received| to date)?|actions? taken|agreed actions?|actions? agreed|response and actions?|management action|action plan)$`,
  ),
  progress:
    /^(?:progress|status|update|latest update|current status|progress to date|progress update|implementation|implementation status|implementation update|outcome|rag rating|rag status|progress and status|progress\/status|status update|current position|position|latest position|assessment|committee assessment|progress \(rag\)|brag status|brag rating)$/,
  rag: /^(?:rag|brag|rag status|rag rating|brag status|brag rating|rating|r\/a\/g|b\/r\/a\/g)$/,
};

/** The roles one header cell's text can have (several for "RAG rating": progress or rag). */
export function rolesOf(text: string): ColumnRole[] {
  const t = normalizeHeader(text);
  // A trailing note in brackets does not change what a column is: "Mayor's response (March
  // 2024)" is a response column (fixture cycling-caption-notes-wrapped-heading).
  const bare = t.replace(/\s*\([^()]*\)$/, '');
  return (Object.keys(ROLE_PATTERNS) as ColumnRole[]).filter((r) => ROLE_PATTERNS[r].test(t) || (bare !== t && bare !== '' && ROLE_PATTERNS[r].test(bare)));
}

/**
 * Classify a candidate header row. Accepted when it has a recommendation column and a
 * response or progress column. A RAG-like column is the RAG column only when another column
 * is the progress column; alone it is the progress column ("RAG rating", issue #3).
 */
/**
 * Keyword roles for short header cells the anchored patterns do not know ("Recommendations
 * made by the Committee", "Response from TfL", "Progress update (June 2024)"). Used only when a
 * whole row of short cells names at least three roles this way, so body text (long cells, one
 * keyword here and there) never becomes a header.
 */
const KEYWORDS: Array<[ColumnRole, RegExp]> = [
  ['recommendation', /\brecommendations?\b/],
  ['response', /\b(?:response|responses|reply|replied)\b/],
  ['progress', /\b(?:progress|status|update|outcome|position|implementation)\b/],
  ['rag', /\bb?rag\b/],
];
const MAX_KEYWORD_CELL_WORDS = 6;

function keywordRole(text: string): ColumnRole | null {
  const n = normalizeHeader(text);
  if (n.split(' ').length > MAX_KEYWORD_CELL_WORDS) return null;
  const hits = KEYWORDS.filter(([, re]) => re.test(n)).map(([r]) => r);
  return hits.length === 1 ? hits[0]! : hits.includes('rag') && hits.includes('progress') ? 'progress' : null;
}

/** Exact roles, with keyword roles filled in for unknown cells when the row then names ≥ 3 roles. */
function rolesWithKeywords(texts: string[]): ColumnRole[][] {
  const exact = texts.map(rolesOf);
  const combined = exact.map((o, k) => (o.length ? o : [keywordRole(texts[k] ?? '')].filter((r): r is ColumnRole => r !== null)));
  const distinct = new Set(combined.map((o) => o[0]).filter(Boolean));
  return combined.some((o, k) => o.length && !exact[k]?.length) && distinct.has('recommendation') && distinct.size >= 3 ? combined : exact;
}

export function classifyHeader(texts: string[]): HeaderVerdict {
  const options = rolesWithKeywords(texts);
  const roles: Array<ColumnRole | null> = options.map((o) => (o.length === 1 ? o[0]! : null));
  const progressOnly = options.some((o) => o.length === 1 && o[0] === 'progress');
  options.forEach((o, k) => {
    if (o.length > 1) roles[k] = o.includes('rag') && progressOnly ? 'rag' : o.includes('progress') ? 'progress' : o[0]!;
  });
  // A lone "RAG" column with no progress column is read as the progress verdict.
  if (!roles.includes('progress')) {
    const k = roles.indexOf('rag');
    if (k >= 0) roles[k] = 'progress';
  }
  // One role per column: a second column claiming a role already taken is unknown.
  const seen = new Set<ColumnRole>();
  roles.forEach((r, k) => {
    if (r && seen.has(r)) roles[k] = null;
    else if (r) seen.add(r);
  });
  const accepted = seen.has('recommendation') && (seen.has('response') || seen.has('progress')) && roles.filter(Boolean).length >= 2;
  return { roles, accepted };
}
