import { describe, it, expect } from 'vitest';
import { validateDocument, validateRecord, ValidationError } from '../src/index.ts';

const record = { id: '1', label: 'Recommendation 1', recommendation: 'Do it.', response: 'Done.', progress: 'Accepted.', rag: 'green', ragSource: 'fill', table: 1, pages: [1] };
const doc = {
  schemaVersion: 1,
  source: { file: 'x.pdf', pages: 1, sha256: '' },
  title: 'T',
  committee: 'C',
  columns: ['Recommendation', 'Response', 'Progress'],
  records: [record],
};

describe('schema', () => {
  it('accepts a valid document and fills defaults', () => {
    const d = validateDocument(doc);
    expect(d.warnings).toEqual([]);
    expect(d.records[0]!.rag).toBe('green');
  });

  it('rejects a record with a missing field, naming the record and field', () => {
    const { response: _r, ...missing } = record;
    const err = (() => {
      try {
        validateDocument({ ...doc, records: [record, { ...missing, id: '2' }] });
      } catch (e) {
        return e;
      }
    })() as ValidationError;
    expect(err).toBeInstanceOf(ValidationError);
    expect(err.code).toBe('VALIDATION');
    expect(err.message).toContain('record 2 records[1].response');
    expect(err.issues[0]).toMatchObject({ recordId: '2', path: 'records[1].response' });
  });

  it('rejects a bad RAG value, naming the record and field', () => {
    expect(() => validateRecord({ ...record, rag: 'purple' })).toThrow(ValidationError);
    try {
      validateRecord({ ...record, rag: 'purple' });
    } catch (e) {
      const err = e as ValidationError;
      expect(err.code).toBe('VALIDATION');
      expect(err.message).toMatch(/record 1 rag: .*"red"\|"amber"\|"green"/);
    }
  });

  it('rejects an empty id and a non-integer page', () => {
    expect(() => validateRecord({ ...record, id: '' })).toThrow(/id: must be a non-empty string/);
    expect(() => validateRecord({ ...record, pages: [1.5] })).toThrow(/pages\[0\]/);
  });
});

describe('extract options', () => {
  it('rejects unknown and out-of-range options with INVALID_OPTIONS naming them', async () => {
    const { extractTracker, OptionsError } = await import('../src/index.ts');
    const bytes = new Uint8Array([37, 80, 68, 70, 45]);
    await expect(extractTracker(bytes, { pasword: 'x' } as never)).rejects.toThrow(OptionsError);
    await expect(extractTracker(bytes, { pasword: 'x' } as never)).rejects.toThrow(/pasword/);
    await expect(extractTracker(bytes, { paragraphStep: 5 })).rejects.toMatchObject({ code: 'INVALID_OPTIONS', message: expect.stringMatching(/paragraphStep/) });
    await expect(extractTracker(bytes, { table: { rowRulingSpan: 2 } })).rejects.toThrow(/table\.rowRulingSpan/);
    await expect(extractTracker(bytes, { onPage: 3 } as never)).rejects.toThrow(/onPage: must be a function/);
  });
});
