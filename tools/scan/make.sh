#!/usr/bin/env bash
# Recreate the scanned fixtures in fixtures/scanned/ (issue #11) from three born-digital
# fixtures: each page rendered to an image, degraded the way a print-and-scan degrades it
# (slight skew, blur, noise, a greyish paper tone, JPEG), and wrapped back into a PDF.
#
#   colour-housing-delivery   colour scan, 200 dpi, JPEG: RAG only in the Progress cells' colour
#   bw-energy-efficiency      black-and-white (1 bit) scan, 300 dpi: the pale RAG shading is gone,
#                             RAG only from the RAG column's words
#   ocr-layer-digital-inclusion  grey scan, 200 dpi, with an invisible OCR text layer written by
#                             the Tesseract command line (as a copier or ocrmypdf writes one)
#
# Usage: tools/scan/make.sh
# Needs (Debian): apt-get install -y poppler-utils imagemagick img2pdf tesseract-ocr tesseract-ocr-eng
# Deterministic: fixed seeds; re-running gives the same pixels (the PDFs' dates are fixed by
# SOURCE_DATE_EPOCH where the tool honours it). The truth files are the originals' truth:
# a scan shows the same records.
set -euo pipefail
export LC_ALL=C TZ=UTC SOURCE_DATE_EPOCH=0

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
SRC="$ROOT/fixtures"
OUT="$ROOT/fixtures/scanned"
TMP="$(mktemp -d)"; trap 'rm -rf "$TMP"' EXIT
mkdir -p "$OUT"
# /usr/bin/convert: some machines put a stand-in `convert` earlier on PATH.
IM=/usr/bin/convert
for t in pdftoppm img2pdf tesseract "$IM"; do
  command -v "$t" >/dev/null || { echo "make.sh: missing $t" >&2; exit 1; }
done

# degrade IN OUT DPI ANGLE SEED MODE(colour|grey|bw)
# Order as in a scanner: paper tone and skew (the sheet), blur (optics), noise (sensor), then
# the file's colour mode and compression.
degrade() {
  local in=$1 out=$2 dpi=$3 angle=$4 seed=$5 mode=$6
  local paper='#e9e6dc'
  local common=(-seed "$seed" "$in" +level-colors '#141414',"$paper"
    -background "$paper" -rotate "$angle" -gravity center -extent "$(identify -format '%wx%h' "$in")"
    -blur 0x0.8 -attenuate 0.35 +noise Gaussian)
  case $mode in
    colour) "$IM" "${common[@]}" -density "$dpi" -units PixelsPerInch -quality 72 -sampling-factor 2x2 "$out.jpg" ;;
    grey) "$IM" "${common[@]}" -colorspace Gray -density "$dpi" -units PixelsPerInch -quality 72 "$out.jpg" ;;
    # A 1-bit scan: thresholded after blur and noise (ragged edges, a few specks), stored as
    # a bilevel PNG (img2pdf keeps it 1 bit, Flate-compressed).
    bw) "$IM" "${common[@]}" -colorspace Gray -threshold 62% -type Bilevel -density "$dpi" -units PixelsPerInch "$out.png" ;;
  esac
}

# scan NAME SOURCE DPI MODE SEED ANGLE...  (one angle per page)
scan() {
  local name=$1 src=$2 dpi=$3 mode=$4 seed=$5; shift 5
  local angles=("$@") gray=()
  [ "$mode" = colour ] || gray=(-gray)
  pdftoppm -r "$dpi" "${gray[@]}" -png "$SRC/$src.pdf" "$TMP/$name"
  local pages=() k=0
  for png in "$TMP/$name"-*.png; do
    local a=${angles[$k]:-0}
    degrade "$png" "$TMP/$name-scan-$k" "$dpi" "$a" $((seed + k)) "$mode"
    pages+=("$(ls "$TMP/$name-scan-$k".*)")
    k=$((k + 1))
  done
  printf '%s\n' "${pages[@]}"
}

# 1. Colour scan: housing-delivery (2 pages, strong green/amber/red Progress shading).
mapfile -t P < <(scan colour-housing-delivery housing-delivery-running-heads.libreoffice-a4p 200 colour 11 0.9 -1.3)
img2pdf --pagesize A4 --creationdate @0 --moddate @0 -o "$OUT/colour-housing-delivery.scan-200dpi.pdf" "${P[@]}"
cp "$SRC/housing-delivery-running-heads.libreoffice-a4p.truth.json" "$OUT/colour-housing-delivery.scan-200dpi.truth.json"

# 2. Black-and-white scan: energy-efficiency (2 pages, RAG column with words on pale shading).
mapfile -t P < <(scan bw-energy-efficiency energy-efficiency-rag-word-dash-bullets.latex-a4l 300 bw 21 -0.7 1.6)
img2pdf --pagesize A4^T --creationdate @0 --moddate @0 -o "$OUT/bw-energy-efficiency.scan-300dpi.pdf" "${P[@]}"
cp "$SRC/energy-efficiency-rag-word-dash-bullets.latex-a4l.truth.json" "$OUT/bw-energy-efficiency.scan-300dpi.truth.json"

# 3. Grey scan with an invisible OCR text layer made by Tesseract (1 page, Letter).
mapfile -t P < <(scan ocr-layer-digital-inclusion digital-inclusion-google-docs.chromium-letter-p 200 grey 31 -1.1)
tesseract "${P[0]}" "$TMP/ocr-layer" -l eng --dpi 200 pdf >/dev/null 2>&1
cp "$TMP/ocr-layer.pdf" "$OUT/ocr-layer-digital-inclusion.scan-200dpi.pdf"
cp "$SRC/digital-inclusion-google-docs.chromium-letter-p.truth.json" "$OUT/ocr-layer-digital-inclusion.scan-200dpi.truth.json"

ls -la "$OUT"
