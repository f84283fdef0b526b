import { describe, it, expect } from 'vitest';
import { parseLabel } from '../../src/tracker/labels.ts';
import { classifyHeader, rolesOf } from '../../src/tracker/vocabulary.ts';
import { ragFromFill, ragFromText, ragFromWord } from '../../src/tracker/rag.ts';
import { loadHyphenators, makeHyphenDecider } from '../../src/tracker/hyphen.ts';
import { cellText } from '../../src/tracker/text.ts';
import { makeLine } from '../../src/layout/lines.ts';
import { item } from '../helpers/factories.ts';

describe('labels', () => {
  it('reads the label forms of issue 3', () => {
    expect(parseLabel('Recommendation 1:')).toMatchObject({ label: 'Recommendation 1', id: '1', rest: '' });
    expect(parseLabel('Recommendation 10')).toMatchObject({ label: 'Recommendation 10', id: '10' });
    expect(parseLabel('R1')).toMatchObject({ label: 'R1', id: '1', kind: 'word' });
    expect(parseLabel('Rec 3: The Mayor')).toMatchObject({ label: 'Rec 3', id: '3', rest: 'The Mayor' });
    expect(parseLabel('4. TfL should')).toMatchObject({ label: '4', id: '4', rest: 'TfL should', kind: 'number' });
    expect(parseLabel('The Mayor should')).toBeNull();
    expect(parseLabel('R 2 is not a label')).toBeNull();
    expect(parseLabel('2024 was a year')).toBeNull();
  });
});

describe('header vocabulary', () => {
  it('maps the wordings of issue 3 to fields', () => {
    expect(classifyHeader(["Committee's recommendation", 'Response', 'Progress'])).toEqual({ roles: ['recommendation', 'response', 'progress'], accepted: true });
    expect(classifyHeader(['Recommendation', 'Response', 'Status']).roles).toEqual(['recommendation', 'response', 'progress']);
    expect(classifyHeader(['Recommendation', 'Government response', 'RAG rating']).roles).toEqual(['recommendation', 'response', 'progress']);
    expect(classifyHeader(['Recommendation', 'Response', 'Progress', 'RAG']).roles).toEqual(['recommendation', 'response', 'progress', 'rag']);
    expect(classifyHeader(['No.', 'Recommendation', 'Lead', 'Response', 'Progress']).roles).toEqual(['number', 'recommendation', null, 'response', 'progress']);
    expect(classifyHeader(['Committee’s recommendation:', 'Response']).accepted).toBe(true);
    expect(classifyHeader(['Name', 'Age', 'Town']).accepted).toBe(false);
    expect(rolesOf('In progress.')).toEqual([]);
    // Wordings outside the vocabulary: keywords, when a whole row of short cells names 3 roles.
    expect(classifyHeader(['Recommendations made by the Committee', 'Response from TfL', 'Progress update (June 2024)'])).toEqual({
      roles: ['recommendation', 'response', 'progress'],
      accepted: true,
    });
    expect(classifyHeader(['The Committee recommended that TfL should publish its plans', 'The response was positive', 'Some progress']).accepted).toBe(false);
    expect(classifyHeader(['Recommendations of the panel', 'Notes']).accepted).toBe(false);
  });
});

describe('RAG', () => {
  it('reads fills by hue, including pale shades, and ignores greys and blues', () => {
    expect(ragFromFill([0, 0.69, 0.31])).toBe('green');
    expect(ragFromFill([1, 0.75, 0])).toBe('amber');
    expect(ragFromFill([0.96, 0.71, 0.71])).toBe('red');
    expect(ragFromFill([0.78, 0.88, 0.71])).toBe('green');
    expect(ragFromFill([0.94, 0.94, 0.94])).toBeNull();
    expect(ragFromFill([0.12, 0.22, 0.39])).toBeNull();
  });
  it('reads words and progress text by the tracker definitions', () => {
    expect(ragFromWord('Amber')).toBe('amber');
    expect(ragFromWord('G')).toBe('green');
    expect(ragFromText('This recommendation has not been accepted.')).toBe('red');
    expect(ragFromText('This recommendation has been accepted in part.')).toBe('amber');
    expect(ragFromText('There is some progress against this recommendation.')).toBe('amber');
    expect(ragFromText('This recommendation has been substantially accepted.')).toBe('green');
    expect(ragFromText('Awaiting response')).toBeNull();
  });
});

describe('hyphens at line ends', () => {
  const words = new Set(['recommendation', 'in', 'reach', 'long', 'term', 'patient', 'formation']);
  const isWord = (w: string) => words.has(w);
  it('keeps the author’s hyphens from a producer that does not hyphenate, and joins only optional ones', () => {
    expect(makeHyphenDecider({ autoHyphenation: false, documentText: [] })('recommen', 'dation')).toEqual({ keep: true, evidence: 'producer' });
    const decide = makeHyphenDecider({ autoHyphenation: false, documentText: ['a long-term plan'], isWord });
    expect(decide('recommen', 'dation')).toEqual({ keep: false, evidence: 'dictionary' }); // no compound could be "recommen-dation"
    expect(decide('long', 'term')).toEqual({ keep: true, evidence: 'document' });
    expect(decide('in', 'reach')).toEqual({ keep: true, evidence: 'producer' });
    expect(decide('in', 'formation')).toEqual({ keep: true, evidence: 'producer' }); // both parts words: the author's
  });
  it('for TeX: drops hyphenation, keeps compounds, follows the document’s own spelling', () => {
    const decide = makeHyphenDecider({ autoHyphenation: true, documentText: ['the long-term plan', 'an information leaflet', 'FALCON’s teams', 'on cyber-crime and'], isWord });
    const keep = (l: string, r: string) => decide(l, r).keep;
    expect(keep('recommen', 'dation')).toBe(false);
    expect(keep('pa', 'tient’s')).toBe(false);
    expect(keep('Octo', 'ber')).toBe(false);
    expect(keep('in', 'reach')).toBe(true);
    expect(keep('long', 'term')).toBe(true);
    expect(keep('in', 'formation')).toBe(false); // "information" appears unbroken in the document
    expect(keep('2016', '17')).toBe(true);
    expect(keep('Anglo', 'Saxon')).toBe(true); // a capital after the break: the word has one there
    expect(decide('FAL', 'CON')).toEqual({ keep: false, evidence: 'document' }); // "FALCON’s" elsewhere
    expect(decide('cyber', 'criminals')).toEqual({ keep: true, evidence: 'document' }); // "cyber-crime" elsewhere
    expect(decide('in', 'reach')).toEqual({ keep: true, evidence: 'dictionary' }); // both parts words, the whole none: a compound
  });
  it('uses TeX’s patterns: a break they do not allow is the author’s hyphen', async () => {
    const hyphenators = await loadHyphenators();
    const decide = makeHyphenDecider({
      autoHyphenation: true,
      documentText: [],
      isWord: (w) => ['codesigned', 'designed', 'ring', 'fenced', 'bar', 'clays', 'december'].includes(w),
      hyphenators,
    });
    expect(decide('co', 'designed')).toEqual({ keep: true, evidence: 'patterns' }); // TeX breaks "code-signed"
    expect(decide('ring', 'fenced').keep).toBe(true); // British patterns allow ring|fenced; both parts are words
    expect(decide('De', 'cember').keep).toBe(false);
    expect(decide('Bar', 'clays')).toEqual({ keep: false, evidence: 'guess' }); // a name broken at a legal point
  });
});

describe('cell text', () => {
  const opts = { pitch: 12, paragraphStep: 1.2, rightLimit: () => 300, keepHyphen: () => ({ keep: true, evidence: 'producer' as const }) };
  const line = (text: string, top: number, x0 = 50, page = 1) => makeLine([item({ text, x0, top, page, width: text.length * 5 })]);
  it('joins paragraph lines with a space and separates paragraphs by a blank line', () => {
    const l = [line('The first paragraph runs over', 100), line('two lines.', 112), line('A second paragraph.', 130)];
    expect(cellText(l, opts)).toBe('The first paragraph runs over two lines.\n\nA second paragraph.');
  });
  it('writes bullets as "• item" lines, whatever the marker, with hanging indents joined', () => {
    const l = [line('Intro:', 100), line('– first item that wraps', 118), line('onto a second line', 130, 62), line('– second item', 142)];
    expect(cellText(l, opts)).toBe('Intro:\n\n• first item that wraps onto a second line\n• second item');
  });
  it('joins a hyphen inside a word without a space and continues over a page break', () => {
    const l = [line('work on cyber-', 100), line('crime in the 2016–', 112), line('17 survey', 50, 50, 2)];
    expect(cellText(l, opts)).toBe('work on cyber-crime in the 2016–17 survey');
  });
});
