/**
 * Text for the terminal (Node only). File names, PDF text quoted in messages (the headers a
 * TRACKER_NOT_FOUND lists, a value a RECORDS_INVALID quotes) and warnings come from the input:
 * printed raw, an escape sequence in them could clear the screen, recolour or hide a FAIL line,
 * or set the window title (issue #12). Every line the CLI prints goes through {@link printable}.
 */

/**
 * C0 controls (ESC, BEL, backspace, carriage return, …) and DEL, C1 controls (U+0080–U+009F,
 * among them the one-byte CSI U+009B), line and paragraph separators, and the bidirectional
 * overrides and isolates that can reorder what a line seems to say ("Trojan Source",
 * CVE-2021-42574). Tab is kept; newline only with `multiline`.
 */
const UNPRINTABLE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const UNPRINTABLE_KEEP_NEWLINE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * `text` made safe to print: each unprintable character (see above) becomes a visible escape,
 * `\x1b` or `\u202e`, so the reader sees that something odd is in a name instead of having the
 * terminal act on it. A newline is escaped too unless `multiline` (a stack trace), so an input
 * cannot fake a line of its own ("ok    good.pdf").
 * @example printable('a\x1b[2Jb.pdf') // 'a\\x1b[2Jb.pdf'
 */
export function printable(text: string, options: { multiline?: boolean } = {}): string {
  return String(text).replace(options.multiline ? UNPRINTABLE_KEEP_NEWLINE : UNPRINTABLE, (ch) => {
    const cp = ch.codePointAt(0)!;
    return cp <= 0xff ? `\\x${cp.toString(16).padStart(2, '0')}` : `\\u${cp.toString(16).padStart(4, '0')}`;
  });
}
