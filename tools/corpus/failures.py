#!/usr/bin/env python3
"""What kinds of mistake does the extractor make on a folder of fixtures? Extracts every
PDF (tools/corpus/extract-all.ts, the library itself), compares each document with its
truth file, and prints the kinds of difference with the files that show them, worst first.
Where the folder has a breaks.json (fixtures/sweep), each record mistake is shown with the
kinds of page break that record crosses.

Usage: python3 tools/corpus/failures.py [DIR]          (default fixtures/sweep)
       python3 tools/corpus/failures.py DIR --json F   (also write {file: [[kind, detail]]})
Needs Node 24 on PATH (export PATH=$PWD/node_modules/.bin:$PATH).
"""
import difflib
import json
import os
import re
import subprocess
import sys
import tempfile
import unicodedata
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
FIELDS = ("recommendation", "response", "progress")
STRUCTURE = ("row split at a page break became two records", "row split into two records on one page",
             "two records merged into one", "record lost", "record invented")


def toks(s):
    s = unicodedata.normalize("NFKC", s or "").lower()
    return [t for t in re.split(r"[^0-9a-z]+", s) if t]


def sim(a, b):
    ta, tb = toks(a), toks(b)
    if not ta and not tb:
        return 1.0
    return difflib.SequenceMatcher(None, ta, tb, autojunk=False).ratio()


def text(r):
    return " ".join(r.get(f, "") for f in FIELDS)


def joined(a, b):
    return {f: (a.get(f, "") + " " + b.get(f, "")).strip() for f in FIELDS}


def align(T, E):
    """Align truth and extracted records: 1:1, 1:2 (split), 2:1 (merge), 1:0, 0:1."""
    n, m = len(T), len(E)
    INF = float("inf")
    cost = [[INF] * (m + 1) for _ in range(n + 1)]
    back = [[None] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            c = cost[i][j]
            if c == INF:
                continue
            moves = []
            if i < n and j < m:
                moves.append((1, 1, 1 - sim(text(T[i]), text(E[j]))))
            if i < n and j + 1 < m:
                moves.append((1, 2, 1.15 - sim(text(T[i]), text(joined(E[j], E[j + 1])))))
            if i + 1 < n and j < m:
                moves.append((2, 1, 1.15 - sim(text(joined(T[i], T[i + 1])), text(E[j]))))
            if i < n:
                moves.append((1, 0, 1.0))
            if j < m:
                moves.append((0, 1, 1.0))
            for di, dj, mc in moves:
                if c + mc < cost[i + di][j + dj]:
                    cost[i + di][j + dj] = c + mc
                    back[i + di][j + dj] = (di, dj)
    out, i, j = [], n, m
    while i or j:
        di, dj = back[i][j]
        i, j = i - di, j - dj
        out.append((i, di, j, dj))
    return out[::-1]


def squash(s):
    return re.sub(r"[\s\-\u00ad\u2010\u2011]", "", unicodedata.normalize("NFKC", s))


def field_kinds(t, e, truth_rec, truth):
    """Kinds of difference between a truth cell and the extracted one."""
    out = []
    tw, ew = t.split(), e.split()
    sm = difflib.SequenceMatcher(None, tw, ew, autojunk=False)
    rest = []
    for op, a1, a2, b1, b2 in sm.get_opcodes():
        if op == "equal":
            continue
        a, b = " ".join(tw[a1:a2]), " ".join(ew[b1:b2])
        if a and b and squash(a) == squash(b):
            if b.count("-") > a.count("-"):
                out.append("hyphen added by a line break kept (reten-tion, Lam-beth)")
            else:
                out.append("real hyphen dropped at a line end (co-designed -> codesigned)")
        elif a == "•" and b and b != "•" and len(b) <= 2:
            out.append("list marker not read as a bullet (– or Symbol U+F02D)")
        else:
            rest.append((op, a, b))
    if not out and not rest and t != e:  # only the white space differs: "\n\n", "\n" or " "
        if t.count("\n\n") != e.count("\n\n"):
            out.append("paragraph break lost" if t.count("\n\n") > e.count("\n\n") else "paragraph break invented")
        else:
            out.append("line breaks of a list differ")
    if rest:
        if re.sub(r"\s+", " ", t) == re.sub(r"\s+", " ", e) or squash(t) == squash(e):
            out.append("paragraph break lost" if t.count("\n\n") > e.count("\n\n") else "paragraph break invented")
        else:
            extra = [b for op, a, b in rest if b and not a]
            lost = [a for op, a, b in rest if a and not b]
            heads = set(toks(" ".join(truth["columns"] + [c for tb in truth.get("tables", []) for c in tb["columns"]])))
            if extra and not lost and truth_rec["label"] and toks(" ".join(extra)) == toks(truth_rec["label"]):
                out.append("label text left in the recommendation")
            elif extra and not lost and all(w in heads for w in toks(" ".join(extra))):
                out.append("heading row text in a cell")
            elif extra and not lost:
                out.append("words added to a cell")
            elif lost and not extra:
                out.append("words lost from a cell")
            else:
                out.append("cell text differs")
    return sorted(set(out))


def classify(truth, res, breaks=None):
    """[(kind, detail)] for one file."""
    if "error" in res:
        return [("extraction failed: " + res["error"], res.get("message", "")[:120])]
    doc = res["document"]
    kinds = []
    if doc["title"] != truth["title"]:
        kinds.append(("title wrong", doc["title"][:60]))
    if doc["committee"] != truth["committee"]:
        kinds.append(("committee wrong", doc["committee"][:60]))
    if doc["columns"] != truth["columns"]:
        kinds.append(("column headings wrong", str(doc["columns"])))
    want_tables = truth.get("tables", [{"heading": None, "columns": truth["columns"]}])
    got_tables = [{"heading": t["heading"], "columns": t["columns"]} for t in doc["tables"]]
    if len(got_tables) != len(want_tables):
        kinds.append(("number of tables wrong", f"{len(got_tables)} for {len(want_tables)}"))
    elif [t["heading"] for t in got_tables] != [t["heading"] for t in want_tables]:
        kinds.append(("table heading wrong", str([t["heading"] for t in got_tables])))
    per_rec = defaultdict(set)
    for b in (breaks or {}).get("breaks", []):
        per_rec[b["record"]] |= set(b["kinds"]) - {"row-split"}

    def at(rid):
        return f" [break: {', '.join(sorted(per_rec[rid]))}]" if per_rec.get(rid) else ""

    T, E = truth["records"], doc["records"]
    structural = False
    for i, di, j, dj in align(T, E):
        if (di, dj) == (1, 2):
            a, b = E[j], E[j + 1]
            at_break = (a.get("pages") or [0])[-1] < (b.get("pages") or [0])[0]
            cont = "+".join(f[:4] for f in FIELDS if b.get(f))
            kinds.append(("row split at a page break became two records" if at_break else "row split into two records on one page",
                          f"#{T[i]['id']}, second part has {cont}{at(T[i]['id'])}"))
            structural = True
        elif (di, dj) == (2, 1):
            pages = E[j].get("pages") or []
            kinds.append(("two records merged into one", f"#{T[i]['id']}+#{T[i + 1]['id']}"
                          + (" across a page break" if len(pages) > 1 else "") + at(T[i]['id'])))
            structural = True
        elif (di, dj) == (1, 0):
            kinds.append(("record lost", f"#{T[i]['id']}{at(T[i]['id'])}"))
            structural = True
        elif (di, dj) == (0, 1):
            kinds.append(("record invented", f"id {E[j]['id']}: {text(E[j])[:50]}"))
            structural = True
        else:
            t, e = T[i], E[j]
            if e["id"] != t["id"]:
                if (t.get("table") or 1) > 1 and not t["label"] and e["id"] != t["id"] and not structural:
                    kinds.append(("unlabelled ids restart in a later table", f"{e['id']} for #{t['id']}"))
                elif structural:
                    kinds.append(("ids shifted by an earlier split or merge", f"{e['id']} for #{t['id']}"))
                else:
                    kinds.append(("id wrong", f"{e['id']} for #{t['id']}"))
            if e["label"] != t["label"]:
                if t["label"] and not e["label"]:
                    kinds.append(("label lost", f"#{t['id']} {t['label']!r}{at(t['id'])}"))
                elif e["label"] and not t["label"]:
                    kinds.append(("label invented", f"#{t['id']} {e['label']!r}"))
                else:
                    kinds.append(("label wrong", f"#{t['id']} {e['label']!r} for {t['label']!r}{at(t['id'])}"))
            for f in FIELDS:
                if e[f] != t[f]:
                    for k in field_kinds(t[f], e[f], t, truth):
                        kinds.append((k, f"#{t['id']} {f}{at(t['id'])}"))
            if t["rag"] is not None and e.get("rag") != t["rag"]:
                kinds.append(("RAG wrong", f"#{t['id']} {e.get('rag')} for {t['rag']}"))
            if (e.get("table") or 1) != (t.get("table") or 1):
                kinds.append(("table number wrong", f"#{t['id']}"))
    return kinds


def main():
    args = sys.argv[1:]
    out_json = None
    if "--json" in args:
        k = args.index("--json")
        out_json = args[k + 1]
        args = args[:k] + args[k + 2:]
    folder = os.path.abspath(args[0] if args else os.path.join(ROOT, "fixtures", "sweep"))
    notes_path = os.path.join(folder, "breaks.json")
    notes = json.load(open(notes_path, encoding="utf-8")) if os.path.exists(notes_path) else {}
    with tempfile.TemporaryDirectory() as dump:
        subprocess.run(["node", os.path.join(HERE, "extract-all.ts"), folder, dump], check=True, cwd=ROOT)
        per_file = {}
        for f in sorted(os.listdir(folder)):
            if not f.endswith(".truth.json"):
                continue
            name = f[:-len(".truth.json")]
            truth = json.load(open(os.path.join(folder, f), encoding="utf-8"))
            res = json.load(open(os.path.join(dump, name + ".json"), encoding="utf-8"))
            per_file[name] = classify(truth, res, notes.get(name))
    by_kind = defaultdict(list)
    for name, ks in per_file.items():
        for k, d in ks:
            by_kind[k].append((name, d))
    bad = sum(1 for ks in per_file.values() if ks)
    print(f"{len(per_file)} files, {bad} with differences from their truth\n")
    for k, cases in sorted(by_kind.items(), key=lambda kv: (-len({n for n, _ in kv[1]}), kv[0])):
        files = sorted({n for n, _ in cases})
        print(f"{k}: {len(files)} files, {len(cases)} cases")
        shown = set()
        for n, d in cases:
            if n not in shown and len(shown) < 3:
                shown.add(n)
                print(f"    e.g. {n}: {d}")
    if out_json:
        with open(out_json, "w", encoding="utf-8") as fh:
            json.dump(per_file, fh, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
