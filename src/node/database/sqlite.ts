/**
 * Node's built-in SQLite (`node:sqlite`), loaded on first use.
 *
 * Loaded lazily so that importing `impact-tracker/node` (or running a conversion that writes no
 * database) never loads it, and without the `ExperimentalWarning: SQLite is an experimental
 * feature` line Node 22.13–22.x prints when it is first loaded (issue #9: the package runs on
 * every Node the `engines` field admits, 22.13 or later; the module is stable in Node 24). Any
 * other warning still reaches the user.
 */
import type * as Sqlite from 'node:sqlite';

let loaded: typeof Sqlite | null = null;

/**
 * The `node:sqlite` module.
 * @throws whatever Node throws when the module is missing (Node older than 22.13).
 */
export function sqlite(): typeof Sqlite {
  if (loaded) return loaded;
  const emitWarning = process.emitWarning;
  process.emitWarning = function (this: NodeJS.Process, warning: string | Error, ...rest: unknown[]) {
    const text = typeof warning === 'string' ? warning : warning.message;
    const type = typeof rest[0] === 'string' ? rest[0] : (rest[0] as { type?: string } | undefined)?.type;
    if (/SQLite is an experimental feature/.test(text) || (type === 'ExperimentalWarning' && /sqlite/i.test(text))) return;
    return (emitWarning as (...args: unknown[]) => void).call(this, warning, ...rest);
  } as typeof process.emitWarning;
  try {
    loaded = process.getBuiltinModule('node:sqlite') as typeof Sqlite;
  } finally {
    process.emitWarning = emitWarning;
  }
  return loaded;
}
