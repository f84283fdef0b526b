import { describe, it, expect } from 'vitest';
import { loadDictionary, tieredLookup } from '../../src/node/dictionary.ts';

describe('word list lookup', () => {
  it('finds words and only words, with the smallest SCOWL size a word has', () => {
    const isWord = tieredLookup([['banana', 35], ['apple', 10], ['cherry', 70], ['banana', 20], ['banan', 60]]);
    expect(['apple', 'banana', 'banan', 'cherry'].map(isWord)).toEqual([true, true, true, true]);
    expect(['', 'appl', 'cherryx', 'zzz'].map(isWord)).toEqual([false, false, false, false]);
    expect(['apple', 'banana', 'cherry', 'zzz'].map((w) => isWord.size!(w))).toEqual([10, 20, 70, Infinity]);
  });

  it('knows the words LaTeX hyphenates in the corpus and how common they are', async () => {
    const isWord = await loadDictionary();
    for (const w of ['recommendation', 'assessment', 'information', 'falcon', 'cooperate']) expect(isWord(w), w).toBe(true);
    for (const w of ['recommen', 'dation', 'inreach', 'hous']) expect(isWord(w), w).toBe(false);
    expect(isWord.size!('another')).toBe(10);
    expect(isWord.size!('falcon')).toBeGreaterThan(20);
  });
});
