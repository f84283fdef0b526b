#!/bin/sh
# Install the Debian packages the fixture generators need (tools/corpus/README.md):
# the producers (LibreOffice Writer, Chromium, pdfLaTeX with the LaTeX packages the
# plans use), the fonts the plans and the sweep's settings name, qpdf and poppler-utils
# (pdftotext, pdfinfo, pdftoppm).
#
# Usage: tools/corpus/install-producers.sh          install (as root, or through sudo)
#        tools/corpus/install-producers.sh --list   print the package names only
#        tools/corpus/install-producers.sh --check  ask apt-get to simulate the install (no root)
set -eu

PACKAGES="
libreoffice-writer
chromium
texlive-latex-base
texlive-latex-recommended
texlive-latex-extra
texlive-fonts-recommended
texlive-pictures
lmodern
fonts-dejavu-core
fonts-liberation
fonts-liberation2
fonts-lato
fonts-texgyre
fonts-urw-base35
qpdf
poppler-utils
"

if [ "${1:-}" = "--list" ]; then
  echo $PACKAGES
  exit 0
fi

if [ "${1:-}" = "--check" ]; then
  # shellcheck disable=SC2086
  apt-get install -s --no-install-recommends $PACKAGES
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  SUDO=""
elif command -v sudo >/dev/null 2>&1; then
  SUDO="sudo"
else
  echo "install-producers.sh: run as root (or install sudo): apt-get needs it" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
# shellcheck disable=SC2086  # one word per package
$SUDO apt-get install -y --no-install-recommends $PACKAGES

for tool in soffice chromium pdflatex qpdf pdftotext pdftoppm; do
  command -v "$tool" >/dev/null 2>&1 || { echo "install-producers.sh: $tool is still missing" >&2; exit 1; }
done
echo "producers installed: $(soffice --version | head -n 1); $(chromium --version); $(pdflatex --version | head -n 1)"
