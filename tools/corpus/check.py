#!/usr/bin/env python3
"""Sanity-check fixtures against their truth files with pdftotext.

For every fixtures/NAME.truth.json (or the names given), checks that every
word of every truth field occurs in `pdftotext -layout NAME.pdf` (allowing a
word to be split over a line end after a hyphen or dash), and prints, per page,
whether the first table's first column heading occurs there (repeated heading
row) and the page's first line (running head).

The sweep's fixtures (fixtures/sweep/, tools/corpus/sweep.py) are checked too.

Usage: python3 tools/corpus/check.py [NAME-substring ...]
"""
import glob
import json
import os
import re
import subprocess
import sys
import unicodedata

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
FIX = os.path.join(ROOT, "fixtures")
PUNCT = ".,;:()[]“”\"‘’'!?"


def norm(s):
    return unicodedata.normalize("NFKC", s.replace("\u00ad", "")).replace("\u2010", "-")


def words(s):
    for w in norm(s).split():
        w = w.strip(PUNCT + "•◦–")
        if w:
            yield w


def check(truth_path, quiet=False):
    """Print a report for one truth file; return the truth words missing from the PDF
    (falsy when all are there). The PDF is `source` next to the truth file."""
    truth = json.load(open(truth_path, encoding="utf-8"))
    pdf = os.path.join(os.path.dirname(truth_path), truth["source"])
    text = subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True, text=True).stdout
    text = norm(text)
    toks = set()
    frags = set()
    for raw in text.split():
        w = raw.strip(PUNCT + "•◦")
        toks.add(w.strip("–"))
        if w.endswith(("-", "–")):
            frags.add(w)
    fields = [truth["title"], truth["committee"], truth["intro"], truth["closing"]]
    for tb in truth["tables"]:
        fields += tb["columns"] + [tb["heading"] or ""]
    for r in truth["records"]:
        fields += [r["label"], r["recommendation"], r["response"], r["progress"]]
    missing = []
    for f in fields:
        for w in words(f):
            if w in toks:
                continue
            ok = False
            for i in range(1, len(w)):
                a, b = w[:i], w[i:]
                if b in toks and ((a + "-") in frags or (a[-1] in "-–" and a in frags)):
                    ok = True
                    break
            if not ok:
                missing.append(w)
    pages = text.split("\f")
    if pages and not pages[-1].strip():
        pages = pages[:-1]
    head = norm(truth["columns"][0])
    rep = []
    for i, p in enumerate(pages, 1):
        squashed = " ".join(p.split())
        first = next((l.strip() for l in p.splitlines() if l.strip()), "")
        rep.append(f"p{i}:{'H' if head.split()[0] in squashed else '-'} [{first[:60]}]")
    if quiet:
        return sorted(set(missing))
    status = "OK " if not missing else "MISSING"
    print(f"{status} {truth['source']}: {len(pages)} pages, {len(truth['records'])} records")
    for r in rep:
        print("     ", r)
    if missing:
        print("      missing words:", sorted(set(missing)))
    return sorted(set(missing))


def main():
    want = sys.argv[1:]
    ok = True
    paths = sorted(glob.glob(os.path.join(FIX, "*.truth.json"))) + sorted(glob.glob(os.path.join(FIX, "sweep", "*.truth.json")))
    for p in paths:
        if want and not any(w in p for w in want):
            continue
        ok &= not check(p)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
