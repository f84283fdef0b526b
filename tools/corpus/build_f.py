#!/usr/bin/env python3
"""Build the "F" batch of tracker fixtures (data in plan_f.py).

Same approach as build_e.py, whose renderers are reused (imported, not
changed); the F-only features are added around them:
  * `band`: a full-width label row ("Recommendation 3", bold, light grey,
    merged across all columns) before each record (LibreOffice, Chromium,
    LaTeX \\multicolumn);
  * `rag_dot`: the RAG column shows only a filled circle, drawn as a shape
    (HTML span with border-radius, or a TikZ circle), no word;
  * heading cells with forced line breaks ("|" in a column heading);
  * `table_width`: a table narrower than the text block (LibreOffice);
  * `gdocs`: Google-Docs-like styling (Chromium);
  * `tex_tabularx`: own pdfLaTeX template with tabularx + booktabs.

Usage: python3 tools/corpus/build_f.py [--only NAME-substring ...] [--readme]
The existing fixtures are not touched.
"""
import json
import os
import re
import shutil
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import build_e  # noqa: E402
import plan_f  # noqa: E402
from build_e import (FIX, SRC, RAG_STRONG, RAG_WORD, rows, run, x, h, t,  # noqa: E402
                     tex_blocks, tex_inline, label_of, pdf_pages, settings)

BAND_BG = "#e7e6e6"


def col_truth(c):
    return c.replace("|", " ")


def make_truth(fx):
    tr = build_e.make_truth(fx)
    tr["columns"] = [col_truth(c) for c in tr["columns"]]
    for tb in tr["tables"]:
        tb["columns"] = [col_truth(c) for c in tb["columns"]]
    if fx.get("band"):
        for r in tr["records"]:
            r["label"] = fx["band"].format(n=int(r["id"]))
    return tr


# --------------------------------------------------------------------------
# LibreOffice

def fodt_f(fx):
    doc = build_e.fodt(fx)
    ncol = len(fx["roles"])
    if fx.get("band"):
        lines = doc.split("\n")
        out = []
        n = 0
        for ln in lines:
            if ln == '<table:table-row table:style-name="Row">':
                n += 1
                out.append('<table:table-row table:style-name="BandRow">'
                           f'<table:table-cell table:style-name="CBand" table:number-columns-spanned="{ncol}" office:value-type="string">'
                           f'<text:p text:style-name="BandCell">{x(fx["band"].format(n=n))}</text:p></table:table-cell>'
                           + '<table:covered-table-cell/>' * (ncol - 1) + '</table:table-row>')
            out.append(ln)
        doc = "\n".join(out)
        rule = "0.5pt solid #404040" if fx["rules"] == "grid" else "none"
        styles = (f'<style:style style:name="CBand" style:family="table-cell"><style:table-cell-properties fo:background-color="{BAND_BG}" '
                  f'fo:padding-left="0.19cm" fo:padding-right="0.19cm" fo:padding-top="0.06cm" fo:padding-bottom="0.06cm" fo:border="{rule}"/></style:style>'
                  '<style:style style:name="BandRow" style:family="table-row"><style:table-row-properties fo:keep-together="always"/></style:style>'
                  '<style:style style:name="BandCell" style:family="paragraph" style:parent-style-name="Standard">'
                  '<style:paragraph-properties fo:keep-with-next="always"/><style:text-properties fo:font-weight="bold"/></style:style>')
        doc = doc.replace("</office:automatic-styles>", styles + "\n</office:automatic-styles>", 1)
    # forced line breaks in heading cells
    doc = re.sub(r'(<text:p text:style-name="HeadCell">)([^<]*)(</text:p>)',
                 lambda m: m.group(1) + m.group(2).replace("|", "<text:line-break/>") + m.group(3), doc)
    if fx.get("table_width"):
        f = fx["table_width"]
        doc = re.sub(r'style:column-width="([\d.]+)cm"', lambda m: f'style:column-width="{float(m.group(1)) * f:.3f}cm"', doc)
        doc = re.sub(r'(<style:style style:name="Tbl" style:family="table"><style:table-properties style:width=")([\d.]+)cm" table:align="left"',
                     lambda m: f'{m.group(1)}{float(m.group(2)) * f:.3f}cm" table:align="center"', doc)
    if fx.get("caption_style"):
        # caption above the table: italic-free bold "Table 1: ..." in black, smaller than a heading
        doc = re.sub(r'(<style:style style:name="TableHeading"[^>]*>\s*<style:paragraph-properties[^>]*/>\s*<style:text-properties) fo:font-size="[^"]*" fo:font-weight="bold" fo:color="#1f3864"/>',
                     r'\1 fo:font-weight="bold" fo:color="#000000"/>', doc)
    return doc


# --------------------------------------------------------------------------
# Chromium

def html_f(fx):
    doc = build_e.html_doc(fx)
    ncol = len(fx["roles"])
    extra = ""
    if fx.get("band"):
        out = []
        n = 0
        for ln in doc.split("\n"):
            if ln.startswith("<tr><td"):
                n += 1
                out.append(f'<tr class="band"><td colspan="{ncol}">{h(fx["band"].format(n=n))}</td></tr>')
            out.append(ln)
        doc = "\n".join(out)
        extra += f"tr.band td {{ background: {BAND_BG}; font-weight: bold; padding-top: 3pt; padding-bottom: 3pt; break-after: avoid; }}\n"
        if fx["rules"] == "none":
            extra += "tbody tr:not(.band) td { padding-bottom: 10pt; }\n"
    if fx.get("rag_dot") == "span":
        def dot(m):
            return f'<td class="rag"><span class="dot" style="background: {RAG_STRONG[m.group(1)]};"></span></td>'
        doc, k = re.subn(r'<td class="rag (green|amber|red)">(Green|Amber|Red)</td>', dot, doc)
        assert k == sum(len(tb["records"]) for tb in fx["tables"])
        extra += "span.dot { display: inline-block; width: 12pt; height: 12pt; border-radius: 50%; margin-top: 1pt; }\n"
    if fx.get("gdocs"):
        doc = doc.replace("border: 0.75pt solid #404040;", "border: 1px solid #cccccc;")
        extra += ("h1 { font-size: 20pt; font-weight: normal; color: #000; margin-bottom: 3pt; }\n"
                  "p.committee { font-size: 12pt; color: #666666; }\n"
                  "th, td { padding: 5pt; }\nbody { line-height: 1.15; }\ntd p { margin-bottom: 8pt; }\n")
    doc = re.sub(r"<th>([^<]*)</th>", lambda m: "<th>" + m.group(1).replace("|", "<br>") + "</th>", doc)
    return doc.replace("</style>", extra + "</style>", 1)


# --------------------------------------------------------------------------
# LaTeX

def tex_f(fx):
    if fx.get("tex_tabularx"):
        return tex_tabularx(fx)
    fx2 = dict(fx)
    if fx.get("rag_dot") == "tikz":
        fx2["tex_extra"] = list(fx.get("tex_extra", [])) + [r"\usepackage{tikz}"]
    doc = build_e.tex_doc(fx2)
    if fx.get("rag_dot") == "tikz":
        doc, k = re.subn(r"\\cellcolor\{rag(green|amber|red)\}(Green|Amber|Red)",
                         lambda m: r"\tikz[baseline=-0.6ex]\fill[rag" + m.group(1) + r"] (0,0) circle (1ex);", doc)
        assert k == sum(len(tb["records"]) for tb in fx["tables"])
    if fx.get("rag_dot") == "glyph":
        doc, k = re.subn(r"\\cellcolor\{rag(green|amber|red)\}(Green|Amber|Red)",
                         lambda m: r"\textcolor{rag" + m.group(1) + r"}{\Large$\bullet$}", doc)
        assert k == sum(len(tb["records"]) for tb in fx["tables"])
    return doc


def tex_tabularx(fx):
    size = fx["size"]
    geo = f'{fx["paper"]}paper,{fx["orientation"]},margin=1.8cm'
    # hsize factors must sum to the number of columns
    fac = [float(w.replace("X", "") or 1) for w in fx["widths"]]
    assert abs(sum(fac) - len(fac)) < 1e-9, fac
    spec = "".join(r">{\raggedright\arraybackslash\hsize=" + f"{f:g}" + r"\hsize}X" for f in fac)
    pre = [rf"\documentclass[{size}pt]{{extarticle}}", r"\usepackage[T1]{fontenc}", r"\usepackage[utf8]{inputenc}",
           r"\usepackage{lmodern}", r"\usepackage[british]{babel}", rf"\usepackage[{geo}]{{geometry}}",
           r"\usepackage{array,tabularx,booktabs,enumitem}", r"\usepackage[table]{xcolor}",
           r"\definecolor{band}{HTML}{" + BAND_BG[1:].upper() + "}", r"\definecolor{head}{HTML}{1F3864}",
           r"\setlength{\parindent}{0pt}", r"\setlength{\parskip}{5pt}", r"\renewcommand{\arraystretch}{1.25}",
           r"\pagestyle{plain}"]
    ncol = len(fx["roles"])
    body = [r"\begin{document}",
            r"{\Large\bfseries\color{head}" + t(fx["title"]) + r"\par}\vspace{2pt}",
            r"{\large " + t(fx["committee"]) + r"\par}\vspace{4pt}",
            tex_blocks(fx["intro"], para_gap="5pt") + r"\par\vspace{4pt}",
            r"\noindent\begin{tabularx}{\linewidth}{@{}" + spec + "@{}}", r"\toprule",
            " & ".join(r"\bfseries " + t(c) for c in fx["tables"][0]["columns"]) + r"\\", r"\midrule"]
    recs = list(rows(fx))
    for i, (ti, n, r) in enumerate(recs):
        body.append(r"\multicolumn{" + str(ncol) + r"}{@{}l@{}}{\cellcolor{band}\bfseries " + t(fx["band"].format(n=n)) +
                    r"\hspace*{\fill}}\\[1pt]")
        cells = [tex_blocks(r[k]) for k in ("rec", "resp", "prog")]
        body.append(" &\n".join(cells) + (r"\\\midrule" if i < len(recs) - 1 else r"\\\bottomrule"))
    body.append(r"\end{tabularx}\par\vspace{6pt}")
    if fx.get("closing"):
        body.append(tex_blocks(fx["closing"]) + r"\par")
    body.append(r"\end{document}")
    return "\n".join(pre + body) + "\n"


# --------------------------------------------------------------------------

def render(fx):
    name = fx["name"]
    pdf = os.path.join(FIX, name + ".pdf")
    p = fx["producer"]
    if p == "libreoffice":
        src = os.path.join(SRC, name + ".fodt")
        with open(src, "w", encoding="utf-8") as f:
            f.write(fodt_f(fx))
        with tempfile.TemporaryDirectory() as td:
            run(["soffice", f"-env:UserInstallation=file://{td}/profile", "--headless",
                 "--convert-to", "pdf:writer_pdf_Export", "--outdir", td, src])
            shutil.move(os.path.join(td, name + ".pdf"), pdf)
    elif p == "chromium":
        src = os.path.join(SRC, name + ".html")
        with open(src, "w", encoding="utf-8") as f:
            f.write(html_f(fx))
        with tempfile.TemporaryDirectory() as td:
            run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", f"--user-data-dir={td}/ud", "--no-pdf-header-footer",
                 f"--print-to-pdf={pdf}", "file://" + src])
    elif p == "latex":
        src = os.path.join(SRC, name + ".tex")
        with open(src, "w", encoding="utf-8") as f:
            f.write(tex_f(fx))
        with tempfile.TemporaryDirectory() as td:
            for _ in range(3):
                run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", f"-output-directory={td}", src])
            shutil.move(os.path.join(td, name + ".pdf"), pdf)
    else:
        raise ValueError(p)
    truth = make_truth(fx)
    with open(os.path.join(FIX, name + ".truth.json"), "w", encoding="utf-8") as f:
        json.dump(truth, f, ensure_ascii=False, indent=2)
        f.write("\n")
    print(f"built {name}.pdf ({len(truth['records'])} records)")


def settings_f(fx):
    fx2 = dict(fx)
    if fx["font"] == "lmodern":
        fx2["font"] = "Latin Modern Roman"
    s = settings(fx2)
    if fx.get("rag_dot"):
        s = s.replace("RAG column", {"span": "RAG dot column (CSS circle)", "tikz": "RAG dot column (TikZ circle)",
                                      "glyph": "RAG dot column (coloured bullet glyph)"}[fx["rag_dot"]])
    return s


def readme_rows():
    out = []
    for fx in plan_f.PLAN:
        pdf = os.path.join(FIX, fx["name"] + ".pdf")
        if not os.path.exists(pdf):
            continue
        truth = json.load(open(os.path.join(FIX, fx["name"] + ".truth.json"), encoding="utf-8"))
        r = (fx["name"] + ".pdf", fx["producer"], pdf_pages(pdf), len(truth["records"]), settings_f(fx), fx["hard"])
        out.append("| " + " | ".join(str(c).replace("|", "\\|") for c in r) + " |")
    return out


def update_readme():
    path = os.path.join(FIX, "README.md")
    names = tuple("| " + fx["name"] + ".pdf |" for fx in plan_f.PLAN)
    lines = [l for l in open(path, encoding="utf-8").read().rstrip("\n").split("\n") if not l.startswith(names)]
    lines += readme_rows()
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    print("updated fixtures/README.md")


def main():
    args = sys.argv[1:]
    want, readme_only, i = [], False, 0
    while i < len(args):
        if args[i] == "--only":
            want.append(args[i + 1])
            i += 2
        elif args[i] == "--readme":
            readme_only = True
            i += 1
        else:
            want.append(args[i])
            i += 1
    os.makedirs(SRC, exist_ok=True)
    if not readme_only:
        with open(os.path.join(HERE, "plan_f.json"), "w", encoding="utf-8") as f:
            json.dump({"fixtures": plan_f.PLAN}, f, ensure_ascii=False, indent=1)
            f.write("\n")
        for fx in plan_f.PLAN:
            if want and not any(w in fx["name"] for w in want):
                continue
            render(fx)
    update_readme()


if __name__ == "__main__":
    main()
