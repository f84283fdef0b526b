#!/usr/bin/env python3
"""Write no-tracker.pdf: a small, valid, text-layer PDF (prose + an unrelated
"Name | Age | Town" table) with no recommendation tracker.  Hand-built with a
correct xref table; no dates, fixed /ID, so the output is byte-for-byte stable."""
import sys, textwrap, zlib

out = sys.argv[1]

TITLE = "Millbrook Allotment Society: spring newsletter"
PROSE = [
    "Welcome to the spring edition of the Millbrook Allotment Society newsletter. "
    "The winter was mild and most plots came through it in good shape, although "
    "the lower field flooded twice in February and the paths there are still soft.",
    "The water troughs will be switched back on at the start of April. Please keep "
    "hoses off the shared taps at weekends so that everyone can fill a can. The "
    "compost bays by the gate have been rebuilt with timber donated by a member.",
    "Our annual plant swap takes place on the last Saturday of April from ten "
    "o'clock until noon. Bring seedlings, cuttings or spare seed, and a box to "
    "carry things home in. Tea and cake will be served in the hut.",
]
TABLE_CAPTION = "New plot holders this season"
TABLE_HEAD = ["Name", "Age", "Town"]
TABLE_ROWS = [
    ["Ada Brennan", "34", "Millbrook"],
    ["Joseph Okafor", "61", "Eastleigh"],
    ["Priya Sandhu", "47", "Chandler's Ford"],
]
CLOSING = ("Plot inspections will resume in June. Thank you to everyone who helped "
           "at the winter work party.")

def esc(s):
    return s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

ops = []
def text(x, y, size, s, bold=False):
    ops.append(f"BT /{'F2' if bold else 'F1'} {size} Tf {x} {y} Td ({esc(s)}) Tj ET")

y = 780
text(60, y, 16, TITLE, bold=True); y -= 34
for para in PROSE:
    for line in textwrap.wrap(para, 92):
        text(60, y, 10, line); y -= 14
    y -= 10
text(60, y, 11, TABLE_CAPTION, bold=True); y -= 22
# table: 3 columns with ruling lines
cols = [60, 230, 300, 480]
row_h = 18
top = y + 13
rows = [TABLE_HEAD] + TABLE_ROWS
for i, row in enumerate(rows):
    for c, cell in enumerate(row):
        text(cols[c] + 5, y, 10, cell, bold=(i == 0))
    y -= row_h
bottom = top - row_h * len(rows)
ops.append("0.5 w")
for i in range(len(rows) + 1):
    yy = top - i * row_h
    ops.append(f"{cols[0]} {yy} m {cols[-1]} {yy} l S")
for x in cols:
    ops.append(f"{x} {top} m {x} {bottom} l S")
y -= 16
for line in textwrap.wrap(CLOSING, 92):
    text(60, y, 10, line); y -= 14

content = zlib.compress("\n".join(ops).encode("latin-1"), 9)

objs = [
    b"<< /Type /Catalog /Pages 2 0 R >>",
    b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595.28 841.89] "
    b"/Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> /Contents 4 0 R >>",
    b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(content) + content + b"\nendstream",
    b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
    b"<< /Title (%s) /Producer (impact-tracker tools/bad/no_tracker.py) >>" % esc(TITLE).encode(),
]
buf = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
offsets = []
for n, body in enumerate(objs, 1):
    offsets.append(len(buf))
    buf += b"%d 0 obj\n" % n + body + b"\nendobj\n"
xref = len(buf)
buf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
for off in offsets:
    buf += b"%010d 00000 n \n" % off
fid = b"4e6f547261636b65724669787475726531"[:32]
buf += (b"trailer\n<< /Size %d /Root 1 0 R /Info 7 0 R /ID [<%s> <%s>] >>\n"
        b"startxref\n%d\n%%%%EOF\n" % (len(objs) + 1, fid, fid, xref))
open(out, "wb").write(buf)
