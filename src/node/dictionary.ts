/**
 * The English word list used to undo automatic hyphenation (src/tracker/hyphen.ts), from the
 * `word-list` package (274,137 words, SCOWL-based). Loaded once per process, on first need:
 * only documents from hyphenating producers ask for it.
 */
import { readFile } from 'node:fs/promises';
import wordListPath from 'word-list';

let cached: Promise<(word: string) => boolean> | null = null;

/** Resolve to a lookup `isWord(lowercaseWord)`. */
export function loadDictionary(): Promise<(word: string) => boolean> {
  cached ??= readFile(wordListPath, 'utf8').then((text) => {
    const words = new Set(text.split('\n'));
    return (word: string) => words.has(word);
  });
  return cached;
}
