import { describe, it, expect } from 'vitest';
import { loadDictionary, sortedListLookup } from '../../src/node/dictionary.ts';

describe('word list lookup', () => {
  it('finds words and only words, also in an unsorted list', () => {
    const isWord = sortedListLookup('apple\nbanana\ncherry\nbanan\n');
    expect(['apple', 'banana', 'banan', 'cherry'].map(isWord)).toEqual([true, true, true, true]);
    expect(['', 'appl', 'cherryx', 'zzz'].map(isWord)).toEqual([false, false, false, false]);
  });

  it('knows the words LaTeX hyphenates in the corpus and rejects the fragments', async () => {
    const isWord = await loadDictionary();
    for (const w of ['recommendation', 'assessment', 'information', 'manlihood', 'manlily', 'sharrowed']) expect(isWord(w), w).toBe(true);
    for (const w of ['recommen', 'dation', 'inreach', 'hous']) expect(isWord(w), w).toBe(false);
  });
});
