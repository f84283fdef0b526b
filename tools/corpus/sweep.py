#!/usr/bin/env python3
"""The page-break sweep: every plan of the corpus re-rendered at other fonts, sizes,
margins, papers and line spacings, by every producer that can render it, with and
without record labels, so that page breaks fall at every kind of place in rows.

Each variant is rendered by the plan's own renderer (build.py, build_e.py or
build_f.py; imported, not copied) from the plan's data with a setting of
plan_sweep.py applied, and its truth file is written from the same data, so it is exact
by construction. `breaks.py` then finds where the page breaks fell in the rows.

  python3 tools/corpus/sweep.py            build the chosen variants (sweep_list.json)
                                           into fixtures/sweep/ with README.md, breaks.json
  python3 tools/corpus/sweep.py --search   render every variant (about 1,100) into the
                                           work folder, find its page breaks, and choose
                                           a set that shows every kind of break in every
                                           producer; writes sweep_list.json, then builds
  python3 tools/corpus/sweep.py --only STR build only chosen variants whose name holds STR
  options: --work DIR (default /tmp/impact-tracker-sweep; renders are cached there by
           source hash), --out DIR (default fixtures/sweep), --jobs N (parallel
           Chromium / LaTeX renders, default 2),
           --budget PAGES (page budget of --search, default 420)

Producers: libreoffice (fodt -> PDF), docx (fodt -> .docx -> PDF, both by LibreOffice;
truth producer "docx"), chromium (HTML -> PDF), latex (pdfLaTeX).
"""
import copy
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import build  # noqa: E402
import build_e  # noqa: E402
import build_f  # noqa: E402
import plan_e  # noqa: E402
import plan_f  # noqa: E402
import plan_sweep  # noqa: E402
import breaks  # noqa: E402
import check as checker  # noqa: E402

ROOT = build.ROOT
OUT = os.path.join(ROOT, "fixtures", "sweep")
LIST = os.path.join(HERE, "sweep_list.json")
PRODUCERS = ["libreoffice", "docx", "chromium", "latex"]
EXT = {"libreoffice": "fodt", "docx": "fodt", "chromium": "html", "latex": "tex"}

FAMILIES = {
    "abcd": dict(fodt=build.fodt, html=build.html_doc, tex=build.tex_doc, truth=build.make_truth),
    "e": dict(fodt=build_e.fodt, html=build_e.html_doc, tex=build_e.tex_doc, truth=build_e.make_truth),
    "f": dict(fodt=build_f.fodt_f, html=build_f.html_f, tex=build_f.tex_f, truth=build_f.make_truth),
}


# --------------------------------------------------------------------------
# plans and variants

def plans():
    """[(slug, family, plan)] for every plan of the corpus."""
    out = [(fx["name"].split(".")[0], "abcd", fx) for fx in build.PLAN]
    out += [(fx["name"].split(".")[0], "e", fx) for fx in plan_e.PLAN]
    out += [(fx["name"].split(".")[0], "f", fx) for fx in plan_f.PLAN]
    return out


def producers_for(slug, own):
    only = plan_sweep.ONLY.get(slug)
    if only:
        return list(only[0])
    return [own] + [p for p in PRODUCERS if p != own]


def variant_name(slug, producer, sid, labels):
    return f"{slug}.{plan_sweep.CODE[producer]}-{sid}-{'labels' if labels else 'nolabels'}"


def all_variants():
    """Every variant --search renders: (slug, family, plan, producer, setting, labels).
    The plan's own producer renders every setting with and without labels; the others
    every setting once, with labels on every other setting."""
    out = []
    for k, (slug, fam, fx) in enumerate(plans()):
        own = fx["producer"]
        for producer in producers_for(slug, own):
            for i, s in enumerate(plan_sweep.SETTINGS[producer]):
                for labels in ((True, False) if producer == own else ((i + k) % 2 == 0,)):
                    out.append((slug, fam, fx, producer, s, labels))
    return out


def variant(name):
    """The variant a fixture name stands for (any setting, labels or not)."""
    m = re.fullmatch(r"(.+)\.([a-z]+)-(s\d+)-(labels|nolabels)", name)
    if not m:
        raise ValueError(f"not a sweep name: {name}")
    slug, code, sid, lab = m.groups()
    producer = {v: k for k, v in plan_sweep.CODE.items()}[code]
    for sl, fam, fx in plans():
        if sl == slug:
            s = next(s for s in plan_sweep.SETTINGS[producer] if s["id"] == sid)
            return (slug, fam, fx, producer, s, lab == "labels")
    raise ValueError(f"no plan {slug}")


def item(v):
    """(name, producer, family, fx) of a variant."""
    slug, fam, plan, producer, s, labels = v
    return (variant_name(slug, producer, s["id"], labels), producer, fam, make_variant(*v))


def running_of(fx):
    """The plan's running heads and feet (build_e / build_f plans) in a neutral form:
    ({left|center|right: text}, [(align, line), ...])."""
    own = fx["producer"]
    head, foot = {}, []
    if own == "libreoffice":
        head = {k: v for k, v in (fx.get("page_head") or {}).items() if v}
        foot = [("center" if st == "FootC" else "left", s) for st, s in fx.get("page_foot", [])]
    elif own == "chromium":
        for box, s in fx.get("margin_boxes", {}).items():
            pos, align = box.split("-")
            if pos == "top":
                head[align] = s.replace("\n", " ")
            else:
                foot += [(align, line) for line in s.split("\n")]
    else:
        head = dict(fx.get("page_head") or {})
        for align, s in (fx.get("tex_foot") or {}).items():
            foot += [(align, line) for line in s.split("\n")]
    return head, foot


def set_running(fx, producer, head, foot):
    for k in ("page_head", "page_foot", "margin_boxes", "tex_foot"):
        fx.pop(k, None)
    if producer == "libreoffice":
        if head:
            fx["page_head"] = {"left": head.get("left", ""), "right": head.get("right") or head.get("center", "")}
        fx["page_foot"] = [("FootC" if a == "center" else "Foot", s) for a, s in foot]
    elif producer == "chromium":
        boxes = {f"top-{a}": s for a, s in head.items()}
        for a in ("left", "center", "right"):
            lines = [s for al, s in foot if al == a]
            if lines:
                boxes[f"bottom-{a}"] = "\n".join(lines)
        fx["margin_boxes"] = boxes
    else:
        fx["page_head"] = dict(head)
        tf = {}
        for a, s in foot:
            tf[a] = tf[a] + "\n" + s if a in tf else s
        fx["tex_foot"] = tf


def head_colours_of(fx):
    if fx.get("head_colours"):
        return fx["head_colours"]
    css = fx.get("head_css", "")
    bg = re.search(r"background:\s*(#[0-9a-fA-F]{3,6})", css)
    fg = re.search(r"(?<!-)color:\s*(#[0-9a-fA-F]{3,6})", css)
    return (bg.group(1) if bg else "#ffffff", fg.group(1) if fg else "#000000") if css else ("#1f3864", "#ffffff")


def make_variant(slug, fam, plan, producer, s, labels):
    """The plan with setting `s` applied, as a plan for `producer`'s renderer; the
    `producer` key is the renderer's (docx renders as libreoffice)."""
    fx = copy.deepcopy(plan)
    own = plan["producer"]
    render_as = "libreoffice" if producer == "docx" else producer
    fx["name"] = variant_name(slug, producer, s["id"], labels)
    fx.pop("gap_before_table", None)  # tuned to move a row onto the foot of a page at the plan's own settings
    fx.update(paper=s["paper"], orientation=s["orientation"], size=s["size"])
    if fam != "abcd":
        convert_ef(fx, slug, own, render_as)
    if render_as == "libreoffice":
        fx.update(font=s["font"], margin_lr=s["margin_lr"], margin_tb=s["margin_tb"], line_height=s["line_height"])
    elif render_as == "chromium":
        fx.update(font=s["font"], page_margin=s["page_margin"], line_height=s["line_height"])
    else:
        font = s["font"]
        if fam == "abcd" and font == "lmodern":
            font = "lmodern-serif"
        fx.update(font=font, geometry=s["geometry"], linespread=s["linespread"], tex_printed=True)
    set_labels(fx, fam, labels)
    fx["producer"] = render_as
    return fx


def convert_ef(fx, slug, own, target):
    """build_e / build_f plan settings made for `own` translated for `target`."""
    fx["tex_tabularx"] = False  # one-page tabularx cannot break: longtable
    if own == "latex" and (target != "latex" or not widths_scale(fx)):
        fx["widths"] = list(plan_sweep.WIDTHS[slug])
    if target == "latex" and all(isinstance(w, (int, float)) for w in fx["widths"]):
        tot = sum(fx["widths"])
        fx["widths"] = [rf"\dimexpr {0.99 * w / tot:.3f}\linewidth-2\tabcolsep\relax" for w in fx["widths"]]
        fx.pop("tex_env", None)
    if target != "latex" and fx.get("rules") == "booktabs":
        fx["rules"] = "horizontal"
    if target == "latex" and fx.get("rules") == "horizontal":
        fx["rules"] = "booktabs"
    if own != target:
        if target == "libreoffice":
            fx["head_colours"] = head_colours_of(fx)
            if "cell_gap" in fx and own == "chromium":
                fx["cell_gap"] = round(fx["cell_gap"] / 28.35, 3)
        elif target == "chromium":
            bg, fg = head_colours_of(fx)
            fx.setdefault("head_css", f"background: {bg}; color: {fg};")
            if "cell_gap" in fx and own == "libreoffice":
                fx["cell_gap"] = round(fx["cell_gap"] * 28.35, 1)
        head, foot = running_of(fx)
        set_running(fx, target, head, foot)
        dot = fx.get("rag_dot")
        if dot:
            fx["rag_dot"] = {"chromium": "span", "latex": "tikz"}[target] if dot in ("span", "tikz") else dot


def widths_scale(fx):
    """Do a LaTeX plan's column widths follow the line width (fractions of \\linewidth,
    or X columns of xltabular)? Widths in cm are made for one paper only."""
    ws = fx["widths"]
    return all("linewidth" in w for w in ws) or (fx.get("tex_env") == "xltabular" and any("X" in w for w in ws))


def set_labels(fx, fam, labels):
    """Labels on: the plan's own labels (or DEFAULT_LABEL where it prints none); off: no
    label, no number column, no label band; ids run 1..n through the document."""
    if fam == "abcd":
        if not labels:
            fx["label"], fx["label_place"] = None, "none"
        elif not fx.get("label"):
            fx["label"], fx["label_place"] = plan_sweep.DEFAULT_LABEL, "line"
        return
    if not labels:
        if "no" in fx["roles"]:
            i = fx["roles"].index("no")
            fx["roles"] = fx["roles"][:i] + fx["roles"][i + 1:]
            fx["widths"] = fx["widths"][:i] + fx["widths"][i + 1:]
            for tb in fx["tables"]:
                tb["columns"] = tb["columns"][:i] + tb["columns"][i + 1:]
        fx["label"] = None
        fx["band"] = None
    elif not (fx.get("label") or fx.get("band") or "no" in fx["roles"]):
        fx["label"], fx["label_place"] = plan_sweep.DEFAULT_LABEL, "line"


def source(fam, fx):
    f = FAMILIES[fam]
    return {"libreoffice": f["fodt"], "chromium": f["html"], "latex": f["tex"]}[fx["producer"]](fx)


def truth_of(fam, fx, producer):
    tr = FAMILIES[fam]["truth"](fx)
    tr["producer"] = producer
    return tr


def layout_of(fam, fx):
    """What is printed where, for breaks.analyse: per record its cells by column role,
    the label and the column it is printed in."""
    recs = []
    if fam == "abcd":
        ncol = len(fx["tables"][0]["columns"])
        for ti, n, label, r in build.rows(fx):
            cells = {"rec": r["rec"], "resp": r["resp"], "prog": r["prog"]}
            if ncol == 4:
                cells["rag"] = build.RAG_WORD[r["rag"]]
            lab = label if fx["label_place"] != "none" else ""
            recs.append({"id": str(n), "table": ti, "label": lab, "label_role": "rec" if lab else None, "cells": cells})
        mode = fx["label_place"] if fx.get("label") and fx["label_place"] != "none" else None
        return {"records": recs, "label_mode": mode}
    for ti, n, r in build_e.rows(fx):
        lab, num, _ = build_e.label_of(fx, n)
        cells = {}
        for role in fx["roles"]:
            if role == "no":
                cells["no"] = ""
            elif role == "rag":
                if not fx.get("rag_dot"):
                    cells["rag"] = build_e.RAG_WORD[r["rag"]]
            else:
                cells[role] = build_e.cell_text(fx, role, n, r)
        label, role = "", None
        if fx.get("band"):
            label, role = fx["band"].format(n=n), fx["roles"][0]
        elif num:
            label, role = num, "no"
        elif lab:
            label, role = lab, "rec"
        recs.append({"id": str(n), "table": ti, "label": label, "label_role": role, "cells": cells})
    mode = "band" if fx.get("band") else "column" if "no" in fx["roles"] else \
        (fx.get("label_place") or "line") if fx.get("label") else None
    return {"records": recs, "label_mode": mode}


PAPER_PT = {"a4": (595.28, 841.89), "letter": (612.0, 792.0)}
CM = 28.3465


def text_bottom(fx, producer, fam):
    """The foot of the text area in pt from the top of the page, from the settings
    (approximate for LibreOffice, whose footer height is estimated)."""
    w, h = PAPER_PT[fx["paper"]]
    if fx["orientation"] == "landscape":
        w, h = h, w
    if producer == "latex":
        g = dict(kv.split("=") for kv in fx["geometry"].split(","))
        b = g.get("bottom", g.get("margin"))
        return h - float(b[:-2]) * (CM if b.endswith("cm") else 1.0)
    if producer == "chromium":
        parts = fx["page_margin"].split()
        b = parts[2] if len(parts) >= 3 else parts[0]
        return h - float(b[:-2]) * CM / 10
    bottom = (fx["margin_tb"] - 0.5) * CM
    nfoot = 1 if fam == "abcd" else len(fx.get("page_foot") or [])
    if nfoot:
        bottom += nfoot * 9.5 + 0.4 * CM
    return h - bottom


# --------------------------------------------------------------------------
# rendering

def run(cmd, cwd=None):
    r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, errors="replace", cwd=cwd)
    return r.returncode, r.stdout


def soffice(profile, fmt, outdir, files):
    for i in range(0, len(files), 40):
        rc, out = run(["nice", "-n", "10", "soffice", f"-env:UserInstallation=file://{profile}", "--headless",
                       "--convert-to", fmt, "--outdir", outdir] + files[i:i + 40])
        if rc:
            sys.stderr.write(out[-2000:])


def chromium(src, pdf):
    with tempfile.TemporaryDirectory() as td:
        return run(["nice", "-n", "10", "chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                    "--no-first-run", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", f"--user-data-dir={td}/ud", "--no-pdf-header-footer",
                    f"--print-to-pdf={pdf}", "file://" + src])


def pdflatex(src, pdf):
    with tempfile.TemporaryDirectory() as td:
        for _ in range(3):
            rc, out = run(["nice", "-n", "10", "pdflatex", "-interaction=nonstopmode", "-halt-on-error",
                           f"-output-directory={td}", src])
            if rc:
                return rc, out
        shutil.move(os.path.join(td, os.path.basename(src)[:-4] + ".pdf"), pdf)
        shutil.move(os.path.join(td, os.path.basename(src)[:-4] + ".log"), pdf[:-4] + ".log")
        return 0, ""


def render_all(items, work, jobs):
    """items: [(name, producer, fam, fx)]. Renders into work/pdf/NAME.pdf what the cache
    does not already hold for the same source; returns {name: error or None}."""
    for d in ("src", "pdf", "docx"):
        os.makedirs(os.path.join(work, d), exist_ok=True)
    cache = load_cache(work)
    todo = {p: [] for p in PRODUCERS}
    for name, producer, fam, fx in items:
        text = source(fam, fx)
        h = hashlib.sha1((producer + "\0" + text).encode()).hexdigest()
        pdf = os.path.join(work, "pdf", name + ".pdf")
        src = os.path.join(work, "src", name + "." + EXT[producer])
        if cache.get(name, {}).get("hash") == h and os.path.exists(pdf):
            continue
        if os.path.exists(pdf) and os.path.exists(src) and os.path.getmtime(pdf) >= os.path.getmtime(src) \
                and open(src, encoding="utf-8").read() == text:
            cache[name] = {"hash": h}  # rendered by a run that stopped before saving the cache
            continue
        with open(src, "w", encoding="utf-8") as f:
            f.write(text)
        if os.path.exists(pdf):
            os.remove(pdf)
        cache[name] = {"hash": h}
        todo[producer].append((name, src, pdf))
    profile = os.path.join(work, "lo-profile")
    if todo["libreoffice"]:
        print(f"LibreOffice: {len(todo['libreoffice'])} documents", flush=True)
        soffice(profile, "pdf:writer_pdf_Export", os.path.join(work, "pdf"), [s for _, s, _ in todo["libreoffice"]])
    if todo["docx"]:
        print(f"Word route: {len(todo['docx'])} documents", flush=True)
        soffice(profile, "docx:MS Word 2007 XML", os.path.join(work, "docx"), [s for _, s, _ in todo["docx"]])
        soffice(profile, "pdf:writer_pdf_Export", os.path.join(work, "pdf"),
                [os.path.join(work, "docx", n + ".docx") for n, _, _ in todo["docx"]])
    errors = {}
    with ThreadPoolExecutor(max_workers=jobs) as ex:
        futs = {}
        for name, src, pdf in todo["chromium"]:
            futs[ex.submit(chromium, src, pdf)] = name
        for name, src, pdf in todo["latex"]:
            futs[ex.submit(pdflatex, src, pdf)] = name
        if futs:
            print(f"Chromium and LaTeX: {len(futs)} documents", flush=True)
        for fut, name in futs.items():
            rc, out = fut.result()
            if rc:
                errors[name] = out[-600:]
    for name, producer, fam, fx in items:
        if not os.path.exists(os.path.join(work, "pdf", name + ".pdf")):
            errors.setdefault(name, "no PDF written")
            cache.pop(name, None)
    save_cache(work, cache)
    return errors


def load_cache(work):
    p = os.path.join(work, "cache.json")
    return json.load(open(p, encoding="utf-8")) if os.path.exists(p) else {}


def save_cache(work, cache):
    p = os.path.join(work, "cache.json")
    with open(p + ".tmp", "w", encoding="utf-8") as f:
        json.dump(cache, f, ensure_ascii=False)
    os.replace(p + ".tmp", p)


def examine(items, work):
    """Truth file, pdftotext cross-check and page-break analysis of each rendered item,
    kept in the cache: {name: {"pages", "missing", "analysis"}}."""
    cache = load_cache(work)
    version = hashlib.sha1(b"".join(open(os.path.join(HERE, f), "rb").read() for f in ("breaks.py", "check.py"))).hexdigest()
    for name, producer, fam, fx in items:
        c = cache.get(name)
        if c is None or c.get("examined_with") == version:
            continue
        c["examined_with"] = version
        pdf = os.path.join(work, "pdf", name + ".pdf")
        tp = os.path.join(work, "pdf", name + ".truth.json")
        write_json(tp, truth_of(fam, fx, producer))
        c["missing"] = checker.check(tp, quiet=True)
        c["analysis"] = breaks.analyse(pdf, layout_of(fam, fx), text_bottom(fx, producer, fam))
        c["overfull"] = overfull(pdf[:-4] + ".log") if producer == "latex" else 0.0
        c["pages"] = c["analysis"]["pages"]
        c["bytes"] = os.path.getsize(pdf)
    save_cache(work, cache)
    return cache


def overfull(log):
    """The widest overfull \\hbox of a LaTeX run, in pt (0 when none): text sticking out of
    its column or off the page."""
    if not os.path.exists(log):
        return 0.0
    text = open(log, encoding="latin-1").read()
    return max([float(x) for x in re.findall(r"Overfull \\hbox \(([\d.]+)pt too wide\)", text)] or [0.0])


def write_json(path, data):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False, indent=2)
        f.write("\n")


# --------------------------------------------------------------------------
# choosing the variants

# Kinds a file is chosen for (breaks.py); "row-split" and "between-rows" are too common
# to count.
KINDS = ["starts-on-last-line", "starts-on-last-two-lines", "label-line-last-on-page", "band-row-last-on-page",
         "continues-in-some-columns", "continues-in-one-column", "column-starts-after-break", "ends-on-first-line",
         "break-inside-paragraph", "break-between-paragraphs", "break-inside-list-item", "break-between-list-items",
         "list-starts-after-break", "cell-over-two-breaks", "row-ends-at-page-foot", "between-tables"]


def usable(name, c):
    """A rendered variant may be chosen: its truth words are all in the PDF, its cells
    were found (breaks.py placed 97 % of their words or more), no cell text sticks out of
    its column (breaks.py `overflow`, LaTeX's overfull boxes wider than 2 pt), and, for
    LaTeX, whose rows never split, no row runs into the foot of the page."""
    if not c or "analysis" not in c or c["missing"]:
        return False
    a = c["analysis"]
    if a["matched"] < 0.97 or a.get("overflow") or c.get("overfull", 0) > 2.0:
        return False
    if ".latex-" in name:
        return all(b.get("slack") is None or b["slack"] >= -0.2 for b in a["breaks"])
    return True


def features(name, c):
    """What a variant shows: {(producer, kind, labels)} for each break kind it has."""
    slug, fam, fx, producer, s, labels = variant(name)
    out = set()
    for b in c["analysis"]["breaks"]:
        for k in b["kinds"]:
            if k in KINDS:
                out.add((producer, k, labels))
    return out


def choose(cache, budget, per_feature=3):
    """Greedy choice under a page budget. First every plan in its own producer with and
    without labels, and once in each other producer that can render it (each time the
    variant that adds most kinds of break); then, while pages are left, the variant that
    adds most wanted (producer, kind, labels) features per page, each wanted
    `per_feature` times from different plans where the pool allows; last, at least six
    settings of every producer."""
    names = [n for n, c in cache.items() if usable(n, c) and re.fullmatch(r".+\.[a-z]+-s\d+-(no)?labels", n)]
    feats = {n: features(n, cache[n]) for n in names}
    pages = {n: cache[n]["pages"] for n in names}
    nbreaks = {n: len(cache[n]["analysis"]["breaks"]) for n in names}
    chosen, have = [], {}

    def take(n):
        chosen.append(n)
        for f in feats[n]:
            have[f] = have.get(f, 0) + 1

    def best(cands):
        return max(cands, key=lambda n: (len(feats[n] - set(have)), len(feats[n]), nbreaks[n] > 0, -pages[n], n))

    for slug, fam, fx in plans():
        prods = producers_for(slug, fx["producer"])
        for producer in prods:
            code = plan_sweep.CODE[producer]
            for labs in ((("labels",), ("nolabels",)) if producer == prods[0] else (("labels", "nolabels"),)):
                cands = [n for n in names if n.startswith(f"{slug}.{code}-") and n.rsplit("-", 1)[1] in labs]
                if cands:
                    take(best(cands))
    used = sum(pages[n] for n in chosen)
    avail = {}
    for n in names:
        for f in feats[n]:
            avail[f] = avail.get(f, 0) + 1
    while True:
        plans_of = {}
        for n in chosen:
            for f in feats[n]:
                plans_of.setdefault(f, set()).add(n.split(".")[0])
        top, top_score = None, 0.0
        for n in names:
            if n in chosen or used + pages[n] > budget:
                continue
            score = 0.0
            for f in feats[n]:
                if have.get(f, 0) < min(per_feature, avail[f]) and n.split(".")[0] not in plans_of.get(f, set()):
                    score += 1.0 / (have.get(f, 0) + 1) + 1.0 / avail[f]
            score /= pages[n]
            if score > top_score:
                top, top_score = n, score
        if top is None:
            break
        take(top)
        used += pages[top]
    for producer in PRODUCERS:
        code = plan_sweep.CODE[producer]
        sids = {n.split(".")[-1].split("-")[1] for n in chosen if n.split(".")[-1].startswith(code + "-")}
        for s in plan_sweep.SETTINGS[producer]:
            if len(sids) >= 6:
                break
            cands = [n for n in names if n not in chosen and f".{code}-{s['id']}-" in n]
            if s["id"] not in sids and cands:
                take(best(cands))
                sids.add(s["id"])
    return sorted(chosen)


# --------------------------------------------------------------------------
# output: fixtures/sweep

def setting_text(producer, s):
    paper = {"a4": "A4", "letter": "Letter"}[s["paper"]] + (" landscape" if s["orientation"] == "landscape" else "")
    if producer in ("libreoffice", "docx"):
        return f"{paper}, {s['font']} {s['size']}pt, margins {s['margin_lr']}/{s['margin_tb']} cm, line height {s['line_height']}"
    if producer == "chromium":
        return f"{paper}, {s['font']} {s['size']}pt, @page margin {s['page_margin']}, line-height {s['line_height']}"
    font = {"lmodern": "Latin Modern", "lmodern-sans": "Latin Modern Sans", "times": "Times (mathptmx)",
            "palatino": "Palatino (mathpazo)", "charter": "Charter", "helvet": "Helvetica (helvet)"}[s["font"]]
    return f"{paper}, {font} {s['size']}pt, {s['geometry']}, \\linespread {s['linespread']}"


def write_outputs(names, cache, work):
    os.makedirs(OUT, exist_ok=True)
    keep = set()
    notes = {}
    for name in names:
        c = cache[name]
        slug, fam, fx, producer, s, labels = variant(name)
        for ext in (".pdf", ".truth.json"):
            shutil.copyfile(os.path.join(work, "pdf", name + ext), os.path.join(OUT, name + ext))
            keep.add(name + ext)
        a = c["analysis"]
        notes[name] = {"producer": producer, "plan": slug, "setting": s["id"], "labels": labels, "pages": a["pages"],
                       "breaks": a["breaks"], "summary": breaks.summary(a)}
    for f in os.listdir(OUT):
        if f.endswith((".pdf", ".truth.json")) and f not in keep:
            os.remove(os.path.join(OUT, f))
    write_json(os.path.join(OUT, "breaks.json"), notes)
    write_readme(names, cache, notes)


KIND_TEXT = {
    "starts-on-last-line": "a row starts on the page's last line",
    "starts-on-last-two-lines": "a row starts on the page's last two lines",
    "label-line-last-on-page": "a labelled row's label line is the page's last line (its text starts on the next page)",
    "band-row-last-on-page": "a full-width label row ends the page; its cells are on the next",
    "continues-in-some-columns": "the part on the next page has text in only some columns",
    "continues-in-one-column": "... in exactly one column",
    "column-starts-after-break": "a column of the row has no text before the break but some after it",
    "ends-on-first-line": "the row's part on the next page is one line",
    "break-inside-paragraph": "the break falls inside a paragraph of a cell",
    "break-between-paragraphs": "the break falls between two paragraphs of a cell",
    "break-inside-list-item": "the break falls inside a bullet item",
    "break-between-list-items": "the break falls between two bullet items",
    "list-starts-after-break": "a bullet list starts at the top of the next page",
    "cell-over-two-breaks": "one row spans three pages (a cell over two breaks)",
    "row-ends-at-page-foot": "a row ends at the page foot (less than a line free below it) and the next starts the next page",
    "between-tables": "the break falls between two tables",
}


def write_readme(names, cache, notes):
    count = {}
    for name in names:
        p = notes[name]["producer"]
        for b in notes[name]["breaks"]:
            for k in b["kinds"]:
                count.setdefault(k, {}).setdefault(p, set()).add(name)
    lines = [
        "# Page-break sweep",
        "",
        "Generated by `python3 tools/corpus/sweep.py` (see `tools/corpus/README.md`): every plan of the corpus",
        "(`tools/corpus/plan_*.py`) re-rendered at other fonts, sizes, margins, papers and line spacings by",
        "LibreOffice, the Word route (LibreOffice document → .docx → PDF, truth `producer: \"docx\"`), headless",
        "Chromium and pdfLaTeX, with and without record labels. Unlabelled variants have no label, no number",
        "column and no label band; their ids run 1..n through the whole document. The truth files are written",
        "from the same data as the documents and are checked against `pdftotext -layout` (`tools/corpus/check.py`).",
        "",
        "These files were chosen from about 1,100 rendered variants so that between them page breaks fall at",
        "every kind of place in rows, in every producer (`sweep.py --search`). `breaks.json` has, per file,",
        "where each page break fell: which record, how many lines of each column were printed before and",
        "after the break (`before` / `after`, per column: `no`, `rec`, `lead`, `resp`, `prog`, `rag`), and its",
        "kinds (`tools/corpus/breaks.py`). In the table, `#6 split (rec 1|4, resp 2|–)` means record 6",
        "crosses the break with 1 line of its recommendation cell before and 4 after, 2 lines of its response",
        "before and none after.",
        "",
        "pdfLaTeX's longtable never splits a row, so its breaks all fall between rows; a LaTeX variant whose",
        "row is taller than a page runs off the page and is never chosen.",
        "",
        "## Kinds of break and how many files show each",
        "",
        "| kind | what | " + " | ".join(PRODUCERS) + " |",
        "| --- | --- | " + " | ".join("---" for _ in PRODUCERS) + " |",
    ]
    for k in ["row-split", "between-rows"] + KINDS:
        text = KIND_TEXT.get(k, {"row-split": "a row continues on the next page", "between-rows": "the break falls between two rows"}.get(k))
        lines.append(f"| {k} | {text} | " + " | ".join(str(len(count.get(k, {}).get(p, ()))) for p in PRODUCERS) + " |")
    lines += ["", "## Settings", ""]
    for producer in PRODUCERS:
        lines.append(f"{producer}:")
        lines.append("")
        for s in plan_sweep.SETTINGS[producer]:
            lines.append(f"* `{s['id']}`: {setting_text(producer, s)}")
        lines.append("")
    lines += ["## Files", "", "| file | producer | setting | labels | pages | records | page breaks |",
              "| --- | --- | --- | --- | --- | --- | --- |"]
    for name in names:
        n = notes[name]
        truth = json.load(open(os.path.join(OUT, name + ".truth.json"), encoding="utf-8"))
        br = "; ".join(n["summary"]) or "none (one page)"
        lines.append(f"| {name}.pdf | {n['producer']} | {n['setting']} | {'yes' if n['labels'] else 'no'} | {n['pages']} | "
                     f"{len(truth['records'])} | {br.replace('|', chr(92) + '|')} |")
    lines += ["", "## Not swept", "",
              "Plans and producers without a file here: the plan's features are not rendered by that",
              "producer (`plan_sweep.ONLY`), or `--search` found no usable variant (every LaTeX one had",
              "a row taller than a page or text wider than its column).", ""]
    swept = {(n.split(".")[0], notes[n]["producer"]) for n in names}
    for slug, fam, fx in plans():
        for producer in PRODUCERS:
            if (slug, producer) in swept:
                continue
            only = plan_sweep.ONLY.get(slug)
            why = only[1] if only and producer not in only[0] else "no usable variant"
            lines.append(f"* {slug}, {producer}: {why}")
    lines.append("")
    with open(os.path.join(OUT, "README.md"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines))


# --------------------------------------------------------------------------

def main():
    args = sys.argv[1:]
    global OUT
    opts = {"--work": os.path.join(tempfile.gettempdir(), "impact-tracker-sweep"), "--jobs": "2", "--budget": "420", "--out": OUT}
    search, only = False, []
    i = 0
    while i < len(args):
        a = args[i]
        if a == "--search":
            search = True
            i += 1
        elif a == "--only":
            only.append(args[i + 1])
            i += 2
        elif a in opts:
            opts[a] = args[i + 1]
            i += 2
        else:
            raise SystemExit(__doc__)
    work, jobs, OUT = opts["--work"], int(opts["--jobs"]), os.path.abspath(opts["--out"])
    if search:
        items = [item(v) for v in all_variants()]
        errors = render_all(items, work, jobs)
        for name, err in errors.items():
            print(f"not rendered: {name}: {err.strip().splitlines()[-1] if err.strip() else ''}")
        cache = examine(items, work)
        names = choose({n: cache.get(n) for n, *_ in items}, int(opts["--budget"]))
        write_json(LIST, names)
        print(f"chose {len(names)} variants, {sum(cache[n]['pages'] for n in names)} pages -> {os.path.relpath(LIST, ROOT)}")
    names = json.load(open(LIST, encoding="utf-8"))
    want = [n for n in names if not only or any(o in n for o in only)]
    items = [item(variant(n)) for n in want]
    errors = render_all(items, work, jobs)
    if errors:
        raise SystemExit("not rendered: " + ", ".join(errors))
    cache = examine(items, work)
    bad = [n for n in want if cache[n]["missing"]]
    if bad:
        raise SystemExit("truth words missing from the PDF (pdftotext): " + ", ".join(f"{n} {cache[n]['missing'][:5]}" for n in bad))
    if only:
        for n in want:
            for ext in (".pdf", ".truth.json"):
                shutil.copyfile(os.path.join(work, "pdf", n + ext), os.path.join(OUT, n + ext))
        print(f"built {len(want)} variants into {os.path.relpath(OUT, ROOT)} (README.md and breaks.json not rewritten)")
        return
    write_outputs(names, cache, work)
    size = sum(os.path.getsize(os.path.join(OUT, f)) for f in os.listdir(OUT))
    print(f"built {len(names)} variants into {os.path.relpath(OUT, ROOT)} ({size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
