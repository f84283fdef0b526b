#!/usr/bin/env python3
"""Where did the page breaks fall? Reads a tracker PDF with `pdftotext -bbox-layout` and
finds, for every record and column, on which pages and lines its words were printed.

This is a fixture-making tool, independent of the extractor (src/): it knows the text of
every cell in advance (the plan or the truth file) and only asks where that text landed.

Method
  1. Words with their boxes, per page (pdftotext -bbox-layout; its lines rarely cross
     a column gap).
  2. Column left edges: for every cell, the pdftotext lines that begin with the cell's
     first words; the median of their left x per column. A word belongs to the
     rightmost column whose left edge (less 1.5 pt) it reaches.
  3. Per column, the page-ordered stream of words (line by line; a word ending in a
     hyphen at a line end is joined to the next line's first word) is aligned with the
     concatenated cell texts of that column (difflib). Running heads, repeated heading
     rows, intro and closing text are left over as unmatched words.
  4. Each cell word gets the page and the line it was matched to (words left unmatched
     take their neighbour's place), from which the breaks are described.

Break kinds (`kinds` of a break; the README of fixtures/sweep lists them):
  row-split                 a record's row continues on the next page
  starts-on-last-line       ... and the row's first line is the page's last (1 line before)
  starts-on-last-two-lines  ... 2 lines before the break
  label-line-last-on-page   the row's label line ("Recommendation 4") is alone at the foot:
                            its recommendation text starts on the next page
  band-row-last-on-page     a full-width label row ends the page; its cells are on the next
  continues-in-some-columns the continuation has text in only some of the row's columns
  continues-in-one-column   ... in exactly one
  column-starts-after-break a column of the row has no text before the break, but after it
  ends-on-first-line        the continuation is a single line in every column
  break-inside-paragraph, break-between-paragraphs, break-inside-list-item,
  break-between-list-items, list-starts-after-break
                            where, inside a continuing cell, the break fell
  cell-over-two-breaks      one row spans three pages or more
  between-rows              the break falls between two rows; `slack` = empty lines left
  row-ends-at-page-foot     ... and less than one line was left free below the row
  between-tables            the break falls between two tables

Usage: python3 tools/corpus/breaks.py NAME.pdf [NAME.truth.json]   (prints the breaks)
"""
import difflib
import html
import json
import os
import re
import statistics
import subprocess
import sys
import unicodedata

MARKERS = ("• ", "– ", "◦ ", "- ")
HYPHENS = ("-", "\u2010", "\u00ad", "\u2011", "–")
BOUNDARY_SLOP = 1.5  # pt: a cell's text starts this far or more right of the column's median left edge


def norm(w):
    """A word as compared: NFKC, no soft hyphens, lower case, letters and digits only."""
    w = unicodedata.normalize("NFKC", w).replace("\u00ad", "")
    return "".join(ch for ch in w.lower() if ch.isalnum())


# ---------------------------------------------------------------------------
# the PDF side

def pdf_lines(pdf):
    """[(page, [(text, x0, y0, x1, y1), ...]), ...] per pdftotext line, and page sizes."""
    out = subprocess.run(["pdftotext", "-bbox-layout", pdf, "-"], capture_output=True, text=True, check=True).stdout
    lines, sizes = [], []
    for pi, page in enumerate(re.split(r"<page ", out)[1:], 1):
        m = re.match(r'width="([\d.]+)" height="([\d.]+)"', page)
        sizes.append((float(m.group(1)), float(m.group(2))))
        for ln in re.findall(r"<line [^>]*>(.*?)</line>", page, re.S):
            words = [(html.unescape(t), float(a), float(b), float(c), float(d)) for a, b, c, d, t in
                     re.findall(r'<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">(.*?)</word>', ln)]
            if words:
                lines.append((pi, words))
    return lines, sizes


# ---------------------------------------------------------------------------
# the plan side

def tokens_of(text, kind_of_label=None):
    """Truth-form text -> [(token, block, kind, item)]; kind p|ul|label."""
    out = []
    if kind_of_label is not None:
        for w in kind_of_label.split():
            t = norm(w)
            if t:
                out.append((t, -1, "label", 0))
    if not text:
        return out
    for bi, chunk in enumerate(text.split("\n\n")):
        lines = chunk.split("\n")
        is_list = all(l.startswith(MARKERS) for l in lines)  # as build.blocks
        for ii, l in enumerate(lines):
            if is_list:
                l = l[2:]
            for w in l.split():
                t = norm(w)
                if t:
                    out.append((t, bi, "ul" if is_list else "p", ii))
    return out


def layout_from_truth(truth):
    """A layout (see analyse) from a truth file alone: label at the top of the
    recommendation cell, three text columns."""
    recs = []
    for r in truth["records"]:
        recs.append({"id": r["id"], "table": r.get("table", 1), "label": r["label"], "label_role": "rec" if r["label"] else None,
                     "cells": {"rec": r["recommendation"], "resp": r["response"], "prog": r["progress"]}})
    return {"records": recs, "label_mode": "line"}


# ---------------------------------------------------------------------------

def starts(line, cell):
    """Does a pdftotext line begin the way the cell begins (its first three words, or a
    shorter line of two or more words that are the cell's first, or the whole of a
    one-word cell)?"""
    first = cell[:3]
    if len(line) >= len(first):
        return line[:len(first)] == first
    return (len(line) >= 2 or len(cell) == 1) and line == first[:len(line)]


def analyse(pdf, layout, text_bottom=None):
    """layout = {"records": [{"id", "table", "label", "label_role": role or None,
    "cells": {role: truth-form text}}], "label_mode": line|inline|band|column|None}.
    text_bottom: the foot of the page's text area (pt from the top), when known; it
    measures the free space below a row that ends a page (`slack`).
    Returns {"pages", "records": [...], "breaks": [...], "matched": fraction}."""
    lines, sizes = pdf_lines(pdf)
    recs = layout["records"]
    roles = []
    for r in recs:
        for role in r["cells"]:
            if role not in roles:
                roles.append(role)
    # tokens per record and column
    toks = []
    for r in recs:
        d = {}
        for role in roles:
            lab = r["label"] if (r.get("label_role") == role and r["label"]) else None
            d[role] = tokens_of(r["cells"].get(role, ""), lab)
        toks.append(d)

    # 2. column left edges
    norm_lines = [(p, ws, [norm(w[0]) for w in ws]) for p, ws in lines]
    votes = {role: [] for role in roles}
    for d in toks:
        for role in roles:
            tk = [t[0] for t in d[role]]
            if not tk:
                continue
            lab = [t[0] for t in d[role] if t[2] == "label"]
            body = tk[len(lab):]
            for p, ws, nl in norm_lines:
                nz = [(t, w) for t, w in zip(nl, ws) if t]
                if not nz:
                    continue
                lt = [t for t, _ in nz]
                if starts(lt, tk) or (lab and lt == lab) or (lab and body and starts(lt, body)):
                    votes[role].append(nz[0][1][1])
    left = {role: statistics.median(v) for role, v in votes.items() if v}
    ordered = sorted(left.items(), key=lambda kv: kv[1])
    # drop columns whose edge collides with another's (within 3 pt): keep the better voted
    edges = []
    for role, x in ordered:
        if edges and x - edges[-1][1] < 3:
            if len(votes[role]) > len(votes[edges[-1][0]]):
                edges[-1] = (role, x)
            continue
        edges.append((role, x))

    def column_of(x):
        col = edges[0][0] if edges else None
        for role, ex in edges:
            if x >= ex - BOUNDARY_SLOP:
                col = role
        return col

    # 3. streams per column: words in page, line, x order
    per_col = {role: [] for role in roles}
    for p, ws in lines:
        for w in ws:
            c = column_of(w[1])
            if c is not None:
                per_col[c].append((p, w))
    streams = {}
    for role, items in per_col.items():
        items.sort(key=lambda it: (it[0], it[1][2], it[1][1]))
        # group into lines (same page, tops within half a word height)
        glines = []
        for p, w in items:
            h = max(w[4] - w[2], 1.0)
            if glines and glines[-1][0] == p and abs(w[2] - glines[-1][1]) < 0.5 * h:
                glines[-1][2].append(w)
            else:
                glines.append([p, w[2], [w]])
        for gl in glines:
            gl[2].sort(key=lambda w: w[1])
        stream = []  # (token, page, line index, y0, y1)
        carry = None
        for li, (p, y, ws) in enumerate(glines):
            for wi, w in enumerate(ws):
                text = w[0]
                if carry is not None:
                    text = carry[0] + text
                    pos = carry[1]
                    carry = None
                else:
                    pos = (p, li, w[2], w[4], w[3])  # page, line, top, bottom, right
                if wi == len(ws) - 1 and text.endswith(HYPHENS) and norm(text) and li + 1 < len(glines):
                    carry = (text, pos)
                    continue
                t = norm(text)
                if t:
                    stream.append((t,) + pos)
        streams[role] = stream

    # 4. alignment
    placed = []  # per record: {role: [(page, line, y0, y1) or None per token]}
    for d in toks:
        placed.append({role: [None] * len(d[role]) for role in roles})
    total = matched = 0
    for role in roles:
        truth_seq, owner = [], []
        for ri, d in enumerate(toks):
            for ti, t in enumerate(d[role]):
                truth_seq.append(t[0])
                owner.append((ri, ti))
        s = streams[role]
        sm = difflib.SequenceMatcher(None, truth_seq, [x[0] for x in s], autojunk=False)
        for a, b, n in sm.get_matching_blocks():
            for k in range(n):
                ri, ti = owner[a + k]
                placed[ri][role][ti] = s[b + k][1:]
        total += len(truth_seq)
        matched += sum(1 for ri, d in enumerate(placed) for x in d[role] if x is not None)
    # short cells ("Complete.", "Green") may align with the same words in another row:
    # a word must lie within its row's band on the page, the rows' extent in their long
    # cells; one outside is looked for again inside the band.
    heights = [x[3] - x[2] for d in placed for arr in d.values() for x in arr if x]
    tol = 2 * (statistics.median(heights) if heights else 10.0)
    for ri, d in enumerate(placed):
        long_roles = [role for role in roles if len(toks[ri][role]) >= 4] or roles
        band = {}
        for role in long_roles:
            for x in d[role]:
                if x:
                    lo, hi = band.get(x[0], (x[2], x[3]))
                    band[x[0]] = (min(lo, x[2]), max(hi, x[3]))
        if not band:
            continue
        inside = lambda x: x[0] in band and band[x[0]][0] - tol <= x[2] <= band[x[0]][1] + tol  # noqa: E731
        for role in roles:
            if role in long_roles and len(long_roles) < len(roles):
                continue
            for ti, x in enumerate(d[role]):
                if x is None or inside(x):
                    continue
                want = toks[ri][role][ti][0]
                d[role][ti] = next((t[1:] for t in streams[role] if t[0] == want and inside(t[1:])), None)
    # fill the gaps from neighbours in the same cell
    for d in placed:
        for role, arr in d.items():
            last = None
            for i, x in enumerate(arr):
                if x is None:
                    arr[i] = last
                else:
                    last = x
            nxt = None
            for i in range(len(arr) - 1, -1, -1):
                if arr[i] is None:
                    arr[i] = nxt
                else:
                    nxt = arr[i]
    # a cell word reaching into the next column: text overflowing its cell (a word too long
    # for a narrow column); such a file shows overlapping text and makes no fair fixture
    right = {role: edges[k + 1][1] - BOUNDARY_SLOP for k, (role, _) in enumerate(edges[:-1])}
    overflow = sum(1 for d in placed for role, arr in d.items() if role in right
                   for x in arr if x and x[4] > right[role] + 0.5)
    res = describe(recs, toks, placed, roles, len(sizes), matched / total if total else 1.0, layout.get("label_mode"), text_bottom)
    res["overflow"] = overflow
    return res


def describe(recs, toks, placed, roles, npages, matched, label_mode, text_bottom=None):
    heights = [x[3] - x[2] for d in placed for arr in d.values() for x in arr if x]
    line_h = statistics.median(heights) * 1.2 if heights else 12.0
    out_recs = []
    bottom = {}
    for ri, r in enumerate(recs):
        cols = {}
        pages = set()
        for role in roles:
            per_page = {}
            for x in placed[ri][role]:
                if x is None:
                    continue
                per_page.setdefault(x[0], set()).add(x[1])
                pages.add(x[0])
                bottom[x[0]] = max(bottom.get(x[0], 0), x[3])
            if per_page:
                cols[role] = {p: len(v) for p, v in sorted(per_page.items())}
        out_recs.append({"id": r["id"], "table": r["table"], "label": r["label"], "pages": sorted(pages), "lines": cols})
    full = [bottom[p] for p in bottom if p != max(bottom)] if len(bottom) > 1 else []
    usable = text_bottom or (max(full) if full else None)
    breaks = []
    for p in range(1, npages):
        spl = [ri for ri, r in enumerate(out_recs) if r["pages"] and min(r["pages"]) <= p < max(r["pages"])]
        if spl:
            for ri in spl:
                breaks.append(split_break(p, ri, recs[ri], out_recs[ri], toks[ri], placed[ri], roles, label_mode))
            continue
        before = [ri for ri, r in enumerate(out_recs) if r["pages"] and max(r["pages"]) == p]
        after = [ri for ri, r in enumerate(out_recs) if r["pages"] and min(r["pages"]) == p + 1]
        if not before or not after:
            continue
        a, b = max(before), min(after)
        slack = (usable - bottom[p]) / line_h if usable and p in bottom else None
        kinds = ["between-rows"]
        if slack is not None and slack < 1.0:
            kinds.append("row-ends-at-page-foot")
        if recs[a]["table"] != recs[b]["table"]:
            kinds = ["between-tables"]
        breaks.append({"page": p, "record": recs[a]["id"], "next": recs[b]["id"], "kinds": kinds,
                       "slack": round(slack, 2) if slack is not None else None})
    for ri, r in enumerate(out_recs):
        if len(r["pages"]) >= 3:
            for b in breaks:
                if b.get("record") == r["id"] and "row-split" in b["kinds"] and "cell-over-two-breaks" not in b["kinds"]:
                    b["kinds"].append("cell-over-two-breaks")
    return {"pages": npages, "matched": round(matched, 4), "line_height": round(line_h, 2), "records": out_recs, "breaks": breaks}


def split_break(p, ri, rec, orec, tk, pl, roles, label_mode):
    before, after = {}, {}
    for role in roles:
        lines_b = {x[1] for x in pl[role] if x and x[0] == p}
        lines_a = {x[1] for x in pl[role] if x and x[0] == p + 1}
        if lines_b:
            before[role] = len(lines_b)
        if lines_a:
            after[role] = len(lines_a)
    nonempty = [role for role in roles if pl[role]]
    kinds = ["row-split"]
    first_page = min(orec["pages"])
    if first_page == p and before:
        m = max(before.values())
        if m == 1:
            kinds.append("starts-on-last-line")
        elif m == 2:
            kinds.append("starts-on-last-two-lines")
    lab_role = rec.get("label_role")
    if lab_role and rec["label"] and first_page == p:
        lab = [x for t, x in zip(tk[lab_role], pl[lab_role]) if t[2] == "label" and x]
        body = [x for t, x in zip(tk[lab_role], pl[lab_role]) if t[2] != "label" and x]
        if lab and body and all(x[0] == p for x in lab) and min(x[0] for x in body) == p + 1:
            if label_mode == "band":
                others = [x for role in roles if role != lab_role for x in pl[role] if x and x[0] == p]
                if not others:
                    kinds.append("band-row-last-on-page")
            elif label_mode in ("line", None):
                kinds.append("label-line-last-on-page")
    cont = [role for role in nonempty if role in after]
    if 0 < len(cont) < len(nonempty):
        kinds.append("continues-in-some-columns")
        if len(cont) == 1:
            kinds.append("continues-in-one-column")
    if first_page == p and any(role in after and role not in before for role in nonempty):
        kinds.append("column-starts-after-break")
    if after and max(after.values()) == 1 and max(orec["pages"]) == p + 1:
        kinds.append("ends-on-first-line")
    where = {}
    for role in cont:
        seq = [(t, x) for t, x in zip(tk[role], pl[role]) if x]
        last_b = [t for t, x in seq if x[0] <= p]
        first_a = [t for t, x in seq if x[0] == p + 1]
        if not last_b or not first_a:
            continue
        a, b = last_b[-1], first_a[0]
        if a[1] == b[1]:
            w = "break-inside-list-item" if (a[2] == "ul" and a[3] == b[3]) else ("break-between-list-items" if a[2] == "ul" else "break-inside-paragraph")
        else:
            w = "list-starts-after-break" if b[2] == "ul" else "break-between-paragraphs"
        where[role] = w
        if w not in kinds:
            kinds.append(w)
    return {"page": p, "record": rec["id"], "kinds": kinds, "before": before, "after": after, "where": where}


# ---------------------------------------------------------------------------

ROLE_NAME = {"no": "No.", "rec": "rec", "lead": "lead", "resp": "resp", "prog": "prog", "rag": "RAG"}


def summary(res, short=False):
    """One line per break, e.g. 'p1→2: R6 split (rec 1|4, resp 1|6, prog 1|–) starts-on-last-line'."""
    out = []
    for b in res["breaks"]:
        head = f"p{b['page']}→{b['page'] + 1}: "
        if "row-split" in b["kinds"]:
            parts = []
            for role in list(b["before"]) + [r for r in b["after"] if r not in b["before"]]:
                parts.append(f"{ROLE_NAME.get(role, role)} {b['before'].get(role, '–')}|{b['after'].get(role, '–')}")
            kinds = [k for k in b["kinds"] if k != "row-split"]
            out.append(head + f"#{b['record']} split ({', '.join(parts)})" + (" " + ", ".join(kinds) if kinds else ""))
        else:
            sl = f", slack {b['slack']:.1f} lines" if b.get("slack") is not None else ""
            out.append(head + f"between #{b['record']} and #{b['next']}" + (" (tables)" if "between-tables" in b["kinds"] else "") + sl)
    return out


def main():
    pdf = sys.argv[1]
    tp = sys.argv[2] if len(sys.argv) > 2 else re.sub(r"\.pdf$", ".truth.json", pdf)
    truth = json.load(open(tp, encoding="utf-8"))
    res = analyse(pdf, layout_from_truth(truth))
    print(f"{os.path.basename(pdf)}: {res['pages']} pages, {res['matched'] * 100:.1f} % of cell words placed")
    for line in summary(res):
        print("  " + line)


if __name__ == "__main__":
    main()
