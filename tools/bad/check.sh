#!/usr/bin/env bash
# Assert that each fixture in fixtures/bad/ is broken in exactly the intended way.
# Usage: tools/bad/check.sh     (needs qpdf, poppler-utils; node for the pdf.js probe)
set -uo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
D="$ROOT/fixtures/bad"
GOOD="$ROOT/fixtures/online-crime-tracker.pdf"
[ -f "$GOOD" ] || GOOD=/work/shared/fixtures/online-crime-tracker.pdf
fail=0
ok()  { echo "ok   $*"; }
bad() { echo "FAIL $*"; fail=1; }
t()   { local msg="$1"; shift; if "$@" >/dev/null 2>&1; then ok "$msg"; else bad "$msg"; fi; }
nt()  { local msg="$1"; shift; if "$@" >/dev/null 2>&1; then bad "$msg"; else ok "$msg"; fi; }
small() { [ "$(stat -c %s "$1")" -lt 204800 ]; }
# has REGEX [pdftotext options] FILE  (output captured first: grep -q + pipefail would SIGPIPE)
has()   { local txt; txt="$(pdftotext "${@:2}" - 2>/dev/null)"; grep -Eq -- "$1" <<<"$txt"; }

for f in "$D"/*.pdf; do t "$(basename "$f") < 200 KB" small "$f"; done

t  "empty.pdf is 0 bytes"                    test ! -s "$D/empty.pdf"
for f in html png text; do
  nt "$f-renamed.pdf has no %PDF header"      grep -q '^%PDF' <(head -c 1024 "$D/$f-renamed.pdf")
  nt "$f-renamed.pdf fails qpdf --check"      qpdf --check "$D/$f-renamed.pdf"
done
t  "png-renamed.pdf is a PNG"                 grep -q 'PNG' <(head -c 8 "$D/png-renamed.pdf")
t  "corrupt-garbage.pdf starts %PDF-1.7"      grep -q '^%PDF-1.7' <(head -c 9 "$D/corrupt-garbage.pdf")
for f in corrupt-garbage truncated-half truncated-tail; do
  nt "$f.pdf fails qpdf --check"              qpdf --check "$D/$f.pdf"
  nt "$f.pdf gives no text (pdftotext)"       has . "$D/$f.pdf"
done
nt "truncated-tail.pdf has no startxref/%%EOF" grep -aq -e startxref -e '%%EOF' "$D/truncated-tail.pdf"
t  "truncated-tail.pdf is good PDF minus 1024 B" \
   test "$(stat -c %s "$D/truncated-tail.pdf")" -eq $(( $(stat -c %s "$GOOD") - 1024 ))
t  "truncated-half.pdf is half the good PDF" \
   test "$(stat -c %s "$D/truncated-half.pdf")" -eq $(( $(stat -c %s "$GOOD") / 2 ))

nt "encrypted-user.pdf: no password -> refused (pdftotext)"  pdftotext "$D/encrypted-user.pdf" -
nt "encrypted-user.pdf: wrong password -> refused"           pdftotext -upw wrong "$D/encrypted-user.pdf" -
t  "encrypted-user.pdf: 'secret' -> tracker text"  has "Committee's recommendation" -upw secret "$D/encrypted-user.pdf"
t  "encrypted-user.pdf: qpdf --check --password=secret" qpdf --check --password=secret "$D/encrypted-user.pdf"
t  "encrypted-owner-only.pdf: qpdf --check (no password)" qpdf --check "$D/encrypted-owner-only.pdf"
t  "encrypted-owner-only.pdf: is encrypted"   grep -q 'Encrypted: *yes' <(pdfinfo "$D/encrypted-owner-only.pdf")
t  "encrypted-owner-only.pdf: text == good"   cmp <(pdftotext "$D/encrypted-owner-only.pdf" -) <(pdftotext "$GOOD" -)
t  "copy-restricted.pdf: copying forbidden"   grep -q 'extract for any purpose: not allowed' <(qpdf --show-encryption "$D/copy-restricted.pdf")

t  "scanned.pdf: qpdf --check"                qpdf --check "$D/scanned.pdf"
t  "scanned.pdf: 2 pages"                     grep -q 'Pages: *2' <(pdfinfo "$D/scanned.pdf")
nt "scanned.pdf: no text at all"              has '[[:alnum:]]' "$D/scanned.pdf"
nt "scanned.pdf: no fonts"                    grep -q . <(pdffonts "$D/scanned.pdf" | tail -n +3)

t  "no-tracker.pdf: qpdf --check"             qpdf --check "$D/no-tracker.pdf"
t  "no-tracker.pdf: has prose text"           has "Allotment Society" "$D/no-tracker.pdf"
t  "no-tracker.pdf: has Name/Age/Town table"  has "Name  *Age  *Town" -layout "$D/no-tracker.pdf"
nt "no-tracker.pdf: no tracker words"        has '[Rr]ecommend|Response|Progress|RAG' "$D/no-tracker.pdf"

t  "javascript-form.pdf: qpdf --check"        qpdf --check "$D/javascript-form.pdf"
t  "javascript-form.pdf: JavaScript: yes"     grep -q 'JavaScript: *yes' <(pdfinfo "$D/javascript-form.pdf")
t  "javascript-form.pdf: Form: AcroForm"      grep -q 'Form: *AcroForm' <(pdfinfo "$D/javascript-form.pdf")
t  "javascript-form.pdf: /OpenAction is JS"   grep -q '/S /JavaScript' <(qpdf --show-object="$(qpdf --show-object="$(qpdf --show-object=trailer "$D/javascript-form.pdf" | grep -o '/Root [0-9]*' | cut -d' ' -f2)" "$D/javascript-form.pdf" | grep -o '/OpenAction [0-9]*' | cut -d' ' -f2)" "$D/javascript-form.pdf")
t  "javascript-form.pdf: text == good"        cmp <(pdftotext "$D/javascript-form.pdf" -) <(pdftotext "$GOOD" -)
t  "javascript-form.pdf: layout text == good" cmp <(pdftotext -layout "$D/javascript-form.pdf" -) <(pdftotext -layout "$GOOD" -)

if command -v node >/dev/null && [ -d "$ROOT/node_modules/pdfjs-dist" ]; then
  echo "--- pdf.js (pdfjs-dist) view:"; node "$HERE/probe-pdfjs.mjs" "$D"
fi
[ $fail -eq 0 ] && echo "ALL CHECKS PASSED" || { echo "SOME CHECKS FAILED"; exit 1; }
