/**
 * What a new user trips on (issue #14): messages, help, exit codes, --no-bom, --clean, the
 * report's furniture read back, COPY_RESTRICTED — and the README agreeing with --help.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT, FIXTURES, readBytes } from './helpers/fixtures.ts';
import { buildProgram } from '../src/cli.ts';
import { extractTracker } from '../src/index.ts';
import { readDocuments } from '../src/node/records.ts';
import { parseRecordsJson } from '../src/write/json.ts';
import { checkPdfBytes } from '../src/pdf/sniff.ts';

const BIN = path.join(ROOT, 'bin', 'impact-tracker.mjs');
interface Run {
  code: number;
  stdout: string;
  stderr: string;
}
function run(args: string[], cwd = ROOT): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: '1' } }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}
const tmp = () => mkdtempSync(path.join(tmpdir(), 'it-msg-'));
const SAMPLE = path.join(FIXTURES, 'online-crime-tracker.pdf');

describe('messages say what was read and where it went wrong', () => {
  it('a .json file with a syntax error: read as JSON, with its line and column (not the JSON Lines message)', () => {
    const text = '{\n  "schemaVersion": 2 "title": "x"\n}\n';
    expect(() => parseRecordsJson(text, 'edited.json')).toThrow('edited.json: read as JSON (one document or a list of them): not valid JSON at line 2, column 22');
    expect(() => parseRecordsJson('{"a":\n', 'cut.json')).toThrow(/cut\.json: read as JSON .*at the end/);
    // JSON Lines says so, and which line.
    expect(() => parseRecordsJson('{"id":"1"}\n{"id": 2,,}\n', 'records.jsonl')).toThrow(
      'records.jsonl: read as JSON Lines (one record object per line): line 2 is not valid JSON at column 10',
    );
  });

  it('the kind of input is decided before decoding: a PDF (even named .csv) gets no "not UTF-8" note', async () => {
    const dir = tmp();
    copyFileSync(SAMPLE, path.join(dir, 'tracker.csv'));
    const notes: string[] = [];
    const docs = await readDocuments(path.join(dir, 'tracker.csv'), { onNote: (n) => notes.push(n) });
    expect(docs[0]!.records).toHaveLength(11);
    expect(notes).toEqual([]);
    writeFileSync(path.join(dir, 'notes.txt'), 'caf\xe9');
    await expect(readDocuments(path.join(dir, 'notes.txt'), { onNote: (n) => notes.push(n) })).rejects.toThrow('give records as .json, .jsonl or .csv');
    expect(notes).toEqual([]);
  });

  it('PDF_PASSWORD on the command line names --password only', async () => {
    const r = await run(['report', path.join(FIXTURES, 'bad', 'encrypted-user.pdf'), '--out', path.join(tmp(), 'r.pdf')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('PDF_PASSWORD: this PDF is encrypted with a password; give it with --password <password>');
    expect(r.stderr).not.toContain('library');
  });

  it("errors inside a command point at that command's help; a missing input exits 2 in every command", async () => {
    const dir = tmp();
    const report = await run(['report', path.join(dir, 'missing.csv')]);
    expect(report.code).toBe(2);
    expect(report.stderr).toBe(`impact-tracker: FILE_NOT_FOUND: no such file: ${path.join(dir, 'missing.csv')} (see impact-tracker report --help)\n`);
    const extract = await run(['extract', path.join(dir, 'missing.pdf'), '--out', dir]);
    expect(extract.code).toBe(2);
    expect(extract.stderr).toContain('(see impact-tracker extract --help)');
    const compare = await run(['compare', 'a.json']);
    expect(compare.code).toBe(2);
    expect(compare.stderr).toMatch(/\(see impact-tracker compare --help\)\n$/);
    expect((await run(['bogus'])).stderr).toMatch(/\(see impact-tracker --help\)\n$/);
    // Commander's suggestion comes on one line, not with an escaped line break.
    const typo = await run(['extrct', 'input']);
    expect(typo.stderr).toBe("impact-tracker: unknown command 'extrct' (Did you mean extract?) (see impact-tracker --help)\n");
  });

  it('a text file in UTF-8 renamed .pdf is text, not binary data', () => {
    const utf8 = new TextEncoder().encode('Recommendation — Response — Progress\n£5 million for 2024–25\n');
    expect(checkPdfBytes(utf8)?.message).toContain('the file holds text');
    expect(checkPdfBytes(new Uint8Array([0x00, 0x01, 0x02, 0xff, 0xfe]))?.message).toContain('binary data');
  });
});

describe('folders, BOM, --clean, default report name', () => {
  let out = '';
  let input = '';
  beforeAll(async () => {
    input = tmp();
    copyFileSync(SAMPLE, path.join(input, 'tracker.pdf'));
    out = tmp();
    // Stale outputs of an earlier run, a person's corrections and a person's own files.
    writeFileSync(path.join(out, 'old.json'), '{\n  "schemaVersion": 2,\n  "source": {}\n}\n');
    writeFileSync(path.join(out, 'old.csv'), '\ufefffile,path,title,committee,table,id\r\n');
    writeFileSync(path.join(out, 'old.report.pdf'), '%PDF-1.7\n');
    writeFileSync(path.join(out, 'old.corrections.json'), '{}\n');
    writeFileSync(path.join(out, 'notes.json'), '{"mine": true}\n');
    writeFileSync(path.join(out, 'budget.csv'), 'year,amount\r\n');
  }, 60_000);

  it('--clean lists, then removes, only the outputs no input of this run produced; --no-bom writes CSV without a BOM', async () => {
    const r = await run(['extract', input, '--out', out, '--clean', '--no-bom', '--jobs', '1']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('removing 3 outputs no input of this run produced (--clean):');
    for (const gone of ['old.json', 'old.csv', 'old.report.pdf']) {
      expect(r.stderr).toContain(path.join(out, gone));
      expect(existsSync(path.join(out, gone)), gone).toBe(false);
    }
    for (const kept of ['old.corrections.json', 'notes.json', 'budget.csv', 'tracker.json', 'tracker.csv', 'tracker.report.pdf'])
      expect(existsSync(path.join(out, kept)), kept).toBe(true);
    expect(readFileSync(path.join(out, 'tracker.csv'), 'utf8').startsWith('file,path,')).toBe(true);
    expect(readFileSync(path.join(out, 'records.csv'), 'utf8').startsWith('file,path,')).toBe(true);
  }, 60_000);

  it('a folder holding only our own outputs says it skipped them; a folder run with some says how many', async () => {
    const r = await run(['extract', out, '--out', tmp()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("skipped 1 file that looks like this tool's own outputs — *.report.pdf, *.debug.pdf; name it to convert it");
    const mixed = tmp();
    copyFileSync(SAMPLE, path.join(mixed, 'a.pdf'));
    copyFileSync(path.join(out, 'tracker.report.pdf'), path.join(mixed, 'a.report.pdf'));
    copyFileSync(path.join(out, 'tracker.report.pdf'), path.join(mixed, 'b.debug.pdf'));
    const m = await run(['extract', mixed, '--out', tmp(), '--format', 'json', '--jobs', '1']);
    expect(m.code, m.stderr).toBe(0);
    expect(m.stderr).toContain("note  skipped 2 files that look like this tool's own outputs");
    expect(m.stderr).toContain('1 of 1 file converted');
  }, 60_000);

  it('report without --out writes X.report.pdf beside its first input; the CSV keeps its BOM by default', async () => {
    const dir = tmp();
    const e = await run(['extract', SAMPLE, '--out', dir, '--format', 'csv']);
    expect(e.code, e.stderr).toBe(0);
    expect(readFileSync(path.join(dir, 'online-crime-tracker.csv'), 'utf8').startsWith('\ufefffile,')).toBe(true);
    const r = await run(['report', path.join(dir, 'online-crime-tracker.csv')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`wrote ${path.join(dir, 'online-crime-tracker.report.pdf')}:`);
    // A report read back as records: its furniture is not the document's content.
    mkdirSync(path.join(dir, 'back'));
    const noTitle = readFileSync(path.join(dir, 'online-crime-tracker.csv'), 'utf8').replace(/"?Online crime: impact tracker"?,"?Police and Crime Committee"?/g, ',');
    writeFileSync(path.join(dir, 'back', 'untitled.csv'), noTitle);
    expect((await run(['report', path.join(dir, 'back', 'untitled.csv')])).code).toBe(0);
    const [doc] = await readDocuments(path.join(dir, 'back', 'untitled.report.pdf'));
    expect(doc).toMatchObject({ title: '', committee: '', intro: '' });
    expect(doc!.records).toHaveLength(11);
    // A name that would overwrite the input is refused.
    const self = await run(['report', path.join(dir, 'online-crime-tracker.report.pdf')]);
    expect(self.code).toBe(2);
    expect(self.stderr).toContain('would overwrite its input');
  }, 90_000);
});

it('COPY_RESTRICTED: a file whose owner forbids copying converts, with a warning', async () => {
  const { document } = await extractTracker(readBytes(path.join(FIXTURES, 'bad', 'copy-restricted.pdf')));
  expect(document.records).toHaveLength(11);
  expect(document.warnings.filter((w) => w.code === 'COPY_RESTRICTED')).toHaveLength(1);
  const plain = await extractTracker(readBytes(path.join(FIXTURES, 'bad', 'encrypted-owner-only.pdf')));
  expect(plain.document.warnings.map((w) => w.code)).not.toContain('COPY_RESTRICTED');
});

describe('help and README agree', () => {
  const program = buildProgram();
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  /** The README section documenting a command's options: from its heading to the next heading of that level or above. */
  const section = (heading: string) => {
    const start = readme.indexOf(heading);
    if (start < 0) throw new Error(`README has no ${heading}`);
    const level = /^#+/.exec(heading)![0].length;
    const rest = readme.slice(start + heading.length);
    const end = rest.search(new RegExp(`\\n#{1,${level}} `));
    return end < 0 ? rest : rest.slice(0, end);
  };
  const sections: Record<string, string> = {
    extract: '### `impact-tracker extract',
    search: '### `impact-tracker search',
    report: '## Report',
    compare: '### `impact-tracker compare',
    review: '### `impact-tracker review',
  };
  for (const command of program.commands) {
    it(`${command.name()}: every option in --help is in the README's table and back; --help has examples and the files it writes`, () => {
      const inHelp = command.options
        .map((o) => o.long!)
        .filter((l) => l !== '--help')
        .sort();
      const table = section(sections[command.name()]!)
        .split('\n')
        .filter((l) => l.startsWith('| `'))
        .flatMap((l) => [...l.split('|')[1]!.matchAll(/--[a-z][a-z-]*/g)].map((m) => m[0]));
      expect([...new Set(table)].sort()).toEqual(inHelp);
      let help = '';
      command.configureOutput({ writeOut: (s) => (help += s) });
      command.outputHelp();
      expect(help).toContain('Examples:');
      expect(help).toMatch(/Writes|Prints/);
    });
  }

  it('the exit codes in the README include 130 and the -q wording is the --help wording', () => {
    expect(section('### Exit codes')).toMatch(/\| 130 \|/);
    const quiet = program.commands.find((c) => c.name() === 'extract')!.options.find((o) => o.long === '--quiet')!;
    expect(readme).toContain(`| \`-q, --quiet\` | ${quiet.description} |`);
  });
});
