# Data for the page-break sweep (sweep.py): the settings each producer renders every
# plan at, and what a plan needs to be rendered by a producer other than its own.
#
# A setting overrides the plan's paper, font, size, margins and line spacing (and
# nothing else: texts, columns, rules, shading, labels and running heads stay the
# plan's). Fonts are ones Debian installs (install-producers.sh). Ids are short
# because they are part of the fixture names: NAME = "<plan>.<producer>-<id>-<labels|nolabels>".

# LibreOffice Writer (flat ODT -> PDF). margin_lr / margin_tb in cm (bottom margin is
# margin_tb - 0.5 as in the plans); line_height as fo:line-height of body and cells.
LIBREOFFICE = [
    dict(id="s1", paper="a4", orientation="portrait", font="Liberation Sans", size=9, margin_lr=2.0, margin_tb=1.5, line_height="100%"),
    dict(id="s2", paper="a4", orientation="portrait", font="Liberation Serif", size=11, margin_lr=2.5, margin_tb=2.5, line_height="115%"),
    dict(id="s3", paper="letter", orientation="portrait", font="DejaVu Sans", size=8, margin_lr=1.5, margin_tb=1.2, line_height="100%"),
    dict(id="s4", paper="a4", orientation="landscape", font="TeX Gyre Termes", size=12, margin_lr=1.8, margin_tb=1.8, line_height="100%"),
    dict(id="s5", paper="letter", orientation="landscape", font="DejaVu Serif", size=9.5, margin_lr=2.0, margin_tb=1.6, line_height="130%"),
    dict(id="s6", paper="a4", orientation="portrait", font="Lato", size=10, margin_lr=2.2, margin_tb=3.0, line_height="100%"),
    dict(id="s7", paper="letter", orientation="portrait", font="Liberation Sans Narrow", size=10, margin_lr=1.27, margin_tb=1.27, line_height="150%"),
    dict(id="s8", paper="a4", orientation="portrait", font="TeX Gyre Pagella", size=9, margin_lr=1.8, margin_tb=2.2, line_height="120%"),
]

# The Word route: the plan's LibreOffice document saved as .docx by LibreOffice, and
# that .docx converted to PDF by LibreOffice. Word-like settings (Arial / Times New
# Roman metrics, 2.54 cm margins).
DOCX = [
    dict(id="s1", paper="a4", orientation="portrait", font="Liberation Sans", size=10, margin_lr=2.54, margin_tb=2.54, line_height="100%"),
    dict(id="s2", paper="letter", orientation="portrait", font="Liberation Serif", size=12, margin_lr=2.54, margin_tb=2.54, line_height="100%"),
    dict(id="s3", paper="a4", orientation="landscape", font="Liberation Sans", size=9, margin_lr=1.27, margin_tb=1.27, line_height="115%"),
    dict(id="s4", paper="letter", orientation="portrait", font="DejaVu Sans", size=9, margin_lr=1.9, margin_tb=1.9, line_height="108%"),
    dict(id="s5", paper="a4", orientation="portrait", font="Liberation Serif", size=11, margin_lr=2.0, margin_tb=2.5, line_height="115%"),
    dict(id="s6", paper="letter", orientation="landscape", font="Lato", size=11, margin_lr=1.5, margin_tb=1.5, line_height="100%"),
    dict(id="s7", paper="a4", orientation="portrait", font="TeX Gyre Heros", size=8.5, margin_lr=1.8, margin_tb=1.4, line_height="130%"),
    dict(id="s8", paper="a4", orientation="portrait", font="Liberation Sans Narrow", size=11, margin_lr=2.0, margin_tb=2.0, line_height="100%"),
]

# Headless Chromium (HTML -> PDF). page_margin as CSS @page margin; line_height as CSS.
CHROMIUM = [
    dict(id="s1", paper="a4", orientation="portrait", font="Liberation Sans", size=9, page_margin="14mm 14mm 16mm 14mm", line_height=1.3),
    dict(id="s2", paper="letter", orientation="portrait", font="DejaVu Serif", size=10, page_margin="20mm 18mm 20mm 18mm", line_height=1.4),
    dict(id="s3", paper="a4", orientation="landscape", font="Lato", size=11, page_margin="15mm 15mm 15mm 15mm", line_height=1.25),
    dict(id="s4", paper="letter", orientation="landscape", font="Liberation Serif", size=8.5, page_margin="12mm 12mm 14mm 12mm", line_height=1.5),
    dict(id="s5", paper="a4", orientation="portrait", font="TeX Gyre Heros", size=10.5, page_margin="25mm 20mm 25mm 20mm", line_height=1.2),
    dict(id="s6", paper="letter", orientation="portrait", font="Nimbus Roman", size=12, page_margin="18mm 18mm 18mm 18mm", line_height=1.3),
    dict(id="s7", paper="a4", orientation="portrait", font="DejaVu Sans", size=8, page_margin="10mm 10mm 12mm 10mm", line_height=1.15),
    dict(id="s8", paper="a4", orientation="landscape", font="C059", size=9.5, page_margin="16mm 20mm 18mm 20mm", line_height=1.35),
]

# pdfLaTeX (longtable; xltabular where the plan asks for it). size: a class option
# (8, 9, 10, 11, 12); geometry: options of the geometry package after paper and
# orientation; linespread: \linespread factor.
LATEX = [
    dict(id="s1", paper="a4", orientation="portrait", font="lmodern", size=10, geometry="margin=2cm", linespread=1.0),
    dict(id="s2", paper="letter", orientation="portrait", font="times", size=11, geometry="margin=2.5cm", linespread=1.1),
    dict(id="s3", paper="a4", orientation="landscape", font="palatino", size=9, geometry="margin=1.5cm", linespread=1.0),
    dict(id="s4", paper="letter", orientation="landscape", font="lmodern-sans", size=12, geometry="margin=2cm", linespread=1.05),
    dict(id="s5", paper="a4", orientation="portrait", font="charter", size=11, geometry="margin=1.8cm,top=3cm,bottom=3cm", linespread=1.15),
    dict(id="s6", paper="a4", orientation="portrait", font="helvet", size=8, geometry="margin=1.5cm", linespread=1.25),
    dict(id="s7", paper="letter", orientation="portrait", font="palatino", size=10, geometry="margin=2.2cm", linespread=1.0),
    dict(id="s8", paper="a4", orientation="portrait", font="times", size=12, geometry="margin=2.4cm", linespread=1.0),
]

SETTINGS = {"libreoffice": LIBREOFFICE, "docx": DOCX, "chromium": CHROMIUM, "latex": LATEX}

# Short producer names in fixture names.
CODE = {"libreoffice": "lo", "docx": "docx", "chromium": "chromium", "latex": "latex"}

# Plans a producer cannot render keep to these producers (plan name before the first
# dot -> (producers, why)). Every other plan is rendered by all four.
ONLY = {
    "libraries-glyph-rag-dots": (("latex",), "RAG as a coloured bullet glyph: written for LaTeX only"),
    "parks-rag-dot-column": (("chromium", "latex"), "RAG as a drawn dot: a CSS circle (Chromium) or a TikZ circle (LaTeX); the LibreOffice renderer has none"),
    "noise-tikz-rag-dots": (("latex", "chromium"), "RAG as a drawn dot: a TikZ circle (LaTeX) or a CSS circle (Chromium); the LibreOffice renderer has none"),
}

# Relative column widths for plans whose own widths are LaTeX lengths, used when
# another producer renders them (and by LaTeX when tabularx becomes longtable).
WIDTHS = {
    "health-inequalities-xltabular-palatino": [5, 36, 36, 23],
    "fire-brigade-lead-zebra-times": [70, 21, 86, 37, 13],
    "heat-resilience-tabularx-label-rows": [33, 47, 20],
    "noise-tikz-rag-dots": [31, 41, 21, 7],
    "libraries-glyph-rag-dots": [32, 41, 22, 5],
}

# The label a labelled variant prints where the plan itself prints none.
DEFAULT_LABEL = "Recommendation {n}:"
