#!/usr/bin/env python3
"""Build the second ("E") batch of tracker fixtures: harder layouts.

The data is in plan_e.py. Compared with build.py this generator adds:
  * a number column ("No. | Recommendation | Response | Progress") and a
    "Lead" column, i.e. columns are given with roles;
  * heading row repeated or not (`repeat_head`);
  * vertically centred cells (`valign`), zebra rows (`zebra`), centred
    heading text (`head_align`);
  * Word-like Symbol-font bullets (`bullet_font`);
  * running header / multi-line footer (footnote line, two-line footer, page
    numbers top right);
  * LaTeX with xltabular (tabularx X columns over pages) or longtable,
    mathpazo / mathptmx, heading only on the first page.

Usage: python3 tools/corpus/build_e.py [--only NAME-substring ...] [--readme]
       (no argument: build every E fixture; the fixtures/README.md rows for
       this batch are rewritten after every build)
The existing fixtures (build.py) are not touched.
"""
import html
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
FIX = os.path.join(ROOT, "fixtures")
SRC = os.path.join(FIX, "src")
sys.path.insert(0, HERE)

import plan_e  # noqa: E402

SHY = "\u00ad"
MARKERS = ("• ", "– ", "◦ ", "- ")
RAG_STRONG = {"green": "#5cb85c", "amber": "#ffc000", "red": "#e8453c"}
RAG_PALE = {"green": "#c6efce", "amber": "#ffeb9c", "red": "#ffc7ce"}
RAG_WORD = {"green": "Green", "amber": "Amber", "red": "Red"}
PAPER_CM = {"a4": (21.0, 29.7), "letter": (21.59, 27.94)}


# --------------------------------------------------------------------------
# data helpers (same text conventions as build.py)

def blocks(text):
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
        parts.append(val if kind == "p" else "\n".join("• " + i for i in val))
    return "\n\n".join(parts).replace(SHY, "")


def rows(fx):
    n = 0
    for ti, t in enumerate(fx["tables"], 1):
        for r in t["records"]:
            n += 1
            yield ti, n, r


def has(fx, role):
    return role in fx["roles"]


def label_of(fx, n):
    """(printed label in the rec cell or None, printed number cell or None, truth label)."""
    if has(fx, "no"):
        num = fx["no_fmt"].format(n=n)
        return None, num, num.rstrip(":.")
    if fx.get("label"):
        lab = fx["label"].format(n=n)
        return lab, None, lab.rstrip(":.")
    return None, None, ""


def make_truth(fx):
    recs = []
    for ti, n, r in rows(fx):
        recs.append({
            "id": str(n),
            "label": label_of(fx, n)[2],
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


def cell_text(fx, role, n, r):
    if role == "rec":
        return r["rec"]
    if role == "resp":
        return r["resp"]
    if role == "prog":
        return r["prog"]
    if role == "lead":
        return r["lead"]
    raise ValueError(role)


def page_fields(s):
    """Split a running text into ('t', text) / ('page',) / ('pages',) parts."""
    out = []
    while s:
        i = s.find("{")
        if i < 0:
            out.append(("t", s))
            break
        if i:
            out.append(("t", s[:i]))
        j = s.index("}", i)
        out.append((s[i + 1:j],))
        s = s[j + 1:]
    return out


# --------------------------------------------------------------------------
# LibreOffice (flat ODT)

def x(s):
    return html.escape(s, quote=False)


def fodt_run(s):
    o = ""
    for part in page_fields(s):
        if part[0] == "t":
            o += x(part[1])
        elif part[0] == "page":
            o += '<text:page-number text:select-page="current">1</text:page-number>'
        elif part[0] == "pages":
            o += '<text:page-count>1</text:page-count>'
    return o


def fodt_blocks(text, pstyle, label=None, inline=False):
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
            items = "".join(f'<text:list-item><text:p text:style-name="{pstyle}L">{x(it)}</text:p></text:list-item>' for it in val)
            out.append(f'<text:list text:style-name="Bullets">{items}</text:list>')
    return out or [f'<text:p text:style-name="{pstyle}"/>']


def fodt(fx):
    pw, ph = page_size(fx)
    mlr = fx.get("margin_lr", 2.0)
    mtb = fx.get("margin_tb", 1.5)
    text_w = pw - 2 * mlr
    font, size = fx["font"], fx["size"]
    cols = fx["tables"][0]["columns"]
    ncol = len(cols)
    tot = sum(fx["widths"])
    colw = [text_w * w / tot for w in fx["widths"]]
    rules = fx["rules"]
    line = "0.5pt solid #000000" if fx.get("word_like") else "0.5pt solid #404040"
    if rules == "grid":
        cellb = headb = f'fo:border="{line}"'
    elif rules == "horizontal":
        cellb = f'fo:border-top="none" fo:border-left="none" fo:border-right="none" fo:border-bottom="{line}"'
        headb = f'fo:border-top="{line}" fo:border-left="none" fo:border-right="none" fo:border-bottom="{line}"'
    else:
        cellb = headb = 'fo:border="none"'
    head_bg, head_fg = fx.get("head_colours", ("#d9e2f3", "#000000"))
    valign = fx.get("valign", "top")
    pad = 'fo:padding-left="0.19cm" fo:padding-right="0.19cm" fo:padding-top="0.05cm" fo:padding-bottom="0.05cm"'
    va = f'style:vertical-align="{valign}"'
    cs = [f'<style:style style:name="CHead" style:family="table-cell"><style:table-cell-properties {va} fo:background-color="{head_bg}" {pad} {headb}/></style:style>',
          f'<style:style style:name="C" style:family="table-cell"><style:table-cell-properties {va} {pad} {cellb}/></style:style>',
          f'<style:style style:name="CZ" style:family="table-cell"><style:table-cell-properties {va} fo:background-color="#f2f2f2" {pad} {cellb}/></style:style>']
    for rag in RAG_STRONG:
        cs.append(f'<style:style style:name="C{rag}" style:family="table-cell"><style:table-cell-properties {va} fo:background-color="{rag_colour(fx, rag)}" {pad} {cellb}/></style:style>')
    col_styles = "".join(
        f'<style:style style:name="Col{i}" style:family="table-column"><style:table-column-properties style:column-width="{w:.3f}cm"/></style:style>'
        for i, w in enumerate(colw))

    P = [f'<text:p text:style-name="Title">{x(fx["title"])}</text:p>',
         f'<text:p text:style-name="Committee">{x(fx["committee"])}</text:p>']
    P += fodt_blocks(fx["intro"], "Body")
    for ti, t in enumerate(fx["tables"], 1):
        if t["heading"]:
            P.append(f'<text:p text:style-name="TableHeading">{x(t["heading"])}</text:p>')
        P.append(f'<table:table table:name="Table{ti}" table:style-name="Tbl">')
        for i in range(ncol):
            P.append(f'<table:table-column table:style-name="Col{i}"/>')
        hrow = ('<table:table-row table:style-name="Row">' + "".join(
            f'<table:table-cell table:style-name="CHead" office:value-type="string"><text:p text:style-name="HeadCell">{x(c)}</text:p></table:table-cell>'
            for c in t["columns"]) + '</table:table-row>')
        if fx.get("repeat_head", True):
            P.append('<table:table-header-rows>' + hrow + '</table:table-header-rows>')
        else:
            P.append(hrow)
        k = 0
        for tj, n, r in rows(fx):
            if tj != ti:
                continue
            k += 1
            base = "CZ" if fx.get("zebra") and k % 2 == 0 else "C"
            lab, num, _ = label_of(fx, n)
            P.append('<table:table-row table:style-name="Row">')
            for role in fx["roles"]:
                if role == "no":
                    P.append(f'<table:table-cell table:style-name="{base}" office:value-type="string"><text:p text:style-name="NumCell">{x(num)}</text:p></table:table-cell>')
                elif role == "rag":
                    P.append(f'<table:table-cell table:style-name="C{r["rag"]}" office:value-type="string"><text:p text:style-name="RagCell">{RAG_WORD[r["rag"]]}</text:p></table:table-cell>')
                else:
                    st = base
                    if role == "prog" and fx.get("shading") == "progress":
                        st = "C" + r["rag"]
                    bl = fodt_blocks(cell_text(fx, role, n, r), "Cell",
                                     label=lab if role == "rec" else None,
                                     inline=fx.get("label_place") == "inline")
                    P.append(f'<table:table-cell table:style-name="{st}" office:value-type="string">' + "".join(bl) + '</table:table-cell>')
            P.append('</table:table-row>')
        P.append('</table:table>')
        for note in t.get("notes_after", []):
            P.append(f'<text:p text:style-name="Note">{x(note)}</text:p>')
    if fx.get("closing"):
        P += fodt_blocks(fx["closing"], "Closing")

    head = fx.get("page_head")  # dict(left=..., right=...)
    foot = fx.get("page_foot", [])  # list of (style, text)
    header = ""
    if head:
        header = f'<style:header><text:p text:style-name="RunHead">{fodt_run(head.get("left", ""))}<text:tab/>{fodt_run(head.get("right", ""))}</text:p></style:header>'
    footer = ""
    if foot:
        footer = "<style:footer>" + "".join(f'<text:p text:style-name="{st}">{fodt_run(s)}</text:p>' for st, s in foot) + "</style:footer>"

    bchar = fx.get("bullet", "•")
    bfont = fx.get("bullet_font")
    bullet_tp = '<style:text-properties style:font-name="Symbol"/>' if bfont == "Symbol" else ""
    symbol_decl = ('<style:font-face style:name="Symbol" svg:font-family="Symbol" style:font-family-generic="roman" '
                   'style:font-pitch="variable" style:font-charset="x-symbol"/>') if bfont == "Symbol" else ""
    cell_gap = fx.get("cell_gap", 0.12)
    lh = fx.get("line_height", "100%")
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
 {symbol_decl}
</office:font-face-decls>
<office:styles>
 <style:default-style style:family="paragraph">
  <style:paragraph-properties fo:orphans="1" fo:widows="1"/>
  <style:text-properties style:font-name="Main" fo:font-size="{size}pt" fo:language="en" fo:country="GB" fo:hyphenate="false"/>
 </style:default-style>
 <style:style style:name="Standard" style:family="paragraph" style:class="text"/>
 <style:style style:name="Title" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties fo:margin-bottom="0.2cm"/>
  <style:text-properties fo:font-size="{size + 7}pt" fo:font-weight="bold" fo:color="{fx.get("title_colour", "#1f3864")}"/>
 </style:style>
 <style:style style:name="Committee" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties fo:margin-bottom="0.35cm"/>
  <style:text-properties fo:font-size="{size + 2}pt" fo:color="#404040"/>
 </style:style>
 <style:style style:name="Body" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties fo:margin-bottom="0.25cm" fo:line-height="{lh}"/>
 </style:style>
 <style:style style:name="BodyL" style:family="paragraph" style:parent-style-name="Body">
  <style:paragraph-properties fo:margin-bottom="0.05cm"/>
 </style:style>
 <style:style style:name="Closing" style:family="paragraph" style:parent-style-name="Body">
  <style:paragraph-properties fo:margin-top="0.4cm"/>
 </style:style>
 <style:style style:name="ClosingL" style:family="paragraph" style:parent-style-name="BodyL"/>
 <style:style style:name="Note" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties fo:margin-top="0.1cm"/>
  <style:text-properties fo:font-size="{max(size - 2, 7)}pt" fo:font-style="italic"/>
 </style:style>
 <style:style style:name="TableHeading" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties fo:margin-top="0.4cm" fo:margin-bottom="0.25cm" fo:keep-with-next="always"/>
  <style:text-properties fo:font-size="{size + 2}pt" fo:font-weight="bold" fo:color="#1f3864"/>
 </style:style>
 <style:style style:name="Cell" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties fo:margin-bottom="{cell_gap}cm" fo:line-height="{lh}"/>
 </style:style>
 <style:style style:name="CellL" style:family="paragraph" style:parent-style-name="Cell">
  <style:paragraph-properties fo:margin-bottom="0.04cm"/>
 </style:style>
 <style:style style:name="NumCell" style:family="paragraph" style:parent-style-name="Standard">
  <style:text-properties fo:font-weight="bold"/>
 </style:style>
 <style:style style:name="HeadCell" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties fo:text-align="{fx.get("head_align", "start")}"/>
  <style:text-properties fo:font-weight="bold" fo:color="{head_fg}"/>
 </style:style>
 <style:style style:name="RagCell" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties fo:text-align="center"/>
  <style:text-properties fo:font-weight="bold"/>
 </style:style>
 <style:style style:name="RunHead" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties><style:tab-stops><style:tab-stop style:position="{text_w:.2f}cm" style:type="right"/></style:tab-stops></style:paragraph-properties>
  <style:text-properties fo:font-size="8pt" fo:color="#404040"/>
 </style:style>
 <style:style style:name="FootNote" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties fo:margin-bottom="0.15cm" fo:padding-bottom="0.1cm" fo:border-bottom="0.5pt solid #808080"/>
  <style:text-properties fo:font-size="8pt"/>
 </style:style>
 <style:style style:name="Foot" style:family="paragraph" style:parent-style-name="Standard">
  <style:text-properties fo:font-size="8pt" fo:color="#404040"/>
 </style:style>
 <style:style style:name="FootC" style:family="paragraph" style:parent-style-name="Foot">
  <style:paragraph-properties fo:text-align="center"/>
 </style:style>
 <style:style style:name="Strong" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>
 <text:list-style style:name="Bullets">
  <text:list-level-style-bullet text:level="1" text:bullet-char="{bchar}">
   <style:list-level-properties text:list-level-position-and-space-mode="label-alignment">
    <style:list-level-label-alignment text:label-followed-by="listtab" text:list-tab-stop-position="0.63cm" fo:text-indent="-0.63cm" fo:margin-left="0.63cm"/>
   </style:list-level-properties>
   {bullet_tp}
  </text:list-level-style-bullet>
 </text:list-style>
</office:styles>
<office:automatic-styles>
 <style:page-layout style:name="PL">
  <style:page-layout-properties fo:page-width="{pw}cm" fo:page-height="{ph}cm" style:print-orientation="{fx["orientation"]}" fo:margin-top="{mtb}cm" fo:margin-bottom="{mtb - 0.5}cm" fo:margin-left="{mlr}cm" fo:margin-right="{mlr}cm"/>
  <style:header-style><style:header-footer-properties fo:min-height="0cm" fo:margin-bottom="0.4cm"/></style:header-style>
  <style:footer-style><style:header-footer-properties fo:min-height="0cm" fo:margin-top="0.4cm"/></style:footer-style>
 </style:page-layout>
 <style:style style:name="Tbl" style:family="table"><style:table-properties style:width="{sum(colw):.3f}cm" table:align="left" style:may-break-between-rows="true" fo:margin-top="{fx.get("gap_before_table", 0.2)}cm" fo:margin-bottom="0.2cm"/></style:style>
 <style:style style:name="Row" style:family="table-row"><style:table-row-properties fo:keep-together="auto"/></style:style>
 {col_styles}
 {"".join(cs)}
</office:automatic-styles>
<office:master-styles>
 <style:master-page style:name="Standard" style:page-layout-name="PL">{header}{footer}</style:master-page>
</office:master-styles>
<office:body><office:text>
{chr(10).join(P)}
</office:text></office:body></office:document>
'''
    return doc


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
            out.append("<ul>" + "".join(f"<li>{h(it)}</li>" for it in val) + "</ul>")
    return "".join(out)


def css_run(s):
    o = []
    for part in page_fields(s):
        if part[0] == "t":
            o.append('"' + part[1].replace('"', '\\"') + '"')
        else:
            o.append(f"counter({part[0]})")
    return " ".join(o) or '""'


def html_doc(fx):
    size = fx["size"]
    paper = {"a4": "A4", "letter": "letter"}[fx["paper"]]
    rules = fx["rules"]
    tot = sum(fx["widths"])
    font = fx["font"]
    boxes = ""
    for box, s in fx.get("margin_boxes", {}).items():
        lines = s.split("\n")
        content = ' "\\A" '.join(css_run(l) for l in lines)
        align = "right" if box.endswith("right") else ("center" if box.endswith("center") else "left")
        va = "top" if box.startswith("bottom") else "bottom"
        boxes += f'\n  @{box} {{ content: {content}; white-space: pre; font: 8pt "{font}"; color: #404040; text-align: {align}; vertical-align: {va}; }}'
    if rules == "grid":
        cell_rule = "border: 0.75pt solid #404040;"
    elif rules == "horizontal":
        cell_rule = "border: none; border-bottom: 0.75pt solid #808080;"
    else:
        cell_rule = "border: none;"
    head_css = fx.get("head_css", "background: #1f3864; color: #fff;")
    valign = fx.get("valign", "top")
    th_align = "" if fx.get("head_align") == "center" else "text-align: left;"
    hyph = "hyphens: auto; -webkit-hyphens: auto;" if fx.get("hyphens") else ""
    css = f'''
@page {{ size: {paper} {fx["orientation"]}; margin: {fx.get("page_margin", "22mm 16mm 24mm 16mm")};{boxes}
}}
* {{ -webkit-print-color-adjust: exact; print-color-adjust: exact; }}
body {{ font-family: "{font}"; font-size: {size}pt; line-height: {fx.get("line_height", 1.3)}; margin: 0; orphans: 1; widows: 1; }}
h1 {{ font-size: {size + 8}pt; color: #1f3864; margin: 0 0 4pt 0; }}
p.committee {{ font-size: {size + 2}pt; color: #404040; margin: 0 0 10pt 0; }}
p {{ margin: 0 0 6pt 0; }}
h2 {{ font-size: {size + 2}pt; color: #1f3864; margin: 14pt 0 6pt 0; break-after: avoid; }}
table {{ width: 100%; border-collapse: collapse; table-layout: fixed; margin-top: {fx.get("gap_before_table", 6)}pt; }}
{"thead { display: table-row-group; }" if not fx.get("repeat_head", True) else ""}
th, td {{ {cell_rule} padding: {fx.get("pad", "4pt 6pt 5pt 6pt")}; vertical-align: {valign}; }}
td {{ text-align: left; {hyph} }}
th {{ {head_css} font-weight: bold; {th_align} }}
tr {{ break-inside: auto; }}
{"tbody tr:nth-child(even) td { background: #eeeeee; }" if fx.get("zebra") else ""}
td p {{ margin: 0 0 {fx.get("cell_gap", 5)}pt 0; }}
td p:last-child {{ margin-bottom: 0; }}
td ul {{ margin: 0 0 4pt 0; padding-left: 1.2em; }}
td ul:last-child {{ margin-bottom: 0; }}
td li {{ margin: 0 0 2pt 0; }}
td.no {{ font-weight: bold; }}
td.rag {{ text-align: center; font-weight: bold; }}
p.note {{ font-size: {max(size - 1.5, 7)}pt; font-style: italic; margin-top: 4pt; }}
p.closing {{ margin-top: 10pt; }}
'''
    for rag in RAG_STRONG:
        css += f"tbody tr td.{rag} {{ background: {rag_colour(fx, rag)}; }}\n"
    out = [f'<!DOCTYPE html>\n<html lang="{fx.get("lang", "en")}"><head><meta charset="utf-8">',
           f"<title>{h(fx['title'])}</title><style>{css}</style></head><body>",
           f"<h1>{h(fx['title'])}</h1>", f'<p class="committee">{h(fx["committee"])}</p>',
           html_blocks(fx["intro"])]
    for ti, t in enumerate(fx["tables"], 1):
        if t["heading"]:
            out.append(f"<h2>{h(t['heading'])}</h2>")
        out.append("<table><colgroup>" + "".join(f'<col style="width:{100 * w / tot:.2f}%">' for w in fx["widths"]) + "</colgroup>")
        out.append("<thead><tr>" + "".join(f"<th>{h(c)}</th>" for c in t["columns"]) + "</tr></thead><tbody>")
        for tj, n, r in rows(fx):
            if tj != ti:
                continue
            lab, num, _ = label_of(fx, n)
            cells = []
            for role in fx["roles"]:
                if role == "no":
                    cells.append(f'<td class="no">{h(num)}</td>')
                elif role == "rag":
                    cells.append(f'<td class="rag {r["rag"]}">{RAG_WORD[r["rag"]]}</td>')
                else:
                    cls = f' class="{r["rag"]}"' if role == "prog" and fx.get("shading") == "progress" else ""
                    cells.append(f"<td{cls}>" + html_blocks(cell_text(fx, role, n, r), lab if role == "rec" else None,
                                                            fx.get("label_place") == "inline") + "</td>")
            out.append("<tr>" + "".join(cells) + "</tr>")
        out.append("</tbody></table>")
        for note in t.get("notes_after", []):
            out.append(f'<p class="note">{h(note)}</p>')
    if fx.get("closing"):
        out.append(html_blocks(fx["closing"]).replace("<p>", '<p class="closing">', 1))
    out.append("</body></html>\n")
    return "\n".join(out)


# --------------------------------------------------------------------------
# LaTeX

TEX_ESC = {"&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_",
           "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
           "\\": r"\textbackslash{}", "£": r"\pounds{}"}


# fx["tex_printed"] (the sweep, sweep.py): print straight quotes, soft hyphens and "--"
# as themselves instead of refusing them (see build.py).
TEX_PRINTED = {"'": r"\textquotesingle{}", '"': r"\textquotedbl{}", SHY: r"\-", "-": "-{}"}
_printed = False


def t(s):
    if _printed:
        return "".join(TEX_PRINTED.get(c) or TEX_ESC.get(c, c) for c in s)
    assert "'" not in s and '"' not in s, f"straight quote in LaTeX text: {s!r}"
    assert "--" not in s
    assert SHY not in s
    out = "".join(TEX_ESC.get(c, c) for c in s)
    # URLs and e-mail addresses: \url so they may break only where \url allows
    return out


def tex_inline(s):
    """Text with {url:...} markers already resolved by the plan: plan texts are
    plain; long addresses are wrapped in \\nolinkurl so they stay unbroken."""
    import re
    parts = re.split(r"(\S+@\S+\.\w+|https?://\S+|www\.\S+)", s)
    o = ""
    for i, p in enumerate(parts):
        if i % 2:
            tail = ""
            while p and p[-1] in ".,;)":
                tail = p[-1] + tail
                p = p[:-1]
            o += r"\mbox{\ttfamily\small " + t(p) + "}" + t(tail)
        else:
            # an en dash between figures may end a line ("2024–" / "2026")
            o += re.sub(r"(\d)–(\d)", r"\1–\\allowbreak{}\2", t(p))
    return o


def tex_blocks(text, label=None, para_gap="4pt", inline=False):
    out = []
    if label and not inline:
        out.append(r"\textbf{" + t(label) + "}")
    for i, (kind, val) in enumerate(blocks(text)):
        if kind == "p":
            lead = r"\textbf{" + t(label) + "} " if (label and inline and i == 0) else ""
            out.append(lead + tex_inline(val))
        else:
            items = "".join(r"\item " + tex_inline(it) + "\n" for it in val)
            out.append(r"\begin{itemize}[label=\textbullet,leftmargin=1.2em,labelsep=0.4em,nosep,before=\vspace{-\parskip},after=\vspace{-\parskip}]" + "\n" + items + r"\end{itemize}")
    return ("\n\\par\\vspace{" + para_gap + "}\n").join(out)


def tex_run(s):
    o = ""
    for part in page_fields(s):
        if part[0] == "t":
            o += t(part[1])
        elif part[0] == "page":
            o += r"\thepage{}"
        else:
            o += r"\pageref*{LastPage}"
    return o


def tex_doc(fx):
    global _printed
    _printed = bool(fx.get("tex_printed"))
    try:
        return _tex_doc(fx)
    finally:
        _printed = False


TEX_FONTS = {"palatino": r"\usepackage{mathpazo}", "times": r"\usepackage{mathptmx}",
             # more faces for the sweep (sweep.py)
             "lmodern": r"\usepackage{lmodern}",
             "lmodern-sans": r"\usepackage{lmodern}\renewcommand{\familydefault}{\sfdefault}",
             "charter": r"\usepackage{charter}",
             "helvet": r"\usepackage[scaled]{helvet}\renewcommand{\familydefault}{\sfdefault}"}


def _tex_doc(fx):
    size = fx["size"]
    fonts = TEX_FONTS[fx["font"]]
    geo = f'{fx["paper"]}paper,{fx["orientation"]},' + fx.get("geometry", "margin=2cm")
    env = fx.get("tex_env", "longtable")
    rules = fx["rules"]
    roles = fx["roles"]
    cols = fx["tables"][0]["columns"]
    vr = "|" if rules == "grid" else ""
    specs = []
    valign = {"top": "p", "middle": "m"}[fx.get("valign", "top")]
    for role, w in zip(roles, fx["widths"]):
        if role == "no":
            specs.append(rf">{{\bfseries}}{valign}{{{w}}}")
        elif role == "rag":
            specs.append(rf">{{\centering\arraybackslash\bfseries}}{valign}{{{w}}}")
        elif env == "xltabular" and w == "X":
            specs.append(r">{\hspace{0pt}}X")
        else:
            specs.append(r">{\hspace{0pt}}" + rf"{valign}{{{w}}}")
    colspec = vr + vr.join(specs) + vr
    size_opt = f"{size}pt"
    cls = "extarticle" if size in (8, 9, 14, 17, 20) else "article"
    pre = [rf"\documentclass[{size_opt}]{{{cls}}}",
           r"\usepackage[T1]{fontenc}", r"\usepackage[utf8]{inputenc}", fonts,
           r"\usepackage[british]{babel}",
           rf"\usepackage[{geo}]{{geometry}}",
           r"\usepackage{array,longtable,booktabs,enumitem}",
           r"\usepackage[table]{xcolor}",
           r"\usepackage{fancyhdr,lastpage}"]
    if env == "xltabular":
        pre.append(r"\usepackage{xltabular}")
    pre += [r"\definecolor{head}{HTML}{1F3864}", r"\definecolor{zebra}{HTML}{EEEEEE}"]
    for rag in RAG_STRONG:
        pre.append(rf"\definecolor{{rag{rag}}}{{HTML}}{{{rag_colour(fx, rag)[1:].upper()}}}")
    pre += [r"\setlength{\parindent}{0pt}", r"\setlength{\parskip}{6pt}",
            r"\setlength{\LTpre}{6pt}", r"\setlength{\LTpost}{6pt}", r"\setlength{\LTleft}{0pt}",
            r"\renewcommand{\arraystretch}{1.2}", r"\emergencystretch=1em"]
    pre += fx.get("tex_extra", [])
    if fx.get("linespread"):
        pre.append(rf"\linespread{{{fx['linespread']}}}")
    if fx.get("band"):  # full-width label rows (build_f.py plans, rendered here by the sweep)
        pre.append(r"\definecolor{band}{HTML}{E7E6E6}")
    ph = fx.get("page_head", {})
    pf = fx.get("tex_foot", {})
    pre += [r"\pagestyle{fancy}", r"\fancyhf{}", r"\renewcommand{\headrulewidth}{0pt}"]
    for k, v in ph.items():
        pre.append(r"\fancyhead[" + {"left": "L", "right": "R", "center": "C"}[k] + r"]{\footnotesize " + tex_run(v) + "}")
    for k, v in pf.items():
        pre.append(r"\fancyfoot[" + {"left": "L", "right": "R", "center": "C"}[k] + r"]{\footnotesize " +
                   r"\\".join(tex_run(l) for l in v.split("\n")) + "}")
    if fx.get("foot_rule"):
        pre.append(r"\renewcommand{\footrulewidth}{0.4pt}")
    pre.append(r"\fancypagestyle{plain}{}")
    body = [r"\begin{document}", r"\raggedbottom",
            r"{\LARGE\bfseries\color{head}" + t(fx["title"]) + r"\par}\vspace{2pt}",
            r"{\large\color{darkgray}" + t(fx["committee"]) + r"\par}\vspace{4pt}",
            tex_blocks(fx["intro"], para_gap="6pt") + r"\par"]
    for ti, tb in enumerate(fx["tables"], 1):
        if tb["heading"]:
            body.append(r"\vspace{6pt}{\large\bfseries\color{head}" + t(tb["heading"]) + r"\par}\nopagebreak")
        if fx.get("zebra"):
            body.append(r"\rowcolors{2}{white}{zebra}")
        if env == "xltabular":
            body.append(r"\begin{xltabular}{\linewidth}{" + colspec + "}")
        else:
            body.append(r"\begin{longtable}{" + colspec + "}")
        hal = r"\centering\arraybackslash" if fx.get("head_align") == "center" else r"\raggedright\arraybackslash"
        hcells = " & ".join(r"\multicolumn{1}{" + ("c" if fx.get("head_align") == "center" else "l") + r"}{\bfseries " + t(c) + "}"
                            if role in ("no",) else hal + r"\bfseries " + t(c).replace("|", r"\newline ")
                            for role, c in zip(roles, tb["columns"]))
        if rules == "grid":
            head = r"\hline " + hcells + r"\\\hline"
        elif rules == "booktabs":
            head = r"\toprule " + hcells + r"\\\midrule"
        else:
            head = hcells + r"\\[4pt]"
        if fx.get("repeat_head", True):
            body.append(head + r"\endhead")
        else:
            body.append(head + r"\endfirsthead")
            body.append(r"\endhead")
        if rules == "booktabs":
            body.append(r"\bottomrule\endlastfoot")
        for tj, n, r in rows(fx):
            if tj != ti:
                continue
            lab, num, _ = label_of(fx, n)
            if fx.get("band"):
                band_end = r"\\*\hline" if rules == "grid" else r"\\*"
                body.append(r"\multicolumn{" + str(len(roles)) + "}{" + vr + "l" + vr + r"}{\cellcolor{band}\bfseries " +
                            t(fx["band"].format(n=n)) + "}" + band_end)
            cells = []
            for role in roles:
                if role == "no":
                    cells.append(t(num))
                elif role == "rag":
                    cells.append(rf"\cellcolor{{rag{r['rag']}}}" + RAG_WORD[r["rag"]])
                else:
                    c = tex_blocks(cell_text(fx, role, n, r), lab if role == "rec" else None,
                                   inline=fx.get("label_place") == "inline")
                    if role == "prog" and fx.get("shading") == "progress":
                        c = rf"\cellcolor{{rag{r['rag']}}}" + c
                    cells.append(c)
            if rules == "grid":
                end = r"\\\hline"
            elif rules == "booktabs":
                end = r"\\\midrule" if n != sum(len(tt["records"]) for tt in fx["tables"][:ti]) else r"\\"
            else:
                end = r"\\[6pt]"
            body.append(" &\n".join(cells) + end)
        body.append(r"\end{xltabular}" if env == "xltabular" else r"\end{longtable}")
        for note in tb.get("notes_after", []):
            body.append(r"{\footnotesize\itshape " + t(note) + r"\par}")
    if fx.get("closing"):
        body.append(r"\vspace{6pt}" + tex_blocks(fx["closing"]) + r"\par")
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


# --------------------------------------------------------------------------
# fixtures/README.md rows for this batch

def settings(fx):
    paper = {"a4": "A4", "letter": "Letter"}[fx["paper"]]
    font = {"palatino": "Palatino (mathpazo)", "times": "Times (mathptmx)"}.get(fx["font"], fx["font"])
    rules = {"grid": "grid", "horizontal": "horizontal rules", "none": "no rules", "booktabs": "booktabs rules"}[fx["rules"]]
    shade = {"progress": "shaded Progress", "rag": "RAG column", None: "unshaded"}[fx.get("shading")]
    if fx.get("shading") and fx.get("pale"):
        shade = "pale " + shade
    return f"{paper} {fx['orientation']}, {font} {fx['size']}pt, {rules}, {shade}"


def pdf_pages(path):
    import re
    out = subprocess.run(["pdfinfo", path], capture_output=True, text=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", out).group(1))


def readme_rows():
    out = []
    for fx in plan_e.PLAN:
        pdf = os.path.join(FIX, fx["name"] + ".pdf")
        if not os.path.exists(pdf):
            continue
        truth = json.load(open(os.path.join(FIX, fx["name"] + ".truth.json"), encoding="utf-8"))
        r = (fx["name"] + ".pdf", fx["producer"], pdf_pages(pdf), len(truth["records"]), settings(fx), fx["hard"])
        out.append("| " + " | ".join(str(c).replace("|", "\\|") for c in r) + " |")
    return out


def update_readme():
    """Append this batch's rows to the table at the end of fixtures/README.md,
    replacing rows of the same fixtures written by an earlier run."""
    path = os.path.join(FIX, "README.md")
    names = tuple("| " + fx["name"] + ".pdf |" for fx in plan_e.PLAN)
    lines = [l for l in open(path, encoding="utf-8").read().rstrip("\n").split("\n") if not l.startswith(names)]
    lines += readme_rows()
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    print("updated fixtures/README.md")


def main():
    args = sys.argv[1:]
    want = []
    readme_only = False
    i = 0
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
        with open(os.path.join(HERE, "plan_e.json"), "w", encoding="utf-8") as f:
            json.dump({"fixtures": plan_e.PLAN}, f, ensure_ascii=False, indent=1)
            f.write("\n")
        for fx in plan_e.PLAN:
            if want and not any(w in fx["name"] for w in want):
                continue
            render(fx)
    update_readme()


if __name__ == "__main__":
    main()
