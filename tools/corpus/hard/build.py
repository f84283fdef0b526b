#!/usr/bin/env python3
"""Build the hard-case fixtures of issue 7 into fixtures/hard/ (data: plan.py).

Every fixture is one small tracker made by a real producer where one can make it
(LibreOffice Writer, headless Chromium, pdfLaTeX) and by PDF operators written here where
none can (render mode 3, Wingdings/Symbol fonts, exact page-break places, clipped copies,
an OCR layer). The truth file is derived from the same data as the document, so it is
exact by construction; build.py then checks it against `pdftotext -layout` and renders a
PNG of every page for a person to look at.

Usage:
  python3 tools/corpus/hard/build.py                  # build all, check, write README
  python3 tools/corpus/hard/build.py --only rotated   # only names containing the string
  python3 tools/corpus/hard/build.py --readme         # only rewrite fixtures/hard/README.md
  python3 tools/corpus/hard/build.py --png DIR        # also render every page to DIR/*.png

Needs: soffice, chromium, pdflatex (texlive-latex-extra, texlive-pictures for TikZ), qpdf,
poppler-utils (pdftotext, pdftoppm). The committed files were made with the versions in
tools/corpus/README.md.
"""
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
OUT = os.path.join(ROOT, "fixtures", "hard")
SRC = os.path.join(OUT, "src")
sys.path.insert(0, HERE)

import plan  # noqa: E402

# ---------------------------------------------------------------------------
# colours and symbols

COLOURS = {
    # cell fills (the strong palette of tools/corpus/build_e.py)
    "green": "#5cb85c", "amber": "#ffc000", "red": "#e8453c", "blue": "#5b9bd5",
    "pale-green": "#c6efce", "pale-amber": "#ffeb9c", "pale-red": "#ffc7ce",
    # ink (readable on white)
    "ink-green": "#00874a", "ink-amber": "#e07b00", "ink-red": "#c00000",
    "purple": "#7030a0", "white": "#ffffff", "black": "#000000",
}
STATUS = ("red", "amber", "green", "blue")

# name -> (truth character, how each producer prints it)
SYMBOLS = {
    "zd-check": {"truth": "✓", "latex": r"\ding{51}", "raw": ("ZapfDingbats", 0x33)},
    "zd-heavycheck": {"truth": "✔", "latex": r"\ding{52}", "raw": ("ZapfDingbats", 0x34)},
    "zd-cross": {"truth": "✗", "latex": r"\ding{55}", "raw": ("ZapfDingbats", 0x37)},
    "zd-arrow": {"truth": "→", "latex": r"\ding{213}", "raw": ("ZapfDingbats", 0xD5)},
    # Word: Wingdings 0xFC / 0xFB, U+F0FC / U+F0FB in the text layer
    "wd-check": {"truth": "✓", "raw": ("Wingdings", 0xFC)},
    "wd-cross": {"truth": "✗", "raw": ("Wingdings", 0xFB)},
    # Symbol font arrowright (0xAE)
    "sy-arrow": {"truth": "→", "raw": ("Symbol", 0xAE)},
}

HIDDEN_OPS = {"hide", "alpha0", "redact", "tr3", "clip", "offpage"}
MARK = re.compile(r"\[\[([a-z0-9]+)(?::([^|\]]+))?(?:\|(.*?))?\]\]")


def colour(c):
    return COLOURS.get(c, c)


def rgb(c):
    c = colour(c).lstrip("#")
    return tuple(int(c[i:i + 2], 16) / 255 for i in (0, 2, 4))


def segments(par):
    """A paragraph as [(op, arg, text)]; op None for plain text."""
    out, pos = [], 0
    for m in MARK.finditer(par):
        if m.start() > pos:
            out.append((None, None, par[pos:m.start()]))
        op, arg, text = m.group(1), m.group(2), m.group(3)
        if op == "sym":
            arg, text = text or arg, None
        out.append((op, arg, text))
        pos = m.end()
    if pos < len(par):
        out.append((None, None, par[pos:]))
    return out


def blocks(text):
    """Cell text as [("p", paragraph) | ("ul", [items])]; paragraphs keep their marks."""
    out = []
    for chunk in (text or "").split("\n\n"):
        if not chunk:
            continue
        lines = chunk.split("\n")
        if all(l.startswith("• ") for l in lines):
            out.append(("ul", [l[2:] for l in lines]))
        else:
            assert len(lines) == 1, f"stray newline in {chunk!r}"
            out.append(("p", chunk))
    return out


def visible(par):
    """(truth text of a paragraph with marks, hidden characters without spaces)."""
    s, hidden = "", 0
    for op, arg, text in segments(par):
        if op is None:
            s += text
        elif op == "sym":
            s += SYMBOLS[arg]["truth"]
        elif op in HIDDEN_OPS:
            hidden += len(re.sub(r"\s", "", text))
        elif op in ("ink", "mark", "twice"):
            s += text
        else:
            raise ValueError(f"unknown mark {op}")
    return re.sub(r"\s+", " ", s).strip(), hidden


def truth_text(text):
    """(truth text of a cell, hidden characters)."""
    parts, hidden = [], 0
    for kind, val in blocks(text):
        if kind == "p":
            t, h = visible(val)
            hidden += h
            if t:
                parts.append(t)
        else:
            items = []
            for it in val:
                t, h = visible(it)
                hidden += h
                items.append("• " + t)
            parts.append("\n".join(items))
    return "\n\n".join(parts), hidden


def plain(text):
    """Text without marks (for producers: the symbol's truth character)."""
    return visible(text)[0] if "[[" in text else text


# ---------------------------------------------------------------------------
# the table model

def role_index(fx, role):
    for i, c in enumerate(fx["columns"]):
        if c["role"] == role:
            return i
    return None


def full_name(fx):
    producer = {"lo-post": "lo"}.get(fx["producer"], fx["producer"])
    return f'{fx["name"]}.{producer}-{fx["paper"]}'


def cell_source(fx, k, i):
    """The text of column i in record k, following merged cells upwards."""
    while fx["records"][k]["cells"][i] is None:
        k -= 1
    return fx["records"][k]["cells"][i]


def spans(fx):
    """{(record index, column index): rows} for merged cells."""
    out = {}
    for k, r in enumerate(fx["records"]):
        for i, n in (r.get("span") or {}).items():
            out[(k, i)] = n
    return out


def fill_of(r):
    return r.get("fill")


def rag_of(r):
    if "rag" in r:
        return r["rag"]
    f = r.get("fill")
    return f if f in STATUS else (f.replace("pale-", "") if f and f.startswith("pale-") else None)


def make_truth(fx):
    recs, hidden_by_id = [], {}
    ri = {c["role"]: i for i, c in enumerate(fx["columns"])}
    for k, r in enumerate(fx["records"]):
        hid = 0
        if "ref" in ri or "no" in ri:
            num = plain(r["cells"][ri.get("ref", ri.get("no"))]).strip().rstrip(":.")
            rid, label = num, num
        else:
            label = (r.get("label") or "").rstrip(":.")
            m = re.search(r"(\d+)$", label)
            rid = r.get("id") or (m.group(1) if m else str(k + 1))
        rec = {"id": rid, "label": label}
        for role, field in (("rec", "recommendation"), ("resp", "response"), ("prog", "progress")):
            t, h = truth_text(cell_source(fx, k, ri[role]))
            # a merged cell's hidden text counts once, in the record that holds the cell
            if r["cells"][ri[role]] is not None:
                hid += h
            rec[field] = t
        rec["rag"] = rag_of(r)
        rec["table"] = 1
        extra = {}
        for i, c in enumerate(fx["columns"]):
            if c["role"] == "x":
                extra[c["head"]] = truth_text(cell_source(fx, k, i))[0]
        if extra:
            rec["extra"] = extra
        if "ragSource" in r:
            rec["ragSource"] = r["ragSource"]
        if hid:
            hidden_by_id[rid] = hid
        recs.append(rec)
    heads = [c["head"] for c in fx["columns"]]
    t = {
        "source": full_name(fx) + ".pdf",
        "producer": {"lo": "libreoffice", "lo-post": "libreoffice"}.get(fx["producer"], fx["producer"]),
        "title": fx["title"],
        "committee": fx["committee"],
        "intro": "\n\n".join(fx.get("intro", [])),
        "closing": "\n\n".join(fx.get("closing", [])),
        "columns": heads,
        "tables": [{"heading": None, "columns": heads}],
        "records": [] if fx.get("no_records") else recs,
    }
    if hidden_by_id:
        t["hiddenChars"] = hidden_by_id
    t.update(fx.get("expect", {}))
    return t


# ---------------------------------------------------------------------------
# LibreOffice Writer (flat ODT)

PAPER_CM = {"a4p": (21.0, 29.7), "a4l": (29.7, 21.0)}
WRITING_MODE = {90: "bt-lr", 270: "tb-rl"}


def x(s):
    return html.escape(s, quote=False)


class FodtStyles:
    """Automatic text styles for marks, created on demand."""

    def __init__(self):
        self.styles = {}

    def span(self, op, arg):
        key = (op, arg)
        if key not in self.styles:
            name = f"T{len(self.styles) + 1}"
            if op in ("ink", "hide"):
                props = f'fo:color="{colour(arg)}"'
            elif op == "mark":
                props = f'fo:background-color="{colour(arg)}"'
            else:
                raise ValueError(f"LibreOffice cannot draw mark {op}")
            self.styles[key] = (name, f'<style:style style:name="{name}" style:family="text"><style:text-properties {props}/></style:style>')
        return self.styles[key][0]

    def xml(self):
        return "".join(v[1] for v in self.styles.values())


def fodt_inline(par, st):
    o = ""
    for op, arg, text in segments(par):
        if op is None:
            o += x(text)
        elif op == "sym":
            o += x(SYMBOLS[arg]["truth"])
        else:
            o += f'<text:span text:style-name="{st.span(op, arg)}">{x(text)}</text:span>'
    return o


def fodt_cell(text, st, label=None, pstyle="Cell"):
    out = []
    if label:
        out.append(f'<text:p text:style-name="LabelCell"><text:span text:style-name="Strong">{x(label)}</text:span></text:p>')
    for kind, val in blocks(text):
        assert kind == "p", "no lists in LibreOffice hard cases"
        out.append(f'<text:p text:style-name="{pstyle}">{fodt_inline(val, st)}</text:p>')
    return "".join(out) or f'<text:p text:style-name="{pstyle}"/>'


def fodt(fx, gap_cm=0.2):
    pw, ph = PAPER_CM[fx["paper"]]
    mlr, mtb = 2.0, 1.5
    text_w = pw - 2 * mlr
    font, size = fx.get("font", "Liberation Sans"), fx.get("size", 10)
    tot = sum(c["w"] for c in fx["columns"])
    colw = [text_w * c["w"] / tot for c in fx["columns"]]
    st = FodtStyles()
    sp = spans(fx)
    cs = []
    line = "0.5pt solid #000000"
    pad = 'fo:padding="0.12cm"'

    def cell_style(fill=None, rot=None):
        name = f"C{fill or ''}{rot or ''}".replace("#", "").replace("-", "")
        if name not in {c[0] for c in cs}:
            bg = f'fo:background-color="{colour(fill)}"' if fill else ""
            wm = f'style:writing-mode="{WRITING_MODE[rot]}"' if rot else ""
            cs.append((name, f'<style:style style:name="{name}" style:family="table-cell"><style:table-cell-properties {bg} {wm} {pad} fo:border="{line}"/></style:style>'))
        return name

    P = [f'<text:p text:style-name="Title">{x(fx["title"])}</text:p>',
         f'<text:p text:style-name="Committee">{x(fx["committee"])}</text:p>']
    P += [f'<text:p text:style-name="Body">{x(p)}</text:p>' for p in fx.get("intro", [])]
    P.append('<table:table table:name="Tracker" table:style-name="Tbl">')
    P += [f'<table:table-column table:style-name="Col{i}"/>' for i in range(len(colw))]
    head = "".join(
        f'<table:table-cell table:style-name="{cell_style("#d9d9d9", c.get("rot"))}" office:value-type="string">'
        f'<text:p text:style-name="HeadCell">{x(c["head"])}</text:p></table:table-cell>' for c in fx["columns"])
    P.append(f'<table:table-header-rows><table:table-row table:style-name="HeadRow">{head}</table:table-row></table:table-header-rows>')
    for k, r in enumerate(fx["records"]):
        P.append('<table:table-row table:style-name="Row">')
        for i, c in enumerate(fx["columns"]):
            text = r["cells"][i]
            if text is None:
                P.append("<table:covered-table-cell/>")
                continue
            fill = fill_of(r) if c["role"] in ("prog", "rag") and (c["role"] == "rag" or role_index(fx, "rag") is None) else None
            n = sp.get((k, i))
            span = f' table:number-rows-spanned="{n}"' if n else ""
            pstyle = {"rag": "RagCell", "no": "NumCell", "ref": "NumCell"}.get(c["role"], "Cell")
            body = fodt_cell(text, st, label=r.get("label") if c["role"] == "rec" else None, pstyle=pstyle)
            P.append(f'<table:table-cell table:style-name="{cell_style(fill)}"{span} office:value-type="string">{body}</table:table-cell>')
        P.append("</table:table-row>")
    P.append("</table:table>")
    P += [f'<text:p text:style-name="Body">{x(p)}</text:p>' for p in fx.get("closing", [])]
    col_styles = "".join(
        f'<style:style style:name="Col{i}" style:family="table-column"><style:table-column-properties style:column-width="{w:.3f}cm"/></style:style>'
        for i, w in enumerate(colw))
    head_h = f' style:min-row-height="{fx["head_height"]}cm"' if fx.get("head_height") else ""
    keep = ' fo:keep-together="always"' if fx.get("keep_lines") else ""
    return f'''<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:font-face-decls><style:font-face style:name="Main" svg:font-family="&apos;{font}&apos;"/></office:font-face-decls>
<office:styles>
 <style:default-style style:family="paragraph">
  <style:paragraph-properties fo:orphans="1" fo:widows="1"/>
  <style:text-properties style:font-name="Main" fo:font-size="{size}pt" fo:language="en" fo:country="GB" fo:hyphenate="false"/>
 </style:default-style>
 <style:style style:name="Standard" style:family="paragraph" style:class="text"/>
 <style:style style:name="Title" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties fo:margin-bottom="0.2cm"/><style:text-properties fo:font-size="{size + 7}pt" fo:font-weight="bold" fo:color="#1f3864"/></style:style>
 <style:style style:name="Committee" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties fo:margin-bottom="0.35cm"/><style:text-properties fo:font-size="{size + 2}pt" fo:color="#404040"/></style:style>
 <style:style style:name="Body" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties fo:margin-bottom="0.25cm"/></style:style>
 <style:style style:name="Cell" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties fo:margin-bottom="0.12cm"{keep}/></style:style>
 <style:style style:name="LabelCell" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties fo:margin-bottom="0.12cm"/></style:style>
 <style:style style:name="NumCell" style:family="paragraph" style:parent-style-name="Standard"><style:text-properties fo:font-weight="bold"/></style:style>
 <style:style style:name="HeadCell" style:family="paragraph" style:parent-style-name="Standard"><style:text-properties fo:font-weight="bold"/></style:style>
 <style:style style:name="RagCell" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties fo:text-align="center"/><style:text-properties fo:font-weight="bold"/></style:style>
 <style:style style:name="Strong" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>
</office:styles>
<office:automatic-styles>
 <style:page-layout style:name="PL">
  <style:page-layout-properties fo:page-width="{pw}cm" fo:page-height="{ph}cm" style:print-orientation="{"landscape" if pw > ph else "portrait"}" fo:margin-top="{mtb}cm" fo:margin-bottom="{mtb}cm" fo:margin-left="{mlr}cm" fo:margin-right="{mlr}cm"/>
 </style:page-layout>
 <style:style style:name="Tbl" style:family="table"><style:table-properties style:width="{sum(colw):.3f}cm" table:align="left" style:may-break-between-rows="true" fo:margin-top="{gap_cm:.3f}cm" fo:margin-bottom="0.2cm"/></style:style>
 <style:style style:name="Row" style:family="table-row"><style:table-row-properties fo:keep-together="auto"/></style:style>
 <style:style style:name="HeadRow" style:family="table-row"><style:table-row-properties{head_h}/></style:style>
 {col_styles}{"".join(c[1] for c in cs)}{st.xml()}
</office:automatic-styles>
<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="PL"/></office:master-styles>
<office:body><office:text>
{chr(10).join(P)}
</office:text></office:body></office:document>
'''


def run_soffice(src, outdir):
    profile = tempfile.mkdtemp(prefix="lo-profile-")
    try:
        subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                        "--outdir", outdir, src], check=True, capture_output=True, timeout=300)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    return os.path.join(outdir, os.path.splitext(os.path.basename(src))[0] + ".pdf")


# ---------------------------------------------------------------------------
# Chromium (HTML)

PAGE_CSS = {"a4p": "A4 portrait", "a4l": "A4 landscape"}


def h(s):
    return html.escape(s, quote=False)


def html_inline(par):
    o = ""
    for op, arg, text in segments(par):
        if op is None:
            o += h(text)
        elif op == "sym":
            o += h(SYMBOLS[arg]["truth"])
        elif op in ("ink", "hide"):
            o += f'<span style="color:{colour(arg)}">{h(text)}</span>'
        elif op == "mark":
            o += f'<span style="background:{colour(arg)}">{h(text)}</span>'
        elif op == "alpha0":
            o += f'<span style="color:transparent">{h(text)}</span>'
        elif op == "redact":
            # an inline block on one line, with a box painted over it afterwards
            o += f'<span class="redact">{h(text)}<span class="cover" style="background:{colour(arg)}"></span></span>'
        else:
            raise ValueError(f"Chromium cannot draw mark {op}")
    return o


def html_cell(text, label=None):
    out = []
    if label:
        out.append(f'<p class="label"><b>{h(label)}</b></p>')
    for kind, val in blocks(text):
        if kind == "p":
            out.append(f"<p>{html_inline(val)}</p>")
        else:
            out.append("<ul>" + "".join(f"<li>{html_inline(it)}</li>" for it in val) + "</ul>")
    return "".join(out)


def html_doc(fx, gap_pt=6):
    font, size = fx.get("font", "Liberation Sans"), fx.get("size", 10)
    pale = fx.get("pale")
    tot = sum(c["w"] for c in fx["columns"])
    sp = spans(fx)
    rag_col = role_index(fx, "rag") is not None
    heads = []
    for c in fx["columns"]:
        rot = c.get("rot")
        inner = h(c["head"])
        if rot == 270:
            inner = f'<div class="vert">{inner}</div>'
        elif rot == 90:
            inner = f'<div class="vert up">{inner}</div>'
        heads.append(f"<th>{inner}</th>")
    rows = []
    for k, r in enumerate(fx["records"]):
        tds = []
        for i, c in enumerate(fx["columns"]):
            text = r["cells"][i]
            if text is None:
                continue
            attrs = ""
            if sp.get((k, i)):
                attrs += f' rowspan="{sp[(k, i)]}"'
            fill = fill_of(r) if (c["role"] == "rag" or (c["role"] == "prog" and not rag_col)) else None
            if fill:
                attrs += f' style="background:{colour(("pale-" + fill) if pale and fill in STATUS else fill)}"'
            if c["role"] in ("rag", "ref", "no"):
                attrs += f' class="{c["role"]}"'
            body = html_cell(text, label=r.get("label") if c["role"] == "rec" else None)
            twice = r.get("twice")
            if twice and fx.get("twice") == "css" and c["role"] == twice:
                body = f'<div class="twice">{body}<div class="band">{body}</div></div>'
            tds.append(f"<td{attrs}>{body}</td>")
        rows.append("<tr>" + "".join(tds) + "</tr>")
    cols = "".join(f'<col style="width:{100 * c["w"] / tot:.2f}%">' for c in fx["columns"])
    intro = "".join(f"<p>{h(p)}</p>" for p in fx.get("intro", []))
    closing = "".join(f"<p>{h(p)}</p>" for p in fx.get("closing", []))
    thead = "thead" if fx.get("repeat_head", True) else 'thead style="display:table-row-group"'
    return f'''<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{h(fx["title"])}</title><style>
@page {{ size: {PAGE_CSS[fx["paper"]]}; margin: 18mm 16mm 18mm 16mm; }}
* {{ -webkit-print-color-adjust: exact; print-color-adjust: exact; }}
body {{ font-family: "{font}"; font-size: {size}pt; line-height: 1.3; margin: 0; orphans: 1; widows: 1; }}
h1 {{ font-size: {size + 7}pt; color: #1f3864; margin: 0 0 4pt 0; }}
p.committee {{ font-size: {size + 2}pt; color: #404040; margin: 0 0 10pt 0; }}
p {{ margin: 0 0 6pt 0; }}
table {{ width: 100%; border-collapse: collapse; table-layout: fixed; margin-top: {gap_pt}pt; }}
th, td {{ border: {"none" if fx.get("rules") == "none" else "0.75pt solid #000"}; padding: 4pt 5pt; vertical-align: top; text-align: left; }}
{"th {{ border-bottom: 1.5pt solid #000; }}" if fx.get("rules") == "none" else ""}
td p {{ break-inside: {"avoid" if fx.get("keep_lines") else "auto"}; }}
td p.label {{ break-inside: auto; }}
th {{ background: #d9d9d9; font-weight: bold; vertical-align: bottom; }}
tr {{ break-inside: auto; }}
td p {{ margin: 0 0 5pt 0; }}
td p:last-child {{ margin-bottom: 0; }}
td.rag, td.ref, td.no {{ font-weight: bold; }}
td.rag {{ text-align: center; }}
div.vert {{ writing-mode: vertical-rl; white-space: nowrap; margin: 2pt 0; }}
div.vert.up {{ writing-mode: sideways-lr; }}
span.redact {{ position: relative; display: inline-block; white-space: nowrap; }}
span.cover {{ position: absolute; left: -1pt; right: -1pt; top: 0; bottom: 0; }}
div.twice {{ position: relative; }}
div.band {{ position: absolute; left: 0; right: 0; top: 0; height: 5px; overflow: hidden; }}
</style></head><body>
<h1>{h(fx["title"])}</h1>
<p class="committee">{h(fx["committee"])}</p>
{intro}
<table><colgroup>{cols}</colgroup>
<{thead}><tr>{"".join(heads)}</tr></thead><tbody>
{chr(10).join(rows)}
</tbody></table>
{closing}
</body></html>
'''


def run_chromium(src, pdf):
    subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                    f"--print-to-pdf={pdf}", "file://" + os.path.abspath(src)],
                   check=True, capture_output=True, timeout=300)
    return pdf


# ---------------------------------------------------------------------------
# pdfLaTeX

TEX_ESC = {"&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_", "{": r"\{", "}": r"\}",
           "~": r"\textasciitilde{}", "^": r"\textasciicircum{}", "\\": r"\textbackslash{}"}


def t(s):
    assert '"' not in s and "'" not in s and "--" not in s, f"LaTeX would change {s!r}"
    return "".join(TEX_ESC.get(ch, ch) for ch in s)


def tex_colour(c):
    return "c" + colour(c).lstrip("#").upper()


def tex_inline(par, used):
    o = ""
    for op, arg, text in segments(par):
        if op is None:
            o += t(text)
            continue
        if arg and op != "sym":
            used.add(colour(arg))
        if op == "sym":
            o += SYMBOLS[arg]["latex"]
        elif op in ("ink", "hide"):
            o += rf"\textcolor{{{tex_colour(arg)}}}{{{t(text)}}}"
        elif op == "mark":
            o += rf"\colorbox{{{tex_colour(arg)}}}{{{t(text)}}}"
        elif op == "offpage":
            o += rf"\makebox[0pt][l]{{\hspace{{20cm}}{t(text)}}}"
        else:
            raise ValueError(f"LaTeX cannot draw mark {op}")
    return o


def tex_cell(text, used, label=None, dot=None):
    parts = []
    if label:
        parts.append(rf"\textbf{{{t(label)}}}")
    for k, (kind, val) in enumerate(blocks(text)):
        assert kind == "p", "no lists in LaTeX hard cases"
        lead = ""
        if dot and k == 0:
            shape, c = dot
            used.add(colour(c))
            if shape == "circle":
                lead = rf"\tikz[baseline=-0.6ex]\fill[{tex_colour(c)}] (0,0) circle (0.8ex);\ "
            else:
                lead = rf"\tikz[baseline=-0.6ex]\fill[{tex_colour(c)}] (-0.75ex,-0.75ex) rectangle (0.75ex,0.75ex);\ "
        parts.append(lead + tex_inline(val, used))
    return r"\par\smallskip ".join(parts)


def tex_doc(fx):
    size = fx.get("size", 10)
    land = fx["paper"] == "a4l"
    used = {colour("#d9d9d9"), colour("#1f3864")}
    ncol = len(fx["columns"])
    tot = sum(c["w"] for c in fx["columns"])
    # column widths: fractions of \linewidth less the padding of each column (2\tabcolsep) and rules
    spec = "|" + "|".join(
        rf">{{\raggedright\arraybackslash}}p{{\dimexpr {c['w'] / tot:.4f}\linewidth-2\tabcolsep-1.2\arrayrulewidth\relax}}"
        for c in fx["columns"]) + "|"
    heads = []
    for c in fx["columns"]:
        hd = rf"\textbf{{{t(c['head'])}}}"
        if c.get("rot"):
            hd = rf"\rotatebox{{{90 if c['rot'] == 90 else -90}}}{{{hd}}}"
        heads.append(r"\cellcolor{cD9D9D9}" + hd)
    sp = spans(fx)
    rag_col = role_index(fx, "rag") is not None
    body = []
    open_spans = {}  # column -> rows still covered after this one
    for k, r in enumerate(fx["records"]):
        cells = []
        for i, c in enumerate(fx["columns"]):
            text = r["cells"][i]
            fill = fill_of(r) if (c["role"] == "rag" or (c["role"] == "prog" and not rag_col)) else None
            pre = ""
            if fill:
                used.add(colour(fill))
                pre = rf"\cellcolor{{{tex_colour(fill)}}}"
            if text is None:
                cells.append(pre)
                continue
            content = tex_cell(text, used, label=r.get("label") if c["role"] == "rec" else None,
                              dot=r.get("dot") if c["role"] == "prog" else None)
            if c["role"] in ("ref", "no", "rag"):
                content = rf"\textbf{{{content}}}"
            if (k, i) in sp:
                content = rf"\multirow{{{sp[(k, i)]}}}{{=}}{{{content}}}"
                open_spans[i] = sp[(k, i)] - 1
            cells.append(pre + content)
        covered = [i for i, n in open_spans.items() if n > 0]
        if covered:
            rule = "".join(rf"\cline{{{a + 1}-{a + 1}}}" for a in range(ncol) if a not in covered)
        else:
            rule = r"\hline"
        for i in covered:
            open_spans[i] -= 1
        body.append(" & ".join(cells) + r" \\ " + rule)
    cdefs = "".join(rf"\definecolor{{c{c.lstrip('#').upper()}}}{{HTML}}{{{c.lstrip('#').upper()}}}" + "\n" for c in sorted(used))
    intro = "".join(t(p) + "\\par\\medskip\n" for p in fx.get("intro", []))
    closing = "".join(t(p) + "\\par\n" for p in fx.get("closing", []))
    font = {"helvet": r"\usepackage{helvet}\renewcommand\familydefault{\sfdefault}",
            "lmodern": r"\usepackage{lmodern}", "times": r"\usepackage{mathptmx}"}[fx.get("tex_font", "lmodern")]
    return rf"""\documentclass[10pt]{{article}}
\usepackage[T1]{{fontenc}}
{font}
\usepackage[a4paper,{"landscape," if land else ""}margin=2cm]{{geometry}}
\usepackage[table]{{xcolor}}
\usepackage{{longtable,array,multirow,graphicx,pifont,tikz}}
{cdefs}\pagestyle{{empty}}
\setlength\parindent{{0pt}}
\setlength\fboxsep{{1pt}}
\hyphenpenalty=10000 \exhyphenpenalty=10000
\begin{{document}}
\fontsize{{{size}}}{{{size * 1.25:.1f}}}\selectfont
{{\fontsize{{{size + 7}}}{{{size + 10}}}\selectfont\bfseries\color{{c1F3864}} {t(fx["title"])}\par}}\smallskip
{{\fontsize{{{size + 2}}}{{{size + 4}}}\selectfont {t(fx["committee"])}\par}}\medskip
{intro}
\setlength\LTleft{{0pt}}\setlength\LTright{{0pt}}
\begin{{longtable}}{{{spec}}}
\hline
{" & ".join(heads)} \\ \hline
\endhead
{chr(10).join(body)}
\end{{longtable}}
{closing}
\end{{document}}
"""


def run_latex(src, outdir):
    for _ in range(2):
        p = subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "-output-directory", outdir, src],
                           capture_output=True, text=True, timeout=300)
        if p.returncode:
            raise RuntimeError(f"pdflatex failed on {src}:\n" + p.stdout[-3000:])
    return os.path.join(outdir, os.path.splitext(os.path.basename(src))[0] + ".pdf")


# ---------------------------------------------------------------------------
# PDF operators (raw)

def afm_widths(name):
    path = subprocess.run(["kpsewhich", name], capture_output=True, text=True, check=True).stdout.strip()
    w = {}
    for line in open(path, encoding="latin-1"):
        m = re.match(r"C (-?\d+) ; WX (\d+) ; N (\S+) ;", line)
        if m:
            w[m.group(3)] = int(m.group(2))
            w[int(m.group(1))] = int(m.group(2))
    return w


GLYPH_NAMES = {
    " ": "space", "!": "exclam", '"': "quotedbl", "#": "numbersign", "$": "dollar", "%": "percent",
    "&": "ampersand", "'": "quotesingle", "(": "parenleft", ")": "parenright", "*": "asterisk", "+": "plus",
    ",": "comma", "-": "hyphen", ".": "period", "/": "slash", ":": "colon", ";": "semicolon", "<": "less",
    "=": "equal", ">": "greater", "?": "question", "@": "at", "[": "bracketleft", "\\": "backslash",
    "]": "bracketright", "^": "asciicircum", "_": "underscore", "`": "grave", "{": "braceleft", "|": "bar",
    "}": "braceright", "~": "asciitilde", "’": "quoteright", "‘": "quoteleft", "“": "quotedblleft",
    "”": "quotedblright", "–": "endash", "—": "emdash", "£": "sterling", "•": "bullet", "é": "eacute",
    **{str(d): n for d, n in enumerate("zero one two three four five six seven eight nine".split())},
}
_WIDTHS = {}


def widths(font):
    if font not in _WIDTHS:
        _WIDTHS[font] = afm_widths({"F1": "phvr8a.afm", "F2": "phvb8a.afm", "Symbol": "psyr.afm", "ZapfDingbats": "pzdr.afm"}[font])
    return _WIDTHS[font]


def text_width(s, font, size):
    if font == "Wingdings":
        return 0.85 * size * len(s)
    w = widths(font)
    if font in ("Symbol", "ZapfDingbats"):
        return sum(w[ord(c)] for c in s) * size / 1000
    return sum(w[GLYPH_NAMES.get(ch, ch)] for ch in s) * size / 1000


def pdf_string(data):
    """bytes -> a PDF literal string."""
    o = "("
    for b in data:
        ch = chr(b)
        if ch in "()\\":
            o += "\\" + ch
        elif 32 <= b < 127:
            o += ch
        else:
            o += f"\\{b:03o}"
    return o + ")"


def encode(s, font):
    if font in ("Symbol", "ZapfDingbats", "Wingdings"):
        return bytes(ord(c) for c in s)
    return s.encode("cp1252")


RAW_FONT_RES = {"F1": "F1", "F2": "F2", "Symbol": "F3", "ZapfDingbats": "F4", "Wingdings": "F5"}


class Page:
    """Content-stream operators with a top-left origin (y grows down)."""

    def __init__(self, w, h):
        self.w, self.h, self.ops = w, h, []

    def fill(self, x, y, w, hh, c):
        r, g, b = rgb(c)
        self.ops.append(f"q {r:.3f} {g:.3f} {b:.3f} rg {x:.2f} {self.h - y - hh:.2f} {w:.2f} {hh:.2f} re f Q")

    def stroke(self, x, y, w, hh):
        self.ops.append(f"q 0 0 0 RG 0.5 w {x:.2f} {self.h - y - hh:.2f} {w:.2f} {hh:.2f} re S Q")

    def text(self, x, y, s, font="F1", size=9, c="black", mode=0, tz=None):
        r, g, b = rgb(c)
        # render mode and scaling are graphics state, not reset by BT: set them every time
        tr = f" {mode} Tr"
        tzs = f" {tz or 100:.1f} Tz"
        self.ops.append(f"BT {r:.3f} {g:.3f} {b:.3f} rg {r:.3f} {g:.3f} {b:.3f} RG /{RAW_FONT_RES[font]} {size} Tf{tr}{tzs} "
                        f"1 0 0 1 {x:.2f} {self.h - y:.2f} Tm {pdf_string(encode(s, font))} Tj ET")

    def clip_begin(self, x, y, w, hh):
        self.ops.append(f"q {x:.2f} {self.h - y - hh:.2f} {w:.2f} {hh:.2f} re W n")

    def clip_end(self):
        self.ops.append("Q")


SIZE, LEAD, PAD, PGAP = 9, 11, 4, 3
ASC = 7  # baseline below the top of a line (9pt Helvetica)


def raw_tokens(par, bold=False):
    """A paragraph as words [(text, style)], each word with its trailing space."""
    toks = []
    for op, arg, text in segments(par):
        if op == "sym":
            font, code = SYMBOLS[arg]["raw"]
            toks.append([chr(code), {"font": font, "op": None, "arg": None}])
            continue
        style = {"font": "F2" if bold else "F1", "op": op, "arg": arg}
        for m in re.finditer(r"\S+\s*|\s+", text):
            toks.append([m.group(0), style])
    return toks


def raw_wrap(toks, width):
    """Greedy wrap into lines [(runs, clip)], runs [(dx, word, style)]. Offpage words are
    collected apart as [(line index, text)]; clip words start a new line of their own."""
    lines, cur, xw, off = [], [], 0.0, []
    clip_mode = False
    for text, style in toks:
        if style["op"] not in (None, "ink", "hide", "redact", "tr3", "clip", "offpage"):
            raise ValueError(f"raw cannot draw mark {style['op']}")
        if style["op"] == "offpage":
            if off and off[-1][0] == len(lines):
                off[-1][1] += text
            else:
                off.append([len(lines), text])
            continue
        if style["op"] == "clip" and not clip_mode:
            if cur:
                lines.append((cur, False))
            cur, xw, clip_mode = [], 0.0, True
        word = text.rstrip()
        ww = text_width(word, style["font"], SIZE)
        sw = text_width(text[len(word):], style["font"] if style["font"] in ("F1", "F2") else "F1", SIZE)
        if cur and xw + ww > width:
            lines.append((cur, clip_mode))
            cur, xw = [], 0.0
        if not word:
            xw += sw
            continue
        cur.append((xw, word, style))
        xw += ww + sw
    if cur:
        lines.append((cur, clip_mode))
    return lines, off


def raw_cell_lines(text, width, label=None):
    """Lines [{'off': top offset, 'runs', 'clip'}], offpage texts [(top offset, text)], height."""
    out, y, offs = [], 0.0, []
    if label:
        out.append({"off": y, "runs": [(0.0, label, {"font": "F2", "op": None, "arg": None})], "clip": False})
        y += LEAD
    for k, (kind, val) in enumerate(blocks(text)):
        assert kind == "p", "no lists in raw hard cases"
        if k:
            y += PGAP
        lines, off = raw_wrap(raw_tokens(val), width)
        start = len(out)
        nclip = 0
        for runs, clip in lines:
            out.append({"off": y, "runs": runs, "clip": clip, "nclip": nclip})
            if clip:
                nclip += 1
            else:
                y += LEAD
        for li, words in off:
            offs.append((out[start + min(li, len(lines) - 1)]["off"], words.strip()))
    return out, offs, y


class RawDoc:
    def __init__(self, w=595.28, h=841.89, margin=50):
        self.w, self.h, self.m = w, h, margin
        self.pages = [Page(w, h)]
        self.y = margin

    @property
    def page(self):
        return self.pages[-1]

    def new_page(self):
        self.pages.append(Page(self.w, self.h))
        self.y = self.m

    def para(self, s, font="F1", size=10, lead=13, gap=6, c="black"):
        toks = [[m.group(0), {"font": font, "op": None, "arg": None}] for m in re.finditer(r"\S+\s*", s)]
        lines, _ = raw_wrap_size(toks, self.w - 2 * self.m, size)
        for runs in lines:
            self.y += lead
            self.page.text(self.m, self.y - (lead - size * 0.8), " ".join(r[1] for r in runs), font, size, c)
        self.y += gap


def raw_wrap_size(toks, width, size):
    lines, cur, xw = [], [], 0.0
    for text, style in toks:
        word = text.rstrip()
        ww = text_width(word, style["font"], size)
        sw = text_width(" ", style["font"], size)
        if cur and xw + ww > width:
            lines.append(cur)
            cur, xw = [], 0.0
        cur.append((xw, word, style))
        xw += ww + sw
    if cur:
        lines.append(cur)
    return lines, None


def raw_layout(fx, gap):
    """Lay the tracker out on pages; returns (RawDoc, split info {record index: lines on the first page})."""
    doc = RawDoc()
    doc.para(fx["title"], "F2", 14, 18, 2)
    doc.para(fx["committee"], "F1", 10, 13, 8, "#404040")
    for p in fx.get("intro", []):
        doc.para(p, "F1", 9.5, 12, 6)
    doc.y += gap
    tw = doc.w - 2 * doc.m
    tot = sum(c["w"] for c in fx["columns"])
    colw = [tw * c["w"] / tot for c in fx["columns"]]
    colx = [doc.m + sum(colw[:i]) for i in range(len(colw))]
    assert not spans(fx) and not any(c.get("rot") for c in fx["columns"]), "raw: no merged cells or rotated headings"
    bottom = doc.h - doc.m
    rag_col = role_index(fx, "rag") is not None

    def heading():
        hh = LEAD + 2 * PAD
        for i, c in enumerate(fx["columns"]):
            doc.page.fill(colx[i], doc.y, colw[i], hh, "#d9d9d9")
            doc.page.stroke(colx[i], doc.y, colw[i], hh)
            doc.page.text(colx[i] + PAD, doc.y + PAD + ASC + 1, c["head"], "F2", SIZE)
        doc.y += hh

    heading()
    split = {}
    pending_redact = []
    for k, r in enumerate(fx["records"]):
        cells = []
        for i, c in enumerate(fx["columns"]):
            lines, offs, hgt = raw_cell_lines(r["cells"][i], colw[i] - 2 * PAD,
                                              label=r.get("label") if c["role"] == "rec" else None)
            cells.append({"lines": lines, "offs": offs, "h": hgt})
        first = True
        while True:
            need = max(c["h"] for c in cells) + 2 * PAD
            avail = bottom - doc.y
            if need <= avail:
                frag = [c["lines"] for c in cells]
                rest = None
                fh = need
            else:
                fit = [[ln for ln in c["lines"] if ln["off"] + LEAD <= avail - 2 * PAD and not ln["clip"]] for c in cells]
                if fx.get("keep_lines"):  # cells' paragraphs are not split; the label line may stand alone
                    rec_col = role_index(fx, "rec")
                    fit = [f if len(f) == len([ln for ln in c["lines"] if not ln["clip"]])
                           else (f[:1] if i == rec_col and r.get("label") else [])
                           for i, (f, c) in enumerate(zip(fit, cells))]
                if not any(fit):
                    doc.new_page()
                    heading()
                    continue
                frag = fit
                split[k] = [len(f) for f in fit]
                fh = max((ln["off"] + LEAD for f in fit for ln in f), default=0) + 2 * PAD
                rest = []
                for c, f in zip(cells, fit):
                    left = [ln for ln in c["lines"] if ln not in f]
                    base = min((ln["off"] for ln in left), default=0)
                    rest.append({"lines": [dict(ln, off=ln["off"] - base) for ln in left],
                                 "offs": c["offs"], "h": max((ln["off"] - base + LEAD for ln in left if not ln["clip"]), default=0)})
            # draw the fragment
            for i, c in enumerate(fx["columns"]):
                fill = fill_of(r) if (c["role"] == "rag" or (c["role"] == "prog" and not rag_col)) else None
                if fill:
                    doc.page.fill(colx[i], doc.y, colw[i], fh, fill)
            for i, c in enumerate(fx["columns"]):
                x0, y0 = colx[i] + PAD, doc.y + PAD
                clipped = any(ln["clip"] for ln in frag[i])
                if clipped:
                    doc.page.clip_begin(colx[i], doc.y, colw[i], fh)
                covers = []
                for ln in frag[i]:
                    base = y0 + ln["off"] + ASC + 1
                    if ln["clip"]:
                        # an overflow line: below the cell's bottom edge, over the next row
                        base = doc.y + fh + ASC + 2 + ln["nclip"] * LEAD
                    for dx, word, st in ln["runs"]:
                        op, arg = st["op"], st["arg"]
                        ink = {"ink": arg, "hide": arg}.get(op, "black")
                        doc.page.text(x0 + dx, base, word, st["font"], SIZE, ink, 3 if op == "tr3" else 0)
                        if op == "redact":
                            covers.append((x0 + dx - 0.5, base - ASC - 1, text_width(word, st["font"], SIZE) + 3.5, LEAD, arg))
                if clipped:
                    doc.page.clip_end()
                for cv in covers:  # painted after the text: a failed redaction
                    doc.page.fill(*cv)
                if first:
                    for off, words in cells[i]["offs"]:
                        doc.page.text(doc.w + 30, y0 + off + ASC + 1, words, "F1", SIZE)
                # a second copy of the cell, clipped to a thin band
                if r.get("twice") in (c["role"], "row") and fx.get("twice") == "band" and first:
                    ln0 = frag[i][0]
                    doc.page.clip_begin(colx[i], y0 + ln0["off"] + 3.5, colw[i], 1.5)
                    for ln in frag[i]:
                        for dx, word, st in ln["runs"]:
                            doc.page.text(x0 + dx, y0 + ln["off"] + ASC + 1, word, st["font"], SIZE)
                    doc.page.clip_end()
                if rest is not None and fx.get("twice") == "pagebreak" and r.get("twice") and rest[i]["lines"]:
                    # the next line, drawn on this page too, clipped to a band above the cut
                    doc.page.clip_begin(colx[i], doc.y + fh - 1.5, colw[i], 1.5)
                    nxt = rest[i]["lines"][0]
                    for dx, word, st in nxt["runs"]:
                        doc.page.text(x0 + dx, doc.y + fh + 5, word, st["font"], SIZE)
                    doc.page.clip_end()
                doc.page.stroke(colx[i], doc.y, colw[i], fh)
            doc.y += fh
            if rest is None:
                break
            cells = rest
            first = False
            doc.new_page()
            heading()
    return doc, split


def raw_pdf(pages, w=595.28, h=841.89, images=None):
    """Serialise pages (content strings) into a PDF with the raw fonts (and images: {page: (name, obj dict, data)})."""
    objs = []

    def add(o):
        objs.append(o)
        return len(objs)

    def stream(d, data):
        data = zlib.compress(data)
        return (d + f" /Length {len(data)} /Filter /FlateDecode >>\nstream\n").encode() + data + b"\nendstream"

    cat, pages_id = add(None), add(None)
    f1 = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    f2 = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>")
    f3 = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Symbol >>")
    f4 = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /ZapfDingbats >>")
    # Wingdings as Word exports it, but as a Type 3 font (no Wingdings here): a tick at 0xFC and a
    # cross at 0xFB, ToUnicode to the private-use code points U+F0FC / U+F0FB.
    tick = b"0 0 0 0 850 700 d1 60 330 m 170 440 l 330 280 l 730 690 l 840 580 l 330 60 l h f"
    cross = b"0 0 0 0 850 700 d1 120 620 m 190 690 l 425 455 l 660 690 l 730 620 l 495 385 l 730 150 l 660 80 l 425 315 l 190 80 l 120 150 l 355 385 l h f"
    p_tick, p_cross = add(stream("<<", tick)), add(stream("<<", cross))
    cmap = (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def "
            b"/CMapName /Wingdings-UCS def /CMapType 2 def 1 begincodespacerange <00> <FF> endcodespacerange "
            b"2 beginbfchar <FB> <F0FB> <FC> <F0FC> endbfchar endcmap CMapName currentdict /CMap defineresource pop end end")
    tu = add(stream("<<", cmap))
    f5 = add((f"<< /Type /Font /Subtype /Type3 /Name /Wingdings /FontBBox [0 0 850 700] /FontMatrix [0.001 0 0 0.001 0 0] "
              f"/CharProcs << /wdcross {p_cross} 0 R /wdcheck {p_tick} 0 R >> /Encoding << /Type /Encoding /Differences [251 /wdcross /wdcheck] >> "
              f"/FirstChar 251 /LastChar 252 /Widths [850 850] /ToUnicode {tu} 0 R /Resources << >> >>").encode())
    kids = []
    for n, content in enumerate(pages):
        xobj = ""
        if images and n in images:
            name, d, data = images[n]
            im = add(stream(d, data))
            xobj = f" /XObject << /{name} {im} 0 R >>"
        c = add(stream("<<", content.encode("latin-1")))
        kids.append(add((f"<< /Type /Page /Parent {pages_id} 0 R /MediaBox [0 0 {w} {h}] /Contents {c} 0 R /Resources << /Font << "
                         f"/F1 {f1} 0 R /F2 {f2} 0 R /F3 {f3} 0 R /F4 {f4} 0 R /F5 {f5} 0 R >>{xobj} >> >>").encode()))
    objs[cat - 1] = f"<< /Type /Catalog /Pages {pages_id} 0 R >>".encode()
    objs[pages_id - 1] = f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] /Count {len(kids)} >>".encode()
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offs = []
    for i, o in enumerate(objs, 1):
        offs.append(len(out))
        out += f"{i} 0 obj\n".encode() + o + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{o:010d} 00000 n \n" for o in offs).encode()
    out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


# ---------------------------------------------------------------------------
# text layer damage (producer lo-post): qpdf --qdf, edit, fix-qdf, recompress

def post_process(pdf, how):
    tmp = tempfile.mkdtemp(prefix="hard-post-")
    try:
        qdf = os.path.join(tmp, "q.pdf")
        subprocess.run(["qpdf", "--qdf", "--object-streams=disable", pdf, qdf], check=True)
        data = open(qdf, "rb").read()
        ids = sorted(set(int(m) for m in re.findall(rb"/ToUnicode (\d+) 0 R", data)))
        assert ids, "no ToUnicode maps to change"
        if how == "strip":
            data = re.sub(rb"\s*/ToUnicode \d+ 0 R", b"", data)
        elif how == "pua":
            for oid in ids:
                m = re.search(rb"\n%d 0 obj\n(.*?)stream\n(.*?)endstream" % oid, data, re.S)
                old = m.group(2)
                two = re.search(rb"begincodespacerange\s*<([0-9A-Fa-f]+)>", old).group(1)
                if len(two) == 2:
                    ranges = b"1 beginbfrange <00> <FF> <E000> endbfrange"
                else:
                    ranges = b"16 beginbfrange " + b" ".join(b"<%02X00> <%02XFF> <E%X00>" % (hi, hi, hi) for hi in range(16)) + b" endbfrange"
                cs = b"<00> <FF>" if len(two) == 2 else b"<0000> <FFFF>"
                new = (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
                       b"/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n1 begincodespacerange " + cs + b" endcodespacerange\n" + ranges +
                       b"\nendcmap CMapName currentdict /CMap defineresource pop end end\n")
                data = data[:m.start(2)] + new + data[m.end(2):]
        open(qdf, "wb").write(data)
        fixed = os.path.join(tmp, "f.pdf")
        with open(fixed, "wb") as f:
            subprocess.run(["fix-qdf", qdf], check=True, stdout=f)
        subprocess.run(["qpdf", "--object-streams=generate", fixed, pdf], check=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


# ---------------------------------------------------------------------------
# an OCR'd scan: the tracker as one image, an invisible word layer over it

def bbox_words(pdf):
    """[(page, xMin, yMin, xMax, yMax, word)] from pdftotext -bbox (points, top-left origin)."""
    out = subprocess.run(["pdftotext", "-bbox", pdf, "-"], capture_output=True, text=True, check=True).stdout
    words, page = [], 0
    for line in out.splitlines():
        if "<page " in line:
            page += 1
        m = re.search(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)</word>', line)
        if m:
            words.append((page, *map(float, m.groups()[:4]), html.unescape(m.group(5))))
    return words


def ocr_pdf(fx, out_pdf, tmp):
    fodt_path = os.path.join(tmp, "scan-source.fodt")
    open(fodt_path, "w").write(fodt(fx))
    src = run_soffice(fodt_path, tmp)
    subprocess.run(["pdftoppm", "-r", "150", "-gray", "-singlefile", "-f", "1", "-l", "1", src, os.path.join(tmp, "scan")], check=True)
    pgm = open(os.path.join(tmp, "scan.pgm"), "rb").read()
    m = re.match(rb"P5\s+(\d+)\s+(\d+)\s+(\d+)\s", pgm)
    wpx, hpx = int(m.group(1)), int(m.group(2))
    pix = pgm[m.end():]
    assert len(pix) == wpx * hpx
    W, H = 595.28, 841.89
    page = Page(W, H)
    page.ops.append(f"q {W} 0 0 {H} 0 0 cm /Im0 Do Q")
    for pg, x0, y0, x1, y1, word in bbox_words(src):
        assert pg == 1, "the scan is one page"
        size = round((y1 - y0) * 0.82, 1)
        natural = text_width(word, "F1", size)
        page.text(x0, y1 - (y1 - y0) * 0.22, word, "F1", size, mode=3, tz=100 * (x1 - x0) / natural)
    img = (f"<< /Type /XObject /Subtype /Image /Width {wpx} /Height {hpx} /ColorSpace /DeviceGray /BitsPerComponent 8", pix)
    open(out_pdf, "wb").write(raw_pdf(["\n".join(page.ops)], images={0: ("Im0", img[0], img[1])}))


# ---------------------------------------------------------------------------
# page-break places: move the table down until record n's label is the last line of page 1

def label_state(pdf, fx, n):
    """'early' (record n's recommendation text starts on page 1), 'late' (its label is on page 2)
    or 'ok' (the label is the last line of its column on page 1)."""
    rec = fx["records"][n - 1]
    label_words = rec["label"].split()
    first_word = plain(rec["cells"][role_index(fx, "rec")]).split()[0]
    words = bbox_words(pdf)
    p1 = [w for w in words if w[0] == 1]
    hits = [(p1[i - 1][1] if len(label_words) > 1 else w[1], w) for i, w in enumerate(p1) if w[5] == label_words[-1] and
            (len(label_words) == 1 or (i and p1[i - 1][5] == label_words[0]))]
    if not hits:
        return "late"
    x0, lab = hits[-1]
    below = [w for w in p1 if w[2] > lab[4] - 1 and w[1] < x0 + 100]  # in the label's column
    after = [w for w in p1 if w[2] > lab[2] - 1 and w[1] < lab[3] + 40 and w[5] == first_word]
    if after or below:
        return "early"
    return "ok"


def tune(render, state, lo, hi, step):
    """The first gap from lo to hi (by step) at which state(render(gap)) is 'ok'. A scan, not a
    bisection: producers move whole rows and paragraphs, so the state is not monotonic."""
    gap = lo
    while gap <= hi:
        if state(render(gap)) == "ok":
            return gap
        gap = round(gap + step, 3)
    raise RuntimeError("no gap puts the label on the last line of page 1")


# ---------------------------------------------------------------------------
# build, check, README

def build(fx, tmp):
    name = full_name(fx)
    pdf = os.path.join(OUT, name + ".pdf")
    prod = fx["producer"]
    n_last = fx.get("label_last")
    if prod in ("lo", "lo-post"):
        def render(gap):
            p = os.path.join(tmp, name + ".fodt")
            open(p, "w").write(fodt(fx, gap))
            return run_soffice(p, tmp)
        gap = 0.2
        if n_last:
            gap = tune(render, lambda p: label_state(p, fx, n_last), 0.0, 4.0, 0.1)
        src = fodt(fx, gap)
        open(os.path.join(SRC, name + ".fodt"), "w").write(src)
        shutil.copy(render(gap), pdf)
        if prod == "lo-post":
            post_process(pdf, fx["post"])
    elif prod == "chromium":
        def render(gap):
            p = os.path.join(tmp, name + ".html")
            open(p, "w").write(html_doc(fx, gap))
            return run_chromium(p, os.path.join(tmp, name + ".pdf"))
        gap = 6
        if n_last:
            gap = tune(render, lambda p: label_state(p, fx, n_last), 0.0, 120.0, 1.5)
        open(os.path.join(SRC, name + ".html"), "w").write(html_doc(fx, gap))
        shutil.copy(render(gap), pdf)
    elif prod == "latex":
        p = os.path.join(tmp, name + ".tex")
        open(p, "w").write(tex_doc(fx))
        shutil.copy(p, os.path.join(SRC, name + ".tex"))
        shutil.copy(run_latex(p, tmp), pdf)
    elif prod == "raw" and fx.get("ocr"):
        ocr_pdf(fx, pdf, tmp)
    elif prod == "raw":
        gap = 4
        rec_col = role_index(fx, "rec")
        want = None
        if n_last:
            want = (n_last - 1, 1)
        elif fx.get("split_row"):
            want = (fx["split_row"] - 1, 2)
        if want:
            for g in range(0, 1200):
                _, split = raw_layout(fx, g / 2)
                if want[0] in split and split[want[0]][rec_col] == want[1] and \
                        (not fx.get("keep_lines") or sum(split[want[0]]) == want[1]):  # the label alone
                    gap = g / 2
                    break
            else:
                raise RuntimeError("no gap gives the wanted split")
        doc, split = raw_layout(fx, gap)
        open(pdf, "wb").write(raw_pdf(["\n".join(pg.ops) for pg in doc.pages]))
    else:
        raise ValueError(prod)
    truth = make_truth(fx)
    with open(os.path.join(OUT, name + ".truth.json"), "w") as f:
        json.dump(truth, f, ensure_ascii=False, indent=1)
        f.write("\n")
    return pdf, truth


def norm_words(s):
    import unicodedata
    s = unicodedata.normalize("NFKC", s)
    s = s.replace("-", " ").replace("–", " ")
    return [w.strip(".,;:()“”‘’\"'") for w in s.split() if w.strip(".,;:()“”‘’\"'")]


def check(fx, pdf, truth):
    """Problems: truth words missing from pdftotext -layout; hidden words missing (not tested)."""
    text = subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True, text=True, check=True).stdout
    # a Wingdings glyph reads as its private-use code point; the truth holds its meaning
    have = set(norm_words(text.replace("\uf0fc", "✓").replace("\uf0fb", "✗")))
    problems = []
    if fx.get("no_records"):
        if {"Recommendation", "Response", "Progress"} & have:
            problems.append("garbage text layer still reads as words")
        return problems
    for r in truth["records"]:
        for f in ("label", "recommendation", "response", "progress"):
            miss = [w for w in norm_words(r[f].replace("• ", "")) if w not in have]
            if miss and r["id"] in fx.get("overlap_ok", []):
                miss = []  # pdftotext runs this record's words into clipped text drawn over them
            if miss:
                problems.append(f"record {r['id']} {f}: not in pdftotext: {miss[:6]}")
        for hdr, v in r.get("extra", {}).items():
            miss = [w for w in norm_words(hdr + " " + v) if w not in have]
            if miss:
                problems.append(f"record {r['id']} extra: not in pdftotext: {miss[:6]}")
    # the hidden text must really be in the text layer (pdftotext drops off-page text)
    for rr in fx["records"]:
        for c in rr["cells"]:
            for op, arg, txt in segments(c or ""):
                if op in HIDDEN_OPS and op != "offpage":
                    miss = [w for w in norm_words(txt) if w not in have]
                    if miss and op != "clip":  # a clipped overflow line lies over the next row's text
                        problems.append(f"hidden text not in the text layer: {miss[:6]}")
    return problems


PRODUCER_NAME = {"lo": "LibreOffice Writer", "lo-post": "LibreOffice Writer + qpdf edit", "chromium": "Chromium",
                 "latex": "pdfLaTeX", "raw": "PDF operators (build.py)"}
KIND_TITLE = {1: "Rotated heading cell", 2: "Merged cells", 3: "RAG shown as ink, highlighter, symbol, BRAG",
              4: "Hidden text", 5: "Council layouts", 6: "Symbol glyphs", 7: "Label on the last line of a page",
              8: "Text drawn twice, the copy clipped to a band", 9: "Unreliable text layer"}


def write_readme():
    lines = [
        "# Hard cases (issue 7)",
        "",
        "Small trackers (one or two pages, four to twelve records), one hard *kind* each, made by",
        "real producers where one can make it and by PDF operators where none can. Generated by",
        "`python3 tools/corpus/hard/build.py` from the data in `tools/corpus/hard/plan.py`; the",
        "document sources are in `src/`. Each `NAME.pdf` has its exact truth in `NAME.truth.json`",
        "(format and text rules: the corpus MANIFEST, `fixtures/README.md`), with these extra keys:",
        "",
        "* `records[].extra` – the other columns of a council layout, heading as printed → cell text",
        "  (not the reference/number column, not the RAG column, not the three text fields);",
        "* `records[].ragSource` – where the RAG must come from, where that is the point (`ink`,",
        "  `fill`, `column`);",
        "* `hiddenChars` – record id → characters of hidden text dropped from that record (no spaces);",
        "* `expectWarning` – a warning code the document must carry (`HIDDEN_TEXT`, `SHARED_CELL`,",
        "  `COLOUR_UNMAPPED`, `TEXT_UNRELIABLE`); with `expectError`, what the error message must say",
        "  instead (for `TEXT_UNRELIABLE`: the code or the word “unreliable”);",
        "* `expectError` – the error code expected instead of records (truth `records` is then `[]`).",
        "",
        "`test/e2e/fixtures.test.ts` checks every fixture here but those with `expectError` exactly;",
        "`test/e2e/hard.test.ts` checks the extra keys (and every `rag`, null included).",
        "",
        "Notes on the truth:",
        "",
        "* Hidden text is what no reader can see: the same colour as what is behind it, fill alpha 0,",
        "  render mode 3 (except an OCR layer over an image, kind 9), covered by an opaque shape painted",
        "  later, clipped away, or outside the MediaBox. pdf.js's `getTextContent` already drops glyphs",
        "  outside the page, so off-page text never reaches a record; `hiddenChars` counts it anyway.",
        "* A redacted phrase inside a sentence leaves the sentence as a reader sees it (“… logged by",
        "  under the new contract.”).",
        "* Symbols hold their Unicode meaning: Wingdings 0xFC (U+F0FC in the text layer) → ✓ U+2713,",
        "  0xFB (U+F0FB) → ✗ U+2717; ZapfDingbats a19 → ✓, a20 → ✔, a23 → ✗, a161 → →; Symbol",
        "  arrowright → →. A standard-14 ZapfDingbats font reads as ASCII in pdf.js (“4” for ✔).",
        "* A coloured marker or symbol in the Progress cell gives the RAG; a symbol glyph stays in the",
        "  text, a vector marker (a TikZ dot) is not text. A colour that is no status (purple) is",
        "  `rag: null`, never the nearest status.",
        "",
    ]
    by_kind = {}
    for fx in plan.FIXTURES:
        by_kind.setdefault(fx["kind"], []).append(fx)
    for kind in sorted(by_kind):
        lines += [f"## {kind}. {KIND_TITLE[kind]}", "", "| file | producer | what is hard | right result |", "| --- | --- | --- | --- |"]
        for fx in by_kind[kind]:
            cell = lambda s: s.replace("|", "\\|")
            lines.append(f"| {full_name(fx)}.pdf | {PRODUCER_NAME[fx['producer']]} | {cell(fx['hard'])} | {cell(fx['right'])} |")
        lines.append("")
    with open(os.path.join(OUT, "README.md"), "w") as f:
        f.write("\n".join(lines))


def main(argv):
    only, png = [], None
    args = list(argv)
    if "--readme" in args:
        write_readme()
        return 0
    while args:
        a = args.pop(0)
        if a == "--only":
            only.append(args.pop(0))
        elif a == "--png":
            png = args.pop(0)
        else:
            raise SystemExit(__doc__)
    os.makedirs(SRC, exist_ok=True)
    bad = 0
    for fx in plan.FIXTURES:
        name = full_name(fx)
        if only and not any(o in name for o in only):
            continue
        with tempfile.TemporaryDirectory(prefix="hard-") as tmp:
            pdf, truth = build(fx, tmp)
        problems = check(fx, pdf, truth)
        pages = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
        npages = re.search(r"Pages:\s+(\d+)", pages).group(1)
        print(f"{name}: {npages} page(s), {len(truth['records'])} records" + ("" if not problems else "  PROBLEMS:"))
        for p in problems:
            print("   ", p)
        bad += bool(problems)
        if png:
            os.makedirs(png, exist_ok=True)
            subprocess.run(["pdftoppm", "-png", "-r", "60", pdf, os.path.join(png, name)], check=True)
    write_readme()
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
