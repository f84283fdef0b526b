/**
 * Is it a PDF at all? The checks made before pdf.js is asked to open a file, without pdf.js:
 * `extract --list` uses them to say which files a run would refuse without loading pdf.js.
 */
import type { ErrorCode } from '../errors.ts';

/** How far into the file the `%PDF-` header may start (PDF 32000-1 §7.5.2 readers allow junk before it; pdf.js searches 1024 bytes). */
const HEADER_SEARCH_BYTES = 1024;

/** True when `%PDF-` appears in the first 1024 bytes. */
export function hasPdfHeader(bytes: Uint8Array): boolean {
  const limit = Math.min(bytes.length - 5, HEADER_SEARCH_BYTES);
  for (let i = 0; i <= limit; i++) {
    if (bytes[i] === 0x25 && bytes[i + 1] === 0x50 && bytes[i + 2] === 0x44 && bytes[i + 3] === 0x46 && bytes[i + 4] === 0x2d) return true;
  }
  return false;
}

function describeStart(bytes: Uint8Array): string {
  const head = String.fromCharCode(...bytes.subarray(0, 64)).toLowerCase();
  if (bytes[0] === 0x89 && head.startsWith('\x89png')) return 'a PNG image';
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return 'a JPEG image';
  if (head.includes('<html') || head.includes('<!doctype')) return 'an HTML page';
  if (head.startsWith('pk')) return 'a ZIP archive (a .docx or .odt?)';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: tab, newline and return are the control characters plain text may hold
  if (/^[\x09\x0a\x0d\x20-\x7e]*$/.test(head)) return 'plain text';
  // Text in UTF-8 (an em dash, a pound sign) is still text, not binary data.
  try {
    // `stream`: a character cut off at the sample's end is held back, not an error.
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, HEADER_SEARCH_BYTES), { stream: true });
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters other than tab, newline and return mean binary data
    if (!/[\x00-\x08\x0b\x0c\x0e-\x1f]/.test(text)) return 'text';
  } catch {
    // not UTF-8
  }
  return 'binary data';
}

/**
 * Why `bytes` cannot be a PDF — EMPTY_FILE (0 bytes) or NOT_PDF (no `%PDF-` header in the first
 * 1024 bytes: an HTML page, an image, a Word file renamed) — with the message a person can act
 * on; null when it may be one (pdf.js decides the rest).
 */
export function checkPdfBytes(bytes: Uint8Array): { code: Extract<ErrorCode, 'EMPTY_FILE' | 'NOT_PDF'>; message: string } | null {
  if (bytes.length === 0) return { code: 'EMPTY_FILE', message: 'the file is empty (0 bytes); it was probably not saved or downloaded completely' };
  if (!hasPdfHeader(bytes)) return { code: 'NOT_PDF', message: `not a PDF: the file holds ${describeStart(bytes)}, with no "%PDF-" header; export or print it to PDF first` };
  return null;
}
