#!/usr/bin/env python3
"""Build the tracker fixture corpus.

For every fixture in plan_*.py this writes
  fixtures/src/NAME.{fodt,html,tex}   the producer's source
  fixtures/NAME.pdf                   rendered by LibreOffice, Chromium or pdflatex
  fixtures/NAME.truth.json            the expected records, from the same data
and tools/corpus/plan.json (the whole plan as JSON, for reference).

Usage: python3 tools/corpus/build.py [NAME-substring ...]
"""
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
FIX = os.path.join(ROOT, "fixtures")
SRC = os.path.join(FIX, "src")
sys.path.insert(0, HERE)

import plan_a, plan_b, plan_c, plan_d  # noqa: E402

PLAN = [plan_a.F1, plan_a.F2, plan_a.F3, plan_b.F4, plan_b.F5,
        plan_c.F6, plan_c.F7, plan_c.F8, plan_c.F9,
        plan_d.F10, plan_d.F11, plan_d.F12, plan_d.F13]

# Derived fixtures: (new name, base name, qpdf arguments)
DERIVED = [
    ("air-quality-whitespace.libreoffice-letter-l.rotated",
     "air-quality-whitespace.libreoffice-letter-l", ["--rotate=+90:1"]),
]

SHY = "\u00ad"
MARKERS = ("• ", "– ", "◦ ", "- ")

RAG_STRONG = {"green": "#5cb85c", "amber": "#ffc000", "red": "#e8453c"}
RAG_PALE = {"green": "#c6efce", "amber": "#ffeb9c", "red": "#ffc7ce"}
RAG_WORD = {"green": "Green", "amber": "Amber", "red": "Red"}

PAPER_CM = {"a4": (21.0, 29.7), "letter": (21.59, 27.94)}


# --------------------------------------------------------------------------
# data helpers

def blocks(text):
    """Truth-form text -> [("p", str) | ("ul", [items])]."""
    out = []
    if not text:
        return out
    for chunk in text.split("\n\n"):
        lines = chunk.split("\n")
        if all(l.startswith(MARKERS) for l in lines):
            out.append(("ul", [l[2:] for l in lines]))
        else:
            assert len(lines) == 1, f"stray newline in paragraph: {chunk!r}"
            out.append(("p", chunk))
    return out


def truth_text(text):
    parts = []
    for kind, val in blocks(text):
        if kind == "p":
            parts.append(val)
        else:
            parts.append("\n".join("• " + i for i in val))
    return "\n\n".join(parts).replace(SHY, "")


def rows(fx):
    """Yield (table_index, n, label, record) with running numbering."""
    n = 0
    for ti, t in enumerate(fx["tables"], 1):
        for r in t["records"]:
            n += 1
            label = fx["label"].format(n=n) if fx.get("label") else ""
            yield ti, n, label, r


def make_truth(fx):
    recs = []
    for ti, n, label, r in rows(fx):
        recs.append({
            "id": str(n),
            "label": label.rstrip(":."),
            "recommendation": truth_text(r["rec"]),
            "response": truth_text(r["resp"]),
            "progress": truth_text(r["prog"]),
            "rag": r.get("rag") if fx.get("shading") else None,
            "table": ti,
        })
    return {
        "source": fx["name"] + ".pdf",
        "producer": fx["producer"],
        "title": fx["title"],
        "committee": fx["committee"],
        "intro": truth_text(fx["intro"]),
        "closing": truth_text(fx.get("closing", "")),
        "columns": list(fx["tables"][0]["columns"]),
        "tables": [{"heading": t["heading"], "columns": list(t["columns"])} for t in fx["tables"]],
        "records": recs,
    }


def page_size(fx):
    w, h = PAPER_CM[fx["paper"]]
    if fx["orientation"] == "landscape":
        w, h = h, w
    return w, h


def rag_colour(fx, rag):
    return (RAG_PALE if fx.get("pale") else RAG_STRONG)[rag]


# --------------------------------------------------------------------------
# LibreOffice (flat ODT)

def x(s):
    return html.escape(s, quote=False)


def fodt(fx):
    pw, ph = page_size(fx)
    margin_lr = fx.get("margin_lr", 1.8 if fx["orientation"] == "portrait" else 1.6)
    margin_tb = fx.get("margin_tb", 1.5)
    # optional line height of cell and body paragraphs (the sweep, tools/corpus/sweep.py)
    cell_lh = f' fo:line-height="{fx["line_height"]}"' if fx.get("line_height") else ""
    text_w = pw - 2 * margin_lr
    font = fx["font"]
    size = fx["size"]
    ncol = len(fx["tables"][0]["columns"])
    widths = fx["widths"]
    tot = sum(widths)
    colw = [text_w * w / tot for w in widths]
    rules = fx["rules"]
    run = fx.get("running")
    line = "0.5pt solid #404040"
    if rules == "grid":
        cellb = f'fo:border="{line}"'
        headb = cellb
    elif rules == "horizontal":
        cellb = f'fo:border-top="none" fo:border-left="none" fo:border-right="none" fo:border-bottom="{line}"'
        headb = f'fo:border-top="{line}" fo:border-left="none" fo:border-right="none" fo:border-bottom="{line}"'
    else:
        cellb = 'fo:border="none"'
        headb = cellb
    if rules == "grid":
        head_bg, head_fg = "#1f3864", "#ffffff"
    elif rules == "horizontal":
        head_bg, head_fg = "#d9d9d9", "#000000"
    else:
        head_bg, head_fg = "transparent", "#000000"
    pad = "0.12cm" if rules != "none" else "0.08cm"
    cell_pad = f'fo:padding-left="{pad}" fo:padding-right="{pad}" fo:padding-top="0.08cm" fo:padding-bottom="0.1cm"'
    if rules == "none":
        cell_pad = 'fo:padding-left="0cm" fo:padding-right="0.3cm" fo:padding-top="0.05cm" fo:padding-bottom="0.25cm"'
    bullet = fx.get("bullet", "•")

    cell_styles = [f'<style:style style:name="CHead" style:family="table-cell"><style:table-cell-properties fo:background-color="{head_bg}" {cell_pad} {headb}/></style:style>',
                   f'<style:style style:name="C" style:family="table-cell"><style:table-cell-properties {cell_pad} {cellb}/></style:style>']
    for rag in RAG_STRONG:
        cell_styles.append(f'<style:style style:name="C{rag}" style:family="table-cell"><style:table-cell-properties fo:background-color="{rag_colour(fx, rag)}" {cell_pad} {cellb}/></style:style>')
    col_styles = "".join(
        f'<style:style style:name="Col{i}" style:family="table-column"><style:table-column-properties style:column-width="{w:.3f}cm"/></style:style>'
        for i, w in enumerate(colw))

    P = []  # body
    P.append(f'<text:p text:style-name="Title">{x(fx["title"])}</text:p>')
    P.append(f'<text:p text:style-name="Committee">{x(fx["committee"])}</text:p>')
    P += body_blocks_fodt(fx["intro"], "Body", bullet)
    for ti, t in enumerate(fx["tables"], 1):
        if t["heading"]:
            P.append(f'<text:p text:style-name="TableHeading">{x(t["heading"])}</text:p>')
        P.append(f'<table:table table:name="Tracker{ti}" table:style-name="Tbl">')
        for i in range(ncol):
            P.append(f'<table:table-column table:style-name="Col{i}"/>')
        P.append('<table:table-header-rows><table:table-row table:style-name="Row">')
        for c in t["columns"]:
            P.append(f'<table:table-cell table:style-name="CHead" office:value-type="string"><text:p text:style-name="HeadCell">{x(c)}</text:p></table:table-cell>')
        P.append('</table:table-row></table:table-header-rows>')
        for tj, n, label, r in rows(fx):
            if tj != ti:
                continue
            P.append('<table:table-row table:style-name="Row">')
            # recommendation cell
            rec_blocks = body_blocks_fodt(r["rec"], "Cell", bullet,
                                          label=label if fx["label_place"] != "none" else None,
                                          inline=fx["label_place"] == "inline")
            P.append('<table:table-cell table:style-name="C" office:value-type="string">' + "".join(rec_blocks) + '</table:table-cell>')
            P.append('<table:table-cell table:style-name="C" office:value-type="string">' + "".join(body_blocks_fodt(r["resp"], "Cell", bullet) or ['<text:p text:style-name="Cell"/>']) + '</table:table-cell>')
            pstyle = f'C{r["rag"]}' if fx["shading"] == "progress" else "C"
            P.append(f'<table:table-cell table:style-name="{pstyle}" office:value-type="string">' + "".join(body_blocks_fodt(r["prog"], "Cell", bullet) or ['<text:p text:style-name="Cell"/>']) + '</table:table-cell>')
            if ncol == 4:
                P.append(f'<table:table-cell table:style-name="C{r["rag"]}" office:value-type="string"><text:p text:style-name="RagCell">{RAG_WORD[r["rag"]]}</text:p></table:table-cell>')
            P.append('</table:table-row>')
        P.append('</table:table>')
    if fx.get("closing"):
        P += body_blocks_fodt(fx["closing"], "Closing", bullet)

    header = footer = ""
    if run:
        header = (f'<style:header><text:p text:style-name="RunHead">{x(run["left"])}<text:tab/>{x(run["right"])}</text:p></style:header>')
        foot = x(run["footer"]).replace("{page}", '<text:page-number text:select-page="current">1</text:page-number>').replace("{pages}", '<text:page-count>1</text:page-count>')
        footer = f'<style:footer><text:p text:style-name="RunFoot">{foot}</text:p></style:footer>'
    else:
        footer = '<style:footer><text:p text:style-name="RunFoot"><text:page-number text:select-page="current">1</text:page-number></text:p></style:footer>'

    hs = size  # base size
    doc = f'''<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:font-face-decls>
 <style:font-face style:name="Main" svg:font-family="&apos;{font}&apos;"/>
</office:font-face-decls>
<office:styles>
 <style:default-style style:family="paragraph">
  <style:paragraph-properties fo:orphans="1" fo:widows="1" fo:hyphenation-ladder-count="no-limit"/>
  <style:text-properties style:font-name="Main" fo:font-size="{hs}pt" fo:language="en" fo:country="GB" fo:hyphenate="false"/>
 </style:default-style>
 <style:style style:name="Standard" style:family="paragraph" style:class="text"/>
 <style:style style:name="Title" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties fo:margin-bottom="0.2cm"/>
  <style:text-properties fo:font-size="{hs + 9}pt" fo:font-weight="bold" fo:color="#1f3864"/>
 </style:style>
 <style:style style:name="Committee" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties fo:margin-bottom="0.4cm"/>
  <style:text-properties fo:font-size="{hs + 3}pt" fo:color="#404040"/>
 </style:style>
 <style:style style:name="Body" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties fo:margin-bottom="0.25cm" fo:line-height="{fx.get("line_height", "115%")}"/>
 </style:style>
 <style:style style:name="Closing" style:family="paragraph" style:parent-style-name="Body">
  <style:paragraph-properties fo:margin-top="0.4cm"/>
 </style:style>
 <style:style style:name="TableHeading" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties fo:margin-top="0.4cm" fo:margin-bottom="0.25cm" fo:keep-with-next="always"/>
  <style:text-properties fo:font-size="{hs + 3}pt" fo:font-weight="bold" fo:color="#1f3864"/>
 </style:style>
 <style:style style:name="Cell" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties fo:margin-bottom="0.12cm"{cell_lh}/>
 </style:style>
 <style:style style:name="HeadCell" style:family="paragraph" style:parent-style-name="Standard">
  <style:text-properties fo:font-weight="bold" fo:color="{head_fg}"/>
 </style:style>
 <style:style style:name="RagCell" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties fo:text-align="center"/>
  <style:text-properties fo:font-weight="bold"/>
 </style:style>
 <style:style style:name="RunHead" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties><style:tab-stops><style:tab-stop style:position="{text_w:.2f}cm" style:type="right"/></style:tab-stops></style:paragraph-properties>
  <style:text-properties fo:font-size="8pt" fo:color="#606060"/>
 </style:style>
 <style:style style:name="RunFoot" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties fo:text-align="end"/>
  <style:text-properties fo:font-size="8pt" fo:color="#606060"/>
 </style:style>
 <style:style style:name="Strong" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>
 <text:list-style style:name="Bullets">
  <text:list-level-style-bullet text:level="1" text:bullet-char="{bullet}">
   <style:list-level-properties text:list-level-position-and-space-mode="label-alignment">
    <style:list-level-label-alignment text:label-followed-by="listtab" text:list-tab-stop-position="0.5cm" fo:text-indent="-0.4cm" fo:margin-left="0.5cm"/>
   </style:list-level-properties>
  </text:list-level-style-bullet>
 </text:list-style>
</office:styles>
<office:automatic-styles>
 <style:page-layout style:name="PL">
  <style:page-layout-properties fo:page-width="{pw}cm" fo:page-height="{ph}cm" style:print-orientation="{fx["orientation"]}" fo:margin-top="{margin_tb}cm" fo:margin-bottom="{margin_tb - 0.5}cm" fo:margin-left="{margin_lr}cm" fo:margin-right="{margin_lr}cm"/>
  <style:header-style><style:header-footer-properties fo:min-height="0cm" fo:margin-bottom="0.5cm"/></style:header-style>
  <style:footer-style><style:header-footer-properties fo:min-height="0cm" fo:margin-top="0.4cm"/></style:footer-style>
 </style:page-layout>
 <style:style style:name="Tbl" style:family="table"><style:table-properties style:width="{sum(colw):.3f}cm" table:align="left" style:may-break-between-rows="true" fo:margin-top="{fx.get("gap_before_table", 0.2)}cm" fo:margin-bottom="0.2cm"/></style:style>
 <style:style style:name="Row" style:family="table-row"><style:table-row-properties fo:keep-together="auto"/></style:style>
 {col_styles}
 {"".join(cell_styles)}
</office:automatic-styles>
<office:master-styles>
 <style:master-page style:name="Standard" style:page-layout-name="PL">{header}{footer}</style:master-page>
</office:master-styles>
<office:body><office:text>
{chr(10).join(P)}
</office:text></office:body></office:document>
'''
    return doc


def body_blocks_fodt(text, pstyle, bullet, label=None, inline=False):
    out = []
    bl = blocks(text)
    if label and not inline:
        out.append(f'<text:p text:style-name="{pstyle}"><text:span text:style-name="Strong">{x(label)}</text:span></text:p>')
    for i, (kind, val) in enumerate(bl):
        if kind == "p":
            lead = ""
            if label and inline and i == 0:
                lead = f'<text:span text:style-name="Strong">{x(label)}</text:span> '
            out.append(f'<text:p text:style-name="{pstyle}">{lead}{x(val)}</text:p>')
        else:
            items = "".join(f'<text:list-item><text:p text:style-name="{pstyle}">{x(it)}</text:p></text:list-item>' for it in val)
            out.append(f'<text:list text:style-name="Bullets">{items}</text:list>')
    return out


# --------------------------------------------------------------------------
# Chromium (HTML)

def h(s):
    return html.escape(s, quote=False)


def html_blocks(text, label=None, inline=False, bullet="•"):
    out = []
    if label and not inline:
        out.append(f'<p class="label"><b>{h(label)}</b></p>')
    for i, (kind, val) in enumerate(blocks(text)):
        if kind == "p":
            lead = f"<b>{h(label)}</b> " if (label and inline and i == 0) else ""
            out.append(f"<p>{lead}{h(val)}</p>")
        else:
            out.append('<div class="list">' + "".join(
                f'<p class="li"><span class="m">{h(bullet)}</span>{h(it)}</p>' for it in val) + "</div>")
    return "".join(out)


def html_doc(fx):
    size = fx["size"]
    paper = {"a4": "A4", "letter": "letter"}[fx["paper"]]
    run = fx.get("running")
    rules = fx["rules"]
    widths = fx["widths"]
    tot = sum(widths)
    bullet = fx.get("bullet", "•")
    margin_boxes = ""
    if run:
        foot = '"' + run["footer"].replace("{page}", '" counter(page) "').replace("{pages}", '" counter(pages) "') + '"'
        margin_boxes = f'''
  @top-left {{ content: "{run["left"]}"; font: 8pt "{fx["font"]}"; color: #606060; }}
  @top-right {{ content: "{run["right"]}"; font: 8pt "{fx["font"]}"; color: #606060; }}
  @bottom-right {{ content: {foot}; font: 8pt "{fx["font"]}"; color: #606060; }}'''
    if rules == "grid":
        cell_rule = "border: 0.75pt solid #404040;"
        head = "background: #1f3864; color: #fff;"
    elif rules == "horizontal":
        cell_rule = "border: none; border-bottom: 0.75pt solid #808080;"
        head = "background: #d9d9d9; color: #000; border-top: 0.75pt solid #808080;"
    else:
        cell_rule = "border: none;"
        head = "background: none; color: #000;"
    pad = "4pt 6pt 5pt 6pt" if rules != "none" else "3pt 14pt 9pt 0"
    css = f'''
@page {{ size: {paper} {fx["orientation"]}; margin: {fx.get("page_margin") or ("20mm 16mm 18mm 16mm" if run else "14mm 14mm 16mm 14mm")};{margin_boxes}
}}
* {{ -webkit-print-color-adjust: exact; print-color-adjust: exact; }}
body {{ font-family: "{fx["font"]}"; font-size: {size}pt; line-height: {fx.get("line_height", 1.3)}; margin: 0; orphans: 1; widows: 1; }}
h1 {{ font-size: {size + 9}pt; color: #1f3864; margin: 0 0 4pt 0; }}
p.committee {{ font-size: {size + 3}pt; color: #404040; margin: 0 0 10pt 0; }}
p {{ margin: 0 0 6pt 0; }}
h2 {{ font-size: {size + 3}pt; color: #1f3864; margin: 14pt 0 6pt 0; break-after: avoid; }}
table {{ width: 100%; border-collapse: collapse; table-layout: fixed; margin-top: {fx.get("gap_before_table", 6)}pt; }}
th, td {{ {cell_rule} padding: {pad}; vertical-align: top; text-align: left; }}
th {{ {head} font-weight: bold; }}
tr {{ break-inside: auto; }}
td p {{ margin: 0 0 4pt 0; }}
td p:last-child {{ margin-bottom: 0; }}
.list {{ margin: 0 0 4pt 0; }}
.list:last-child {{ margin-bottom: 0; }}
p.li {{ padding-left: 1.1em; text-indent: -1.1em; margin: 0 0 2pt 0; }}
p.li .m {{ display: inline-block; width: 1.1em; text-indent: 0; }}
td.rag {{ text-align: center; font-weight: bold; }}
p.closing {{ margin-top: 10pt; }}
'''
    for rag in RAG_STRONG:
        css += f"td.{rag} {{ background: {rag_colour(fx, rag)}; }}\n"
    out = ['<!DOCTYPE html>\n<html lang="en-GB"><head><meta charset="utf-8">',
           f"<title>{h(fx['title'])}</title><style>{css}</style></head><body>",
           f"<h1>{h(fx['title'])}</h1>", f'<p class="committee">{h(fx["committee"])}</p>',
           html_blocks(fx["intro"], bullet=bullet)]
    ncol = len(fx["tables"][0]["columns"])
    for ti, t in enumerate(fx["tables"], 1):
        if t["heading"]:
            out.append(f"<h2>{h(t['heading'])}</h2>")
        out.append("<table><colgroup>" + "".join(f'<col style="width:{100 * w / tot:.2f}%">' for w in widths) + "</colgroup>")
        out.append("<thead><tr>" + "".join(f"<th>{h(c)}</th>" for c in t["columns"]) + "</tr></thead><tbody>")
        for tj, n, label, r in rows(fx):
            if tj != ti:
                continue
            lab = label if fx["label_place"] != "none" else None
            cells = [f"<td>{html_blocks(r['rec'], lab, fx['label_place'] == 'inline', bullet)}</td>",
                     f"<td>{html_blocks(r['resp'], bullet=bullet)}</td>"]
            cls = f' class="{r["rag"]}"' if fx["shading"] == "progress" else ""
            cells.append(f"<td{cls}>{html_blocks(r['prog'], bullet=bullet)}</td>")
            if ncol == 4:
                cells.append(f'<td class="rag {r["rag"]}">{RAG_WORD[r["rag"]]}</td>')
            out.append("<tr>" + "".join(cells) + "</tr>")
        out.append("</tbody></table>")
    if fx.get("closing"):
        out.append(html_blocks(fx["closing"], bullet=bullet).replace("<p>", '<p class="closing">', 1))
    out.append("</body></html>\n")
    return "\n".join(out)


# --------------------------------------------------------------------------
# LaTeX

TEX_ESC = {"&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_",
           "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
           "\\": r"\textbackslash{}"}


# The sweep (sweep.py) renders plans made for other producers, whose texts may hold
# straight quotes, soft hyphens and "--": with fx["tex_printed"] set, tex_doc prints
# them as themselves (\textquotesingle, \textquotedbl, a discretionary hyphen \-, and
# "-{}" so that no dash ligature forms). Plans built by build.py keep the checks below.
TEX_PRINTED = {"'": r"\textquotesingle{}", '"': r"\textquotedbl{}", SHY: r"\-", "-": "-{}"}
_printed = False


def t(s):
    if _printed:
        return "".join(TEX_PRINTED.get(c) or TEX_ESC.get(c, c) for c in s)
    assert "'" not in s and '"' not in s, f"straight quote in LaTeX text: {s!r}"
    assert "--" not in s
    return "".join(TEX_ESC.get(c, c) for c in s)


def tex_blocks(text, label=None, bullet="•", para_gap="3pt", inline=False):
    out = []
    if label and not inline:
        out.append(r"\textbf{" + t(label) + "}")
    bmark = {"•": r"\textbullet", "–": r"\textendash", "◦": r"$\circ$"}[bullet]
    for i, (kind, val) in enumerate(blocks(text)):
        if kind == "p":
            lead = r"\textbf{" + t(label) + "} " if (label and inline and i == 0) else ""
            out.append(lead + t(val))
        else:
            items = "".join(r"\item " + t(it) + "\n" for it in val)
            out.append(r"\begin{itemize}[label=" + bmark + r",leftmargin=1.2em,labelsep=0.4em,nosep,before=\vspace{-\parskip},after=\vspace{-\parskip}]" + "\n" + items + r"\end{itemize}")
    return ("\n\\par\\vspace{" + para_gap + "}\n").join(out)


HEADFMT = r"\raggedright\arraybackslash\hyphenpenalty=10000 "


def tex_doc(fx):
    global _printed
    _printed = bool(fx.get("tex_printed"))
    try:
        return _tex_doc(fx)
    finally:
        _printed = False


def _tex_doc(fx):
    size = fx["size"]
    run = fx.get("running")
    rules = fx["rules"]
    widths = fx["widths"]
    ncol = len(fx["tables"][0]["columns"])
    bullet = fx.get("bullet", "•")
    tot = 100.0
    fonts = {
        "lmodern-serif": r"\usepackage{lmodern}",
        "lmodern-sans": r"\usepackage{lmodern}\renewcommand{\familydefault}{\sfdefault}",
        "times": r"\usepackage{mathptmx}",
        "palatino": r"\usepackage{mathpazo}",
        "charter": r"\usepackage{charter}",
        "helvet": r"\usepackage[scaled]{helvet}\renewcommand{\familydefault}{\sfdefault}",
    }[fx["font"]]
    geo = f'{fx["paper"]}paper,{fx["orientation"]},' + (fx.get("geometry") or "margin=1.8cm" + (",top=2.4cm,headsep=0.6cm" if run else ""))
    vr = "|" if rules == "grid" else ""
    colspec = vr + vr.join(r">{\hspace{0pt}}p{\dimexpr " + f"{w / tot:.3f}" + r"\linewidth-2\tabcolsep\relax}" for w in widths) + vr
    pre = [rf"\documentclass[{size}pt]{{extarticle}}",
           r"\usepackage[T1]{fontenc}", r"\usepackage[utf8]{inputenc}", fonts,
           r"\usepackage[british]{babel}",
           rf"\usepackage[{geo}]{{geometry}}",
           r"\usepackage{array,longtable,colortbl,xcolor,enumitem}",
           r"\usepackage{fancyhdr,lastpage}",
           r"\definecolor{head}{HTML}{1F3864}", r"\definecolor{headgrey}{HTML}{D9D9D9}",
           r"\definecolor{rulegrey}{HTML}{808080}"]
    for rag in RAG_STRONG:
        pre.append(rf"\definecolor{{rag{rag}}}{{HTML}}{{{rag_colour(fx, rag)[1:].upper()}}}")
    pre += [r"\setlength{\parindent}{0pt}", r"\setlength{\parskip}{6pt}",
            r"\setlength{\LTpre}{4pt}", r"\setlength{\LTpost}{4pt}", r"\setlength{\LTleft}{0pt}",
            r"\renewcommand{\arraystretch}{1.15}"]
    if fx.get("linespread"):
        pre.append(rf"\linespread{{{fx['linespread']}}}")
    if rules != "grid":
        pre.append(r"\arrayrulecolor{rulegrey}")
    if run:
        foot = t(run["footer"].replace("{page}", "\x00").replace("{pages}", "\x01")).replace("\x00", r"\thepage{}").replace("\x01", r"\pageref{LastPage}")
        pre += [r"\pagestyle{fancy}", r"\fancyhf{}",
                r"\fancyhead[L]{\small\color{darkgray}" + t(run["left"]) + "}",
                r"\fancyhead[R]{\small\color{darkgray}" + t(run["right"]) + "}",
                r"\fancyfoot[R]{\small\color{darkgray}" + foot + "}",
                r"\renewcommand{\headrulewidth}{0pt}"]
    body = [r"\begin{document}", r"\raggedbottom",
            r"{\LARGE\bfseries\color{head}" + t(fx["title"]) + r"\par}\vspace{4pt}",
            r"{\large\color{darkgray}" + t(fx["committee"]) + r"\par}\vspace{6pt}",
            tex_blocks(fx["intro"], bullet=bullet, para_gap="6pt") + r"\par"]
    for ti, tb in enumerate(fx["tables"], 1):
        if tb["heading"]:
            body.append(r"\vspace{6pt}{\large\bfseries\color{head}" + t(tb["heading"]) + r"\par}\nopagebreak")
        body.append(r"\begin{longtable}{" + colspec + "}")
        if rules == "grid":
            hcells = " & ".join(HEADFMT + r"\color{white}\bfseries " + t(c) for c in tb["columns"])
            head = r"\hline\rowcolor{head}" + hcells + r"\\\hline"
        elif rules == "horizontal":
            hcells = " & ".join(HEADFMT + r"\bfseries " + t(c) for c in tb["columns"])
            head = r"\hline\rowcolor{headgrey}" + hcells + r"\\\hline"
        else:
            hcells = " & ".join(HEADFMT + r"\bfseries " + t(c) for c in tb["columns"])
            head = hcells + r"\\\noalign{\vspace{3pt}}"
        body.append(head + r"\endhead")
        for tj, n, label, r in rows(fx):
            if tj != ti:
                continue
            lab = label if fx["label_place"] != "none" else None
            cells = [tex_blocks(r["rec"], lab, bullet, inline=fx["label_place"] == "inline"),
                     tex_blocks(r["resp"], bullet=bullet)]
            pc = tex_blocks(r["prog"], bullet=bullet)
            if fx["shading"] == "progress":
                pc = rf"\cellcolor{{rag{r['rag']}}}" + pc
            cells.append(pc)
            if ncol == 4:
                cells.append(rf"\cellcolor{{rag{r['rag']}}}\centering\arraybackslash\bfseries " + RAG_WORD[r["rag"]])
            end = r"\\\hline" if rules != "none" else r"\\\noalign{\vspace{6pt}}"
            body.append(" &\n".join(cells) + end)
        body.append(r"\end{longtable}")
    if fx.get("closing"):
        body.append(r"\vspace{6pt}" + tex_blocks(fx["closing"], bullet=bullet) + r"\par")
    body.append(r"\end{document}")
    return "\n".join(pre + body) + "\n"


# --------------------------------------------------------------------------
# rendering

def run(cmd, **kw):
    r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, **kw)
    if r.returncode != 0:
        sys.stderr.write(r.stdout[-4000:])
        raise SystemExit(f"failed: {' '.join(cmd)}")
    return r.stdout


def render(fx):
    name = fx["name"]
    pdf = os.path.join(FIX, name + ".pdf")
    p = fx["producer"]
    if p == "libreoffice":
        src = os.path.join(SRC, name + ".fodt")
        with open(src, "w", encoding="utf-8") as f:
            f.write(fodt(fx))
        with tempfile.TemporaryDirectory() as td:
            run(["soffice", f"-env:UserInstallation=file://{td}/profile", "--headless",
                 "--convert-to", "pdf:writer_pdf_Export", "--outdir", td, src])
            shutil.move(os.path.join(td, name + ".pdf"), pdf)
    elif p == "chromium":
        src = os.path.join(SRC, name + ".html")
        with open(src, "w", encoding="utf-8") as f:
            f.write(html_doc(fx))
        with tempfile.TemporaryDirectory() as td:
            run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", f"--user-data-dir={td}/ud", "--no-pdf-header-footer",
                 f"--print-to-pdf={pdf}", "file://" + src])
    elif p == "latex":
        src = os.path.join(SRC, name + ".tex")
        with open(src, "w", encoding="utf-8") as f:
            f.write(tex_doc(fx))
        with tempfile.TemporaryDirectory() as td:
            for _ in range(3):
                run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error",
                     f"-output-directory={td}", src])
            shutil.move(os.path.join(td, name + ".pdf"), pdf)
    else:
        raise ValueError(p)
    truth = make_truth(fx)
    with open(os.path.join(FIX, name + ".truth.json"), "w", encoding="utf-8") as f:
        json.dump(truth, f, ensure_ascii=False, indent=2)
        f.write("\n")
    print(f"built {name}.pdf ({len(truth['records'])} records)")


def derive(new, base, args):
    run(["qpdf"] + args + [os.path.join(FIX, base + ".pdf"), os.path.join(FIX, new + ".pdf")])
    with open(os.path.join(FIX, base + ".truth.json"), encoding="utf-8") as f:
        truth = json.load(f)
    truth["source"] = new + ".pdf"
    with open(os.path.join(FIX, new + ".truth.json"), "w", encoding="utf-8") as f:
        json.dump(truth, f, ensure_ascii=False, indent=2)
        f.write("\n")
    print(f"built {new}.pdf (qpdf {' '.join(args)} of {base}.pdf)")


def main():
    os.makedirs(SRC, exist_ok=True)
    want = sys.argv[1:]
    with open(os.path.join(HERE, "plan.json"), "w", encoding="utf-8") as f:
        json.dump({"fixtures": PLAN, "derived": [dict(name=a, base=b, qpdf=c) for a, b, c in DERIVED]},
                  f, ensure_ascii=False, indent=1)
        f.write("\n")
    for fx in PLAN:
        if want and not any(w in fx["name"] for w in want):
            continue
        render(fx)
    for new, base, args in DERIVED:
        if want and not any(w in new for w in want):
            continue
        derive(new, base, args)
    write_readme()


# --------------------------------------------------------------------------
# fixtures/README.md

EXISTING = [  # copied from shared/fixtures (not built here)
    ("online-crime-tracker.pdf", "libreoffice", "A4 landscape, DejaVu Sans 9.5pt, grid, shaded Progress",
     "seed reproduction; rows split across page breaks; heading row repeated on every page; multi-paragraph cells; labels with and without colon (rows 10-11); real hyphens at line ends (cyber-/crime)"),
    ("flood-resilience-two-tables.chromium-letter.pdf", "chromium", "Letter portrait, Liberation Sans 10pt, grid, pale shaded Progress",
     "two tables with different heading rows and a heading paragraph between them; closing paragraph after the tables; pale RAG shades; grey heading row"),
    ("rough-sleeping-rag-column.latex-a4l.pdf", "latex", "A4 landscape, lmss 10pt, grid, RAG column",
     "landscape, 4 columns with a separate RAG column (word + shading); LaTeX hyphenation and ligatures; label without punctuation (R1)"),
]

HARD = {
    "housing-delivery-running-heads.libreoffice-a4p":
        "running head (committee + date line) and footer “Page N of M” on every page; straight apostrophe in heading; bullet list in a Response cell split across the page break (row 6 continues under the repeated heading row); many-paragraph cell; closing paragraph",
    "air-quality-whitespace.libreoffice-letter-l":
        "no ruling lines and no shading at all (whitespace-only table, rag null); 8pt; Status column with short words; empty Response cells (rows 3, 10); wide Recommendation column; R1 labels",
    "air-quality-whitespace.libreoffice-letter-l.rotated":
        "same as air-quality-whitespace but page 1 carries /Rotate 90 (qpdf --rotate=+90:1); page 2 unrotated; truth identical",
    "transport-two-tables-dash-bullets.libreoffice-a4l":
        "labels inline with the text (bold “1.” then the recommendation on the same line); horizontal rules only, grey heading row; “Government response | RAG rating” heading with the shaded 3rd column holding the progress text; en-dash list markers (truth “• ”); two tables with heading paragraphs; numbering continues 8–10 in table 2; closing note",
    "adult-skills-long-intro-rag-word.libreoffice-a4p":
        "title wraps onto two lines; long introduction (about 3/4 page) with a bullet list; 12pt serif in narrow columns; 4 columns with RAG word column (Green/Amber/Red + shading); labels “Recommendation 10” etc. without colon; a row split across pages 2–3",
    "adult-social-care-no-labels.libreoffice-a4p":
        "no labels at all (ids by position); running head + “Page N of M”; row 8 starts on the last two lines of page 1 and continues on page 2, where its first lines look like a new row; a Response cell’s second paragraph alone on page 2",
    "stop-and-search-soft-hyphens.chromium-a4p":
        "soft hyphens (U+00AD) in long words: unbroken ones stay in the text layer as U+00AD, broken ones read “au\\u00ad\\u2010” at the line end; narrow Recommendation column; @page margin boxes: running head, date line and “Page N of M”; curly quotes",
    "youth-services-no-labels-whitespace.chromium-letter-p":
        "no labels and no ruling lines and no shading (ids by position, rag null); “Recommendation | Response | Status”; empty Response cells; closing paragraph",
    "fire-safety-rag-word-page-breaks.chromium-letter-l":
        "11pt landscape; RAG word column; a Response cell of several paragraphs and a bullet list crossing a page break in the middle of a bullet item; row R6 starts on the last two lines of page 2; R labels",
    "health-inequalities-two-tables-circle-bullets.chromium-a4l":
        "8pt; “◦” list markers (truth “• ”) inside a Recommendation cell; two tables with heading paragraphs; labels “1.” on their own line; row 7 starts on the last line of page 1; horizontal rules only with pale shades; closing paragraph",
    "childrens-services-running-heads.latex-a4p":
        "pdfLaTeX longtable: hyphenated line ends (estab-/lish, commission-/ing) and ligatures fi/ff/ffi/fl; fancyhdr running head with date line and “Page N of M”; heading cell wrapped onto two lines; bullet list",
    "libraries-whitespace-narrow.latex-letter-l":
        "no ruling lines, no shading (rag null); 8pt sans in very narrow justified columns (many hyphenations); table narrower than the page; empty Response cell; R labels",
    "energy-efficiency-rag-word-dash-bullets.latex-a4l":
        "12pt Times; 4 columns with RAG word column and pale shading; en-dash list markers (truth “• ”); empty Response cell (row 3); labels “1.” on their own line; hyphenation",
    "culture-two-tables-rag-rating.latex-letter-p":
        "two longtables with heading paragraphs (second table on page 2); “Government response | RAG rating” heading; labels “Recommendation 10” without colon; horizontal rules, grey heading row; hyphenation; closing paragraph",
}


def settings(fx):
    paper = {"a4": "A4", "letter": "Letter"}[fx["paper"]]
    font = {"lmodern-serif": "Latin Modern Roman", "lmodern-sans": "Latin Modern Sans", "times": "Times (mathptmx)"}.get(fx["font"], fx["font"])
    rules = {"grid": "grid", "horizontal": "horizontal rules", "none": "no rules"}[fx["rules"]]
    shade = {"progress": "shaded Progress", "rag": "RAG column", None: "unshaded"}[fx["shading"]]
    if fx["shading"] and fx.get("pale"):
        shade = "pale " + shade
    return f"{paper} {fx['orientation']}, {font} {fx['size']}pt, {rules}, {shade}"


def pdf_pages(path):
    out = subprocess.run(["pdfinfo", path], capture_output=True, text=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", out).group(1))


def write_readme():
    rows_ = []
    for name, prod, sett, hard in EXISTING:
        truth = json.load(open(os.path.join(FIX, name[:-4] + ".truth.json"), encoding="utf-8"))
        rows_.append((name, prod, pdf_pages(os.path.join(FIX, name)), len(truth["records"]), sett, hard + " (copied from shared/fixtures)"))
    byname = {fx["name"]: fx for fx in PLAN}
    names = [fx["name"] for fx in PLAN] + [d[0] for d in DERIVED]
    for name in names:
        base = byname.get(name) or byname[[d for d in DERIVED if d[0] == name][0][1]]
        pdf = os.path.join(FIX, name + ".pdf")
        if not os.path.exists(pdf):
            continue
        truth = json.load(open(os.path.join(FIX, name + ".truth.json"), encoding="utf-8"))
        rows_.append((name + ".pdf", base["producer"], pdf_pages(pdf), len(truth["records"]),
                      settings(base) + (", page 1 /Rotate 90" if name not in byname else ""), HARD[name]))
    lines = [
        "# Fixtures",
        "",
        "Tracker PDFs made by real producers, each with its expected records in `NAME.truth.json`",
        "(schema and text rules: `shared/fixtures/MANIFEST.md`; in short: paragraphs joined by `\\n\\n`,",
        "bullet lists as `• item` lines, labels without trailing colon/full stop, empty cell = \"\",",
        "`rag` null where the PDF shows no shading or RAG column).",
        "",
        "All but the three copied seeds are generated by `python3 tools/corpus/build.py` from the data in",
        "`tools/corpus/plan_*.py`; the truth is written from the same data as the document source",
        "(`fixtures/src/NAME.fodt|html|tex`), so it is exact by construction. `python3 tools/corpus/check.py`",
        "checks every truth word against `pdftotext -layout`. See `tools/corpus/README.md`.",
        "",
        "| file | producer | pages | records | settings | what is hard |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for r in rows_:
        lines.append("| " + " | ".join(str(c).replace("|", "\\|") for c in r) + " |")
    lines.append("")
    with open(os.path.join(FIX, "README.md"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines))
    print("wrote fixtures/README.md")
    try:  # batch E (build_e.py) rows follow the table
        import build_e
    except ImportError:
        return
    build_e.update_readme()


if __name__ == "__main__":
    main()
