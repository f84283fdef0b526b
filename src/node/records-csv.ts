/**
 * The combined records.csv of a bulk run (Node only). Its header names the `extra` columns of
 * every file (a council's "Lead officer", issue #7), but a file's rows arrive long before the
 * last file is read, and the main thread keeps no documents. So each file's rows are written
 * in input order, laid out for that file's own extra columns, to a temp file that starts with
 * the fixed header; the writer remembers each file's extra headings and byte length. At the
 * end, when no file had extra columns, the temp file is renamed into place as it is (the
 * common case: no second pass). Otherwise records.csv is written again from it, one file's
 * rows at a time, with the header of every extra column and each file's cells moved under
 * their headings (issue #13: records.csv equals `documentsToCsv` of every document, in order).
 */
import { open, rm } from 'node:fs/promises';
import { documentsToCsv, relayoutCsvRows } from '../write/csv.ts';
import { WriteError } from '../errors.ts';
import { OrderedFileWriter, writeFailure, type WritableHandle } from './io.ts';

const utf8 = new TextEncoder();
const none = new Uint8Array(0);

/** A file's rows of records.csv: UTF-8 CSV rows (no header) laid out for `extras`. */
export interface CsvPiece {
  csv: Uint8Array;
  extras: readonly string[];
}

/**
 * records.csv from pieces that arrive out of order, with the guarantees of
 * {@link OrderedFileWriter}: a temp file until `finish()`, every write checked, and a failure
 * leaves no records.csv at all.
 */
export class RecordsCsvWriter {
  readonly file: string;
  private readonly body: OrderedFileWriter;
  private readonly pieces = new Map<number, { extras: readonly string[]; length: number }>();
  private headLength = 0;

  /** @param options.open as for {@link OrderedFileWriter} (tests inject failures). */
  constructor(file: string, options: { open?: (file: string) => Promise<WritableHandle> } = {}) {
    this.file = file;
    this.body = new OrderedFileWriter(file, options);
  }

  /** Open the temp file with the header of the fixed columns. @throws WriteError WRITE_FAILED */
  async open(): Promise<void> {
    const head = utf8.encode(documentsToCsv([]));
    this.headLength = head.length;
    await this.body.open(head);
  }

  /** Add file `k`'s rows (null: the file failed, it has none). A write error is kept for `finish()`. */
  push(k: number, piece: CsvPiece | null): Promise<void> {
    if (piece?.csv.length) this.pieces.set(k, { extras: piece.extras, length: piece.csv.length });
    return this.body.push(k, piece?.csv ?? none);
  }

  /**
   * Complete records.csv and rename it into place (`keep`), or remove it (`keep` false), as
   * {@link OrderedFileWriter.finish}.
   * @throws WriteError WRITE_FAILED; then no records.csv is left.
   */
  async finish(keep = true): Promise<void> {
    const order = [...this.pieces.keys()].sort((a, b) => a - b);
    const extras = [...new Set(order.flatMap((k) => this.pieces.get(k)!.extras))];
    if (!keep || !extras.length) return this.body.finish(keep);
    const tmp = await this.body.drain();
    const out = new OrderedFileWriter(this.file);
    let input: Awaited<ReturnType<typeof open>> | null = null;
    try {
      input = await open(tmp, 'r');
      await out.open(utf8.encode(documentsToCsv([], { extraHeadings: extras })));
      let at = this.headLength;
      for (const [n, k] of order.entries()) {
        const piece = this.pieces.get(k)!;
        const bytes = new Uint8Array(piece.length);
        for (let got = 0; got < piece.length; ) {
          const { bytesRead } = await input.read(bytes, got, piece.length - got, at + got);
          if (bytesRead === 0) throw new Error(`${tmp} ended early`);
          got += bytesRead;
        }
        at += piece.length;
        const same = piece.extras.length === extras.length && piece.extras.every((h, i) => h === extras[i]);
        await out.push(n, same ? bytes : utf8.encode(relayoutCsvRows(new TextDecoder().decode(bytes), piece.extras, extras)));
      }
      await out.finish();
    } catch (err) {
      await out.finish(false).catch(() => {});
      throw err instanceof WriteError ? err : writeFailure(this.file, err);
    } finally {
      await input?.close().catch(() => {});
      await rm(tmp, { force: true });
    }
  }
}
