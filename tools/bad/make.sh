#!/usr/bin/env bash
# Recreate the bad-input fixtures in fixtures/bad/ from one good tracker PDF.
# Usage: tools/bad/make.sh [GOOD.pdf]     (default: fixtures/online-crime-tracker.pdf)
# Needs: qpdf (>= 11, for --update-from-json), img2pdf, poppler-utils (pdftoppm),
#        python3, and PIL for some python3 (python3-pil comes with img2pdf).
#   apt-get install -y qpdf img2pdf poppler-utils
# Deterministic: fixed seeds, fixed IDs, no dates; re-running gives identical bytes
# except the two encrypted-*.pdf (qpdf picks a random AES-256 file key).
set -euo pipefail
export LC_ALL=C TZ=UTC SOURCE_DATE_EPOCH=0

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
GOOD="${1:-$ROOT/fixtures/online-crime-tracker.pdf}"
[ -f "$GOOD" ] || GOOD=/work/shared/fixtures/online-crime-tracker.pdf
OUT="$ROOT/fixtures/bad"
TMP="$(mktemp -d)"; trap 'rm -rf "$TMP"' EXIT
mkdir -p "$OUT"
for t in qpdf img2pdf pdftoppm python3; do
  command -v "$t" >/dev/null || { echo "make.sh: missing $t" >&2; exit 1; }
done
SIZE=$(stat -c %s "$GOOD")

# --- not a PDF at all -------------------------------------------------------
: > "$OUT/empty.pdf"

cat > "$OUT/html-renamed.pdf" <<'HTML'
<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Online crime: impact tracker</title></head>
<body>
<h1>Online crime: impact tracker</h1>
<p>This is an HTML page saved with a .pdf name (e.g. a login or error page
downloaded instead of the report).</p>
<table>
<tr><th>Committee's recommendation</th><th>Response</th><th>Progress</th></tr>
<tr><td>Recommendation 1</td><td>Accepted</td><td>Implemented</td></tr>
</table>
</body>
</html>
HTML

# PNG: a small grey thumbnail of page 1 (pdftoppm PNG output has no timestamps)
pdftoppm -f 1 -l 1 -r 20 -gray -png "$GOOD" "$TMP/thumb"
cp "$TMP"/thumb-*1.png "$OUT/png-renamed.pdf"

cat > "$OUT/text-renamed.pdf" <<'TXT'
Online crime: impact tracker
Police and Crime Committee

This is a plain text file saved with a .pdf name.

Committee's recommendation | Response | Progress
Recommendation 1 | MOPAC says it is working with Operation Falcon. | Substantially accepted.
TXT

# --- damaged PDFs -------------------------------------------------------------
head -c $((SIZE / 2)) "$GOOD" > "$OUT/truncated-half.pdf"
# drop the last 1024 bytes: the whole xref table, trailer, startxref and %%EOF
# plus the end of the last object (the good file's xref+trailer is ~960 bytes)
head -c $((SIZE - 1024)) "$GOOD" > "$OUT/truncated-tail.pdf"

python3 - "$OUT/corrupt-garbage.pdf" <<'PY'
import random, sys
rng = random.Random(20260129)           # fixed seed
body = bytes(rng.getrandbits(8) for _ in range(16 * 1024))
open(sys.argv[1], "wb").write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + body)
PY

# --- encrypted ----------------------------------------------------------------
# --static-id/--static-aes-iv are qpdf's testing switches for reproducible output.
# NOTE: with AES-256 (R6) qpdf still draws a random file key, so these two files'
# bytes differ on every run (same structure, passwords and decrypted content).
qpdf --static-id --static-aes-iv --encrypt secret owner 256 -- "$GOOD" "$OUT/encrypted-user.pdf"
qpdf --static-id --static-aes-iv --encrypt "" owner 256 -- "$GOOD" "$OUT/encrypted-owner-only.pdf"
# The same, with the owner's permissions forbidding copying text (issue #14: COPY_RESTRICTED).
qpdf --static-id --static-aes-iv --encrypt "" owner-secret 256 --extract=n -- "$GOOD" "$OUT/copy-restricted.pdf"

# --- image only (no text layer) ----------------------------------------------
# 100 dpi 8-bit grey PNGs are ~220 KB a page, so posterise to 4 grey levels
# (still an 8-bit grey image, like a cheap scanner's output) to stay < 200 KB.
# Uses the PIL that img2pdf itself depends on (Debian python3-pil).
pdftoppm -f 1 -l 2 -r 100 -gray -png "$GOOD" "$TMP/page"
PYPIL=""
for py in /usr/bin/python3 python3; do
  if "$py" -c 'import PIL' 2>/dev/null; then PYPIL="$py"; break; fi
done
[ -n "$PYPIL" ] || { echo "make.sh: need python3 with PIL (apt-get install python3-pil)" >&2; exit 1; }
"$PYPIL" - "$TMP"/page-*.png <<'PY'
import sys
from PIL import Image
for fn in sys.argv[1:]:
    im = Image.open(fn).convert("L")
    im.point(lambda v: min(255, round(v / 85) * 85)).save(fn, optimize=True, dpi=(100, 100))
PY
img2pdf --engine internal --nodate --producer "impact-tracker tools/bad/make.sh" \
  -o "$OUT/scanned.pdf" "$TMP"/page-*.png

# --- valid text PDF without a tracker ----------------------------------------
python3 "$HERE/no_tracker.py" "$TMP/no-tracker.raw.pdf"
cp "$TMP/no-tracker.raw.pdf" "$OUT/no-tracker.pdf"

# --- tracker + JavaScript + AcroForm -----------------------------------------
python3 "$HERE/js_form.py" "$GOOD" > "$TMP/js-form.json"
qpdf --deterministic-id "$GOOD" --update-from-json="$TMP/js-form.json" "$OUT/javascript-form.pdf"

ls -l "$OUT"
