"""Data for the hand-made hard cases of issue 7 (tools/corpus/hard/build.py renders them).

Each fixture is a dict:

  name      "<kind>-<variant>"; the file is NAME.<producer>-<paper>.pdf
  producer  lo (LibreOffice Writer, fodt) | chromium (HTML) | latex | raw (PDF operators
            written by build.py) | lo-post (LibreOffice, then the fonts' ToUnicode maps are
            removed or rewritten with qpdf: `post`)
  paper     a4p | a4l
  kind      the issue-7 kind (README section)
  hard      what is hard (README)
  right     the right result (README)
  title, committee, intro (paragraphs), closing
  columns   [{"head": printed heading, "role": ref|no|rec|resp|prog|rag|x, "w": relative
            width, "rot": 90 (bottom to top) | 270 (top to bottom)}]; role x = an other
            column: its text goes to the record's `extra` under its heading
  records   [{"cells": [text per column, None = covered by a merged cell above],
              "label": printed label at the top of the Recommendation cell (or absent),
              "id": truth id (default: from the label's number or the ref/no cell),
              "fill": colour name of the Progress cell (or of the RAG cell when there is a
                      RAG column), "rag": truth RAG (default: fill when it is a status),
              "span": {column index: rows} for a merged cell, "ragSource": kept in truth}]
  expect    extra truth keys: expectWarning, expectError

Cell text is in truth form (paragraphs "\n\n", bullet lines "• ") with inline marks that
the renderers draw and the truth resolves:

  [[ink:C|t]]     t printed in colour C (visible)
  [[mark:C|t]]    t on a highlighter box of colour C (visible)
  [[sym:NAME]]    a symbol glyph (SYMBOLS in build.py gives its truth character)
  [[hide:C|t]]    t printed in colour C, the colour behind it: invisible   -> hidden
  [[alpha0|t]]    t printed fully transparent (fill alpha 0)               -> hidden
  [[redact:C|t]]  t covered by an opaque box of colour C painted after it  -> hidden
  [[tr3|t]]       t in text render mode 3 (invisible)                      -> hidden
  [[clip|t]]      t drawn below the cell's bottom edge, clipped to the cell -> hidden
  [[offpage|t]]   t placed outside the page's MediaBox                     -> hidden
  [[twice|t]]     t drawn, then drawn again clipped to a 1.5 pt band (raw) -> one copy

Hidden text is dropped from the truth and counted in `hiddenChars` (record id -> characters
without spaces).
"""

# ---------------------------------------------------------------------------
# Record texts shared by several fixtures: (recommendation, response, progress, fill)

THEMES = {
    "air": [
        ("The Mayor should extend the school streets programme to every primary school next to a main road by 2026.",
         "Accepted. Funding for 120 more school streets was agreed in the 2024–25 budget.",
         "Implemented in full.", "green"),
        ("TfL should publish air quality readings from its bus shelters on a public map, updated every hour.",
         "Accepted in part. Readings are published daily; hourly updates need new equipment.",
         "Daily readings published; hourly updates planned for 2025.", "amber"),
        ("Boroughs should stop idling vehicles outside schools with fines of at least £80.",
         "Not accepted. Fines are set nationally and boroughs prefer to warn drivers first.",
         "No action planned.", "red"),
        ("The Mayor should report to the Committee on the clean air fund every six months.",
         "Accepted. The first report was sent to the Committee in March 2024.",
         "One report received; the second is due in September.", "amber"),
    ],
    "libraries": [
        ("Councils should keep every branch library open for at least one evening a week.",
         "Accepted in part. Twelve of the fifteen branches now open on Thursday evenings.",
         "Three branches still close at 5pm.", "amber"),
        ("The library service should lend laptops and data cards to residents without internet at home.",
         "Accepted. A scheme of 200 laptops started in January 2024.",
         "Scheme running in all branches.", "green"),
        ("The Cabinet should protect the book fund from further cuts for three years.",
         "Not accepted. The book fund will be reviewed with every other budget line.",
         "Book fund cut by 5 per cent in 2024–25.", "red"),
        ("Libraries should offer a quiet study space for students during exam periods.",
         "Accepted. Study spaces are bookable online at six branches.",
         "Implemented at six branches.", "green"),
    ],
    "roads": [
        ("TfL should lower the speed limit to 20mph on every road it manages in central London.",
         "Accepted. The new limits were introduced in two phases.",
         "Complete.", "green"),
        ("The Mayor should fund safety improvements at the 50 junctions with the most collisions.",
         "Accepted in part. Thirty junctions are funded; the rest depend on the next settlement.",
         "Work finished at 18 junctions.", "amber"),
        ("TfL should require every new bus to carry a camera that sees the driver’s blind spot.",
         "Accepted. All buses ordered since 2023 carry the camera.",
         "Older buses not yet fitted.", "amber"),
        ("The Met should publish the outcome of every speeding report made by the public.",
         "Not accepted. The Met says the data system cannot do this.",
         "No progress.", "red"),
    ],
    "housing": [
        ("The council should answer every urgent repair request within 24 hours.",
         "Accepted. A new out-of-hours team started in April.",
         "92 per cent answered within 24 hours in the last quarter.", "green"),
        ("Tenants should be able to follow the progress of a repair online.",
         "Accepted in part. The online tracker covers plumbing and heating only.",
         "Other trades to be added in 2025.", "amber"),
        ("The council should inspect every home with a damp complaint within ten working days.",
         "Accepted. Inspections are booked when the complaint is logged.",
         "Average time to inspect: 14 working days.", "amber"),
        ("The council should stop using agency surveyors by the end of 2024.",
         "Not accepted. Agency staff are still needed to cover vacancies.",
         "No change.", "red"),
    ],
    "youth": [
        ("The Cabinet should reopen the four youth centres closed in 2021.",
         "Not accepted. Two centres have been sold; the others are leased to charities.",
         "No action planned.", "red"),
        ("The youth service should publish a programme of summer activities by May each year.",
         "Accepted. The 2024 programme was published on 2 May.",
         "Done for 2024.", "green"),
        ("Detached youth workers should be funded in the three wards with the highest youth crime.",
         "Accepted in part. Funding covers two wards until March 2025.",
         "Two teams recruited.", "amber"),
        ("Young people should sit on the panel that awards youth grants.",
         "Accepted. Four young people joined the panel in June.",
         "Implemented.", "green"),
    ],
    "flood": [
        ("The Environment Agency should publish a flood plan for every borough on the Thames.",
         "Accepted. Plans for eight boroughs are published; six more are in draft.",
         "Eight of fourteen plans published.", "amber"),
        ("Thames Water should fix the 20 sewers that flooded homes in July 2021.",
         "Accepted. Work has been completed at all 20 sites.",
         "Complete.", "green"),
        ("Boroughs should offer grants for flood doors and air brick covers to homes at high risk.",
         "Not accepted. Grants are not affordable this year.",
         "No progress.", "red"),
        ("The Mayor should map the basements at risk of flash flooding and share the map with the fire brigade.",
         "Accepted in part. The map covers inner London only.",
         "Outer London mapping starts in 2025.", "amber"),
    ],
    "care": [
        ("The council should pay every home care worker at least the London Living Wage.",
         "Accepted. The new contracts pay the London Living Wage from April 2024.",
         "Implemented in all contracts.", "green"),
        ("Care workers should be paid for the time they spend travelling between visits.",
         "Accepted in part. Travel time is paid on the two largest contracts.",
         "Three smaller contracts still to change.", "amber"),
        ("The council should publish the number of unfilled care hours each month.",
         "Not accepted. The figures are shared with the Committee in private.",
         "No change.", "red"),
        ("Every new care worker should receive two weeks of paid training before the first visit.",
         "Accepted. The induction course now lasts two weeks.",
         "Complete.", "green"),
    ],
}

STD3 = [{"head": "Committee’s recommendation", "role": "rec", "w": 36},
        {"head": "Response", "role": "resp", "w": 38},
        {"head": "Progress", "role": "prog", "w": 26}]


def recs(theme, label="Recommendation {n}", patch=None, start=1):
    """The theme's records as fixture records; patch = {(n, role): text or dict of keys}."""
    out = []
    for k, (rec, resp, prog, fill) in enumerate(THEMES[theme], start):
        r = {"label": label.format(n=k) if label else None, "cells": [rec, resp, prog], "fill": fill}
        for (n, what), val in (patch or {}).items():
            if n != k:
                continue
            if what in ("rec", "resp", "prog"):
                r["cells"][("rec", "resp", "prog").index(what)] = val
            else:
                r[what] = val
        out.append(r)
    return out


def cols(*heads, widths=(36, 38, 26), rot=None):
    """Three standard columns with other headings; rot = {column index: angle}."""
    roles = ("rec", "resp", "prog")
    return [dict({"head": h, "role": roles[i], "w": widths[i]}, **({"rot": rot[i]} if rot and i in rot else {}))
            for i, h in enumerate(heads)]


ENV = "Environment Committee"

# a long introduction, so that the table starts low on page 1 and rows meet the page break
LONG_INTRO = [
    "This tracker sets out each recommendation the Committee made, the response it received and the progress reported since. It is updated after every meeting at which the Committee reviews the work of the bodies it scrutinises.",
    "Responses are quoted as received. Where a body has not yet answered, the Response cell says so and the recommendation stays open. Progress is assessed by the Committee’s officers from the evidence provided and is agreed with the Chair before publication.",
    "Recommendations are closed when the Committee agrees that the action asked for is complete, or that no further progress can be expected. Closed recommendations stay in the tracker for one year so that members can see what was achieved.",
]
TR = "Transport Committee"

FIXTURES = [
    # ------------------------------------------------------------------ 1 rotated heading
    {
        "name": "rotated-heading-progress-btt", "producer": "lo", "paper": "a4p", "kind": 1,
        "title": "Air quality around schools: impact tracker", "committee": ENV,
        "intro": ["This tracker follows the four recommendations of the Committee’s report on air quality around schools."],
        "columns": cols("Committee’s recommendation", "Response", "Progress", widths=(42, 44, 14), rot={2: 90}),
        "head_height": 2.4,
        "records": recs("air"),
        "hard": "LibreOffice Writer: the Progress heading cell has text direction bottom-to-top (writing-mode bt-lr, rotated 90°) in a 2.4 cm heading row; narrow shaded Progress column",
        "right": "Progress column found with its heading \"Progress\"; every record has its progress text and the fill's RAG",
    },
    {
        "name": "rotated-heading-progress-ttb", "producer": "chromium", "paper": "a4p", "kind": 1,
        "title": "Library services: recommendation tracker", "committee": "Communities Scrutiny Panel",
        "intro": ["Progress on the Panel’s recommendations of March 2023, as reported by the library service."],
        "columns": cols("Recommendation", "Response", "Progress", widths=(40, 42, 18), rot={2: 270}),
        "records": recs("libraries", label="R{n}"),
        "pale": True,
        "hard": "Chromium: the Progress heading set top-to-bottom with CSS writing-mode: vertical-rl (glyphs rotated 270°) in a tall heading row; pale fills; labels R1–R4",
        "right": "Progress column found; every record has its progress text and the pale fill's RAG",
    },
    {
        "name": "rotated-heading-response-progress", "producer": "latex", "paper": "a4p", "kind": 1,
        "title": "Road safety: tracking the Committee’s recommendations", "committee": TR,
        "intro": ["The Committee made four recommendations in its road safety report."],
        "columns": cols("Recommendation", "Mayor’s response", "Progress", widths=(44, 40, 16), rot={1: 90, 2: 90}),
        "records": recs("roads", label="Recommendation {n}"),
        "hard": "pdfLaTeX longtable: both the Response and the Progress headings are \\rotatebox{90} (bottom-to-top), so the heading row holds one horizontal heading and two vertical ones",
        "right": "all three columns found; columns as printed; every record exact with the fill's RAG",
    },
    {
        "name": "rotated-heading-number-column-ttb", "producer": "lo", "paper": "a4l", "kind": 1,
        "title": "Housing repairs: scrutiny tracker", "committee": "Housing Scrutiny Sub-Committee",
        "intro": ["Where the Cabinet has agreed a recommendation, the lead officer reports progress every quarter."],
        "columns": [{"head": "No.", "role": "no", "w": 6},
                    {"head": "Recommendation", "role": "rec", "w": 36},
                    {"head": "Response", "role": "resp", "w": 36},
                    {"head": "Progress update", "role": "prog", "w": 22, "rot": 270}],
        "head_height": 3.2,
        "records": [dict(r, label=None, cells=[f"{k}.", *r["cells"]]) for k, r in enumerate(recs("housing"), 1)],
        "hard": "LibreOffice Writer, A4 landscape, four columns No. | Recommendation | Response | Progress update: the last heading set top-to-bottom (writing-mode tb-rl, 270°) and pushed to the right edge of its wide cell, in a 3.2 cm heading row",
        "right": "ids and labels 1–4 from the No. column; Progress column found; every record exact with the fill's RAG",
    },
    # ------------------------------------------------------------------ 2 merged cells
    {
        "name": "merged-response-two-rows", "producer": "lo", "paper": "a4p", "kind": 2,
        "title": "Flood resilience: impact tracker", "committee": ENV,
        "intro": ["The Environment Agency answered recommendations 2 and 3 together; their response cell is merged."],
        "columns": cols("Committee’s recommendation", "Response", "Progress"),
        "records": recs("flood", patch={
            (2, "resp"): "Accepted. Thames Water and the Environment Agency have agreed a joint programme: the sewers are fixed, and a grant scheme was considered but not funded.",
            (2, "span"): {1: 2},
            (3, "resp"): None}),
        "hard": "LibreOffice Writer: the Response cell of records 2 and 3 is one cell merged over both rows (number-rows-spanned 2); their Progress cells are separate, green and red",
        "right": "records 2 and 3 both carry the shared response (warning SHARED_CELL); RAG green and red from their own fills",
        "expect": {"expectWarning": "SHARED_CELL"},
    },
    {
        "name": "merged-progress-three-rows", "producer": "chromium", "paper": "a4p", "kind": 2,
        "title": "Home care workforce: recommendation tracker", "committee": "Health and Adult Social Care Scrutiny Committee",
        "intro": ["The new home care contracts answer the first three recommendations, so their progress is reported once."],
        "columns": cols("Recommendation", "Cabinet response", "Progress"),
        "records": recs("care", label="{n}.", patch={
            (1, "prog"): "The new contracts started in April 2024 and cover pay, travel time and training; two small contracts end in 2025.",
            (1, "span"): {2: 3}, (1, "fill"): "amber",
            (2, "prog"): None, (2, "fill"): None, (2, "rag"): "amber",
            (3, "prog"): None, (3, "fill"): None, (3, "rag"): "amber"}),
        "hard": "Chromium: one Progress cell (rowspan=3, shaded amber) serves records 1–3; record 4 has its own green cell; labels “1.” … “4.”",
        "right": "records 1–3 each carry the shared progress text and amber (the merged cell's fill); record 4 green (warning SHARED_CELL)",
        "expect": {"expectWarning": "SHARED_CELL"},
    },
    {
        "name": "merged-response-multirow", "producer": "latex", "paper": "a4p", "kind": 2,
        "title": "Youth services: impact tracker", "committee": "Children and Young People Scrutiny Committee",
        "intro": ["The Cabinet gave one answer to recommendations 3 and 4."],
        "columns": cols("Recommendation", "Response", "Progress"),
        "records": recs("youth", patch={
            (3, "resp"): "Accepted. The detached teams and the grants panel are both run by the new youth partnership.",
            (3, "span"): {1: 2}, (4, "resp"): None}),
        "hard": "pdfLaTeX: \\multirow{2}{=}{…} Response cell shared by records 3 and 4 (its text starts in row 3 and is shorter than it), with \\cline rules that stop at the merged cell; separate amber and green Progress fills",
        "right": "records 3 and 4 both carry the shared response; RAG amber and green from their own fills (warning SHARED_CELL)",
        "expect": {"expectWarning": "SHARED_CELL"},
    },
    {
        "name": "merged-response-rag-column", "producer": "chromium", "paper": "a4l", "kind": 2,
        "title": "Road safety: progress on recommendations", "committee": TR,
        "intro": ["TfL answered recommendations 2, 3 and 4 in a single letter."],
        "columns": [{"head": "Recommendation", "role": "rec", "w": 34}, {"head": "Response", "role": "resp", "w": 32},
                    {"head": "Progress", "role": "prog", "w": 24}, {"head": "RAG", "role": "rag", "w": 10}],
        "records": [dict(r, cells=r["cells"] + [r["fill"].capitalize()]) for r in recs("roads", label="R{n}", patch={
            (2, "resp"): "TfL’s letter of 4 March 2024 answers recommendations 2 to 4 together: junction work, bus cameras and data are part of one Vision Zero plan.\n\nThe Met was copied in.",
            (2, "span"): {1: 3}, (3, "resp"): None, (4, "resp"): None})],
        "hard": "Chromium: four columns with a RAG column (word on a fill); the Response cell of R2–R4 is one cell (rowspan=3) of two paragraphs; Progress and RAG cells are per row",
        "right": "R2, R3 and R4 each carry the whole shared response (two paragraphs); RAG from each row's RAG column (warning SHARED_CELL)",
        "expect": {"expectWarning": "SHARED_CELL"},
    },
    # ------------------------------------------------------------------ 3 RAG as ink
    {
        "name": "rag-ink-words", "producer": "lo", "paper": "a4p", "kind": 3,
        "title": "Housing repairs: impact tracker", "committee": "Housing Scrutiny Sub-Committee",
        "intro": ["Progress is shown in colour: green – done, amber – under way, red – not done."],
        "columns": cols("Recommendation", "Response", "Progress"),
        "records": [dict(r, cells=r["cells"][:2] + [f"[[ink:ink-{r['fill']}|{r['cells'][2]}]]"], fill=None, rag=r["fill"], ragSource="ink")
                    for r in recs("housing")],
        "hard": "LibreOffice Writer: no cell fills; the Progress words themselves are printed in green, amber (dark orange) and red ink",
        "right": "RAG from the ink colour of the Progress words (ragSource ink)",
    },
    {
        "name": "rag-ink-highlighter", "producer": "chromium", "paper": "a4p", "kind": 3,
        "title": "Library services: impact tracker", "committee": "Communities Scrutiny Panel",
        "intro": ["The status at the start of each Progress cell is highlighted in its RAG colour."],
        "columns": cols("Recommendation", "Response", "Progress"),
        "records": [dict(r, cells=r["cells"][:2] + [f"[[mark:{r['fill']}|{st}]] {r['cells'][2]}"], fill=None, rag=r["fill"], ragSource="fill")
                    for r, st in zip(recs("libraries"), ("Partly done:", "Done:", "Not done:", "Done:"))],
        "hard": "Chromium: no cell fills; a coloured highlighter box (CSS background on a span) behind the first words of the Progress cell only, the rest of the cell white",
        "right": "RAG from the highlighter box inside the Progress cell (ragSource fill); the highlighted words are part of the progress text",
    },
    {
        "name": "rag-ink-symbols", "producer": "chromium", "paper": "a4l", "kind": 3,
        "title": "Flood resilience: recommendation tracker", "committee": ENV,
        "intro": ["Key: a green tick – complete; an amber arrow – in progress; a red cross – not accepted."],
        "columns": cols("Recommendation", "Response", "Progress"),
        "records": [dict(r, cells=r["cells"][:2] + [f"[[ink:ink-{r['fill']}|{sym}]] {r['cells'][2]}"], fill=None, rag=r["fill"], ragSource="ink")
                    for r, sym in zip(recs("flood", label="R{n}"), ("→", "✓", "✗", "→"))],
        "hard": "Chromium: the status is a coloured symbol at the start of the Progress cell (green ✓, amber →, red ✗, DejaVu Sans glyphs in the text layer); the words are black; no fills",
        "right": "RAG from the symbol's ink colour (ragSource ink); the symbol stays in the progress text as printed (✓, ✗, →; not a bullet)",
    },
    {
        "name": "rag-ink-dots-unmapped", "producer": "latex", "paper": "a4p", "kind": 3,
        "title": "Home care workforce: impact tracker", "committee": "Health and Adult Social Care Scrutiny Committee",
        "intro": ["Each Progress cell starts with a coloured marker. Purple marks a recommendation passed to the NHS."],
        "columns": cols("Recommendation", "Response", "Progress"),
        "records": recs("care", patch={
            (1, "dot"): ("circle", "green"), (2, "dot"): ("square", "amber"), (3, "dot"): ("circle", "purple"),
            (1, "rag"): "green", (2, "rag"): "amber", (3, "rag"): None,
            (4, "dot"): ("square", "green"), (4, "rag"): "green",
            **{(n, "fill"): None for n in range(1, 5)},
            **{(n, "ragSource"): "fill" for n in (1, 2, 4)}}),
        "hard": "pdfLaTeX + TikZ: a small filled circle or square (a vector shape, not a glyph) before the Progress words, no cell fills; record 3's marker is purple, a colour no RAG status has",
        "right": "RAG from the marker colour (ragSource fill) for 1, 2, 4; record 3 rag null with warning COLOUR_UNMAPPED (never silently green/red)",
        "expect": {"expectWarning": "COLOUR_UNMAPPED"},
    },
    {
        "name": "rag-brag-blue-fill", "producer": "lo", "paper": "a4p", "kind": 3,
        "title": "Youth services: BRAG tracker", "committee": "Children and Young People Scrutiny Committee",
        "intro": ["Key: Blue – complete, no further monitoring; Green – on track; Amber – some risk; Red – off track or not accepted."],
        "columns": cols("Recommendation", "Response", "Progress"),
        "records": recs("youth", patch={(2, "fill"): "blue", (4, "fill"): "blue", (1, "fill"): "red", (3, "fill"): "green"}),
        "hard": "LibreOffice Writer: a BRAG tracker: the key above the table uses blue for complete; two Progress cells are blue, one green, one red",
        "right": "rag \"blue\" for records 2 and 4 (from the fill, the key names it), red and green for 1 and 3",
    },
    # ------------------------------------------------------------------ 4 hidden text
    {
        "name": "hidden-white-and-fill-colour", "producer": "lo", "paper": "a4p", "kind": 4,
        "title": "Air quality around schools: impact tracker", "committee": ENV,
        "intro": ["Responses are as received from TfL and the boroughs."],
        "columns": cols("Committee’s recommendation", "Response", "Progress"),
        "records": recs("air", patch={
            (1, "prog"): "Implemented in full. [[hide:green|Draft – confirm the school count with TfL before publishing.]]",
            (2, "resp"): "Accepted in part. Readings are published daily; hourly updates need new equipment. [[hide:white|Officer note: the equipment bid was rejected in January.]]",
            (4, "rec"): "The Mayor should report to the Committee on the clean air fund every six months.\n\n[[hide:white|Chair asked for this one to be dropped.]]"}),
        "hard": "LibreOffice Writer: a white sentence at the end of record 2's white Response cell; a sentence in record 1's green Progress cell printed in exactly the green of the fill; a whole white paragraph in record 4's Recommendation cell",
        "right": "records hold only the visible text; HIDDEN_TEXT for records 1, 2 and 4 with the dropped character counts",
        "expect": {"expectWarning": "HIDDEN_TEXT"},
    },
    {
        "name": "hidden-transparent-and-redaction", "producer": "chromium", "paper": "a4p", "kind": 4,
        "title": "Housing repairs: recommendation tracker", "committee": "Housing Scrutiny Sub-Committee",
        "intro": ["Names of contractors have been removed from this public version."],
        "columns": cols("Recommendation", "Response", "Progress"),
        "records": recs("housing", patch={
            (1, "resp"): "Accepted. A new out-of-hours team started in April. [[alpha0|Keywords: repairs, damp, mould, disrepair, tenants.]]",
            (3, "resp"): "Accepted. Inspections are booked when the complaint is logged by [[redact:black|Mears Group and Axis Europe]] under the new contract.",
            (4, "resp"): "Not accepted. Agency staff are still needed to cover vacancies. [[redact:white|Cost in 2023–24: £1.4m.]]"}),
        "hard": "Chromium: record 1's Response ends with a sentence printed fully transparent (CSS color: transparent, fill alpha 0); record 3's Response has contractor names under a black box drawn after them (a failed redaction); record 4's Response ends with a sentence under an opaque white box",
        "right": "none of the three hidden passages in the records (record 3 reads “… logged by under the new contract.” as a reader sees it); HIDDEN_TEXT for records 1, 3 and 4",
        "expect": {"expectWarning": "HIDDEN_TEXT"},
    },
    {
        "name": "hidden-white-and-off-page", "producer": "latex", "paper": "a4p", "kind": 4,
        "title": "Library services: impact tracker", "committee": "Communities Scrutiny Panel",
        "intro": ["This is the version published with the Panel’s agenda."],
        "columns": cols("Recommendation", "Response", "Progress"),
        "records": recs("libraries", patch={
            (2, "resp"): "Accepted. A scheme of 200 laptops started in January 2024. [[hide:white|Supplier invoice still disputed.]]",
            (4, "prog"): "Implemented at six branches.[[offpage|Internal: two more branches from September if the budget allows.]]"}),
        "hard": "pdfLaTeX: \\textcolor{white}{…} at the end of record 2's Response; record 4's Progress carries a sentence in a zero-width box pushed 20 cm right, beyond the page edge (pdf.js's getTextContent already drops glyphs outside the page)",
        "right": "records hold only the visible text; HIDDEN_TEXT for records 2 and 4",
        "expect": {"expectWarning": "HIDDEN_TEXT"},
    },
    {
        "name": "hidden-render-mode-clip-cover", "producer": "raw", "paper": "a4p", "kind": 4,
        "overlap_ok": ["4"],
        "title": "Youth services: impact tracker", "committee": "Children and Young People Scrutiny Committee",
        "columns": cols("Committee’s recommendation", "Response", "Progress"),
        "records": recs("youth", patch={
            (1, "resp"): "Not accepted. Two centres have been sold; the others are leased to charities. [[tr3|Sale receipts were used for the new hub.]]",
            (2, "resp"): "Accepted. The 2024 programme was published on 2 May. [[redact:white|Draft text – do not publish.]]",
            (3, "resp"): "Accepted in part. Funding covers two wards until March 2025. [[clip|A third ward may be added if the police grant is renewed in 2025.]]",
            (4, "resp"): "Accepted. Four young people joined the panel in June. [[offpage|Names held by the youth service.]]"}),
        "hard": "PDF operators: record 1's Response ends with text in render mode 3 (invisible); record 2's with text painted over by a later opaque white rectangle; record 3's Response overflows its cell and the overflow line, drawn below the cell's bottom edge (over row 4), is clipped away by the cell's clip path; record 4's ends with text placed beyond the right edge of the MediaBox",
        "right": "records hold only the visible text; HIDDEN_TEXT for records 1–4 (record 3's clipped line belongs to record 3, not to row 4 where it lies)",
        "expect": {"expectWarning": "HIDDEN_TEXT"},
    },
    # ------------------------------------------------------------------ 5 council layouts
    {
        "name": "council-cabinet-response", "producer": "lo", "paper": "a4l", "kind": 5,
        "title": "Overview and Scrutiny: recommendations monitoring", "committee": "Overview and Scrutiny Management Board",
        "intro": ["Recommendations made by scrutiny in 2024, with the Cabinet’s response and the latest update from the lead officer."],
        "columns": [{"head": "Reference", "role": "ref", "w": 9}, {"head": "Origin", "role": "x", "w": 7},
                    {"head": "Date", "role": "x", "w": 8}, {"head": "Area", "role": "x", "w": 8},
                    {"head": "Recommendation", "role": "rec", "w": 20}, {"head": "Cabinet response", "role": "resp", "w": 18},
                    {"head": "Lead officer", "role": "x", "w": 9}, {"head": "Update", "role": "prog", "w": 15},
                    {"head": "RAG", "role": "rag", "w": 6}],
        "size": 8,
        "records": [
            {"cells": ["CR-2024-01", "OSMB", "12/03/24", "Finance", "That the council publishes the full savings plan with the draft budget each year.",
                       "Agreed. The plan will be part of the budget pack from 2025.", "Director of Finance", "Savings plan published in February 2025.", "G"], "fill": "green"},
            {"cells": ["CR-2024-02", "OSMB", "12/03/24", "HR", "That a quarterly report on agency staff spending is brought to the Board.",
                       "Agreed in part: reports will be twice a year.", "Head of HR", "First report due in July.", "A"], "fill": "amber"},
            {"cells": ["CR-2024-03", "Health", "04/06/24", "Adult social care", "That carers are consulted before day-centre opening hours change.",
                       "Agreed.", "Director of Adult Services", "Consultation started with two carers’ groups; report to Cabinet in October.", "A"], "fill": "amber"},
            {"cells": ["CR-2024-04", "Place", "17/09/24", "Highways", "That every pothole reported online is repaired within 28 days.",
                       "Not agreed: the budget allows 42 days.", "Head of Highways", "No change.", "R"], "fill": "red"},
        ],
        "hard": "LibreOffice Writer, A4 landscape 8pt: nine columns Reference | Origin | Date | Area | Recommendation | Cabinet response | Lead officer | Update | RAG (letter G/A/R on a fill); ids like “CR-2024-03”",
        "right": "id and label from Reference; response = Cabinet response, progress = Update, RAG from the RAG column; Origin, Date, Area and Lead officer in `extra` and in no text field",
    },
    {
        "name": "council-executive-brag", "producer": "chromium", "paper": "a4l", "kind": 5,
        "title": "Scrutiny recommendation tracker 2025/26", "committee": "Corporate Resources and Performance Scrutiny Committee",
        "intro": ["BRAG key: Blue – complete; Green – on track; Amber – at risk; Red – not agreed or off track."],
        "columns": [{"head": "Ref", "role": "ref", "w": 10}, {"head": "Meeting date", "role": "x", "w": 9},
                    {"head": "Recommendation", "role": "rec", "w": 24}, {"head": "Executive response", "role": "resp", "w": 22},
                    {"head": "Responsible officer", "role": "x", "w": 11}, {"head": "Current position", "role": "prog", "w": 16},
                    {"head": "BRAG", "role": "rag", "w": 8}],
        "size": 8.5,
        "records": [
            {"cells": ["SR (25/26) 01", "14 May 2025", "That the Executive publishes a register of council-owned land that could be used for housing.",
                       "Agreed. The register was published in July 2025.", "Head of Property", "Complete.", "Blue"], "fill": "blue"},
            {"cells": ["SR (25/26) 02", "14 May 2025", "That the contact centre answers 80 per cent of calls within five minutes.",
                       "Agreed, subject to recruitment.", "Customer Services Manager", "71 per cent in the last quarter.", "Amber"], "fill": "amber"},
            {"cells": ["SR (25/26) 03", "9 July 2025", "That the Executive reviews the business rates relief scheme for small shops.",
                       "Agreed. A review will report in the autumn.", "Revenues Manager", "Review under way; on track.", "Green"], "fill": "green"},
            {"cells": ["SR (24/25) 11", "5 March 2025", "That the council stops using consultants for routine IT projects.",
                       "Not agreed. Consultants are cheaper than permanent staff for short projects.", "Head of Digital", "Not agreed.", "Red"], "fill": "red"},
        ],
        "hard": "Chromium, A4 landscape 8.5pt: Ref | Meeting date | Recommendation | Executive response | Responsible officer | Current position | BRAG; ids “SR (25/26) 01”; a BRAG column (word on fill) with a blue “complete” row",
        "right": "id/label from Ref (e.g. “SR (24/25) 11”); response = Executive response, progress = Current position; rag blue/amber/green/red from the BRAG column; Meeting date and Responsible officer in `extra`",
    },
    {
        "name": "council-officer-response-status", "producer": "latex", "paper": "a4l", "kind": 5,
        "title": "Scrutiny recommendations: progress report", "committee": "Environment and Communities Overview and Scrutiny Committee",
        "intro": ["The Status column shows the position agreed with the lead officer."],
        "columns": [{"head": "Reference", "role": "ref", "w": 12}, {"head": "Meeting", "role": "x", "w": 12},
                    {"head": "Recommendation", "role": "rec", "w": 27}, {"head": "Officer response", "role": "resp", "w": 27},
                    {"head": "Due date", "role": "x", "w": 10}, {"head": "Status", "role": "prog", "w": 12}],
        "size": 9,
        "records": [
            {"cells": ["OSC/23/07", "Environment task group", "That the council plants 1,000 street trees a year until 2030.",
                       "The tree strategy commits to 1,000 trees a year, funded from the climate reserve.", "March 2024", "Achieved"], "fill": "green"},
            {"cells": ["OSC/23/08", "Environment task group", "That food waste collections are offered to every flat by 2025.",
                       "Collections now reach 60 per cent of flats; the rest need new bin stores.", "April 2025", "In progress"], "fill": "amber"},
            {"cells": ["OSC/23/11", "Communities committee", "That community centres stay free for residents’ groups.",
                       "A charge of £10 an hour was introduced in April to cover heating costs.", "April 2024", "Not achieved"], "fill": "red"},
            {"cells": ["OSC/24/02", "Communities committee", "That the grants scheme for voluntary groups publishes its decisions online.",
                       "Decisions are published on the council website each quarter.", "June 2024", "Achieved"], "fill": "green"},
        ],
        "hard": "pdfLaTeX, A4 landscape 9pt: Reference | Meeting | Recommendation | Officer response | Due date | Status; ids “OSC/23/07”; the Status word (the progress field) on a RAG fill",
        "right": "id/label from Reference; response = Officer response, progress = Status word, RAG from its fill; Meeting and Due date in `extra`",
    },
    # ------------------------------------------------------------------ 6 symbol glyphs
    {
        "name": "symbols-unicode-marks", "producer": "chromium", "paper": "a4p", "kind": 6,
        "title": "Air quality around schools: recommendation tracker", "committee": ENV,
        "intro": ["✓ marks a recommendation that is done, → one that is under way and ✗ one that was refused."],
        "columns": cols("Recommendation", "Response", "Progress"),
        "records": recs("air", patch={
            (1, "prog"): "✓ Implemented in full.",
            (2, "prog"): "→ Daily readings published; hourly updates planned for 2025.",
            (3, "prog"): "✗ No action planned.",
            (4, "prog"): "→ One report received.\n\n✓ The second report is scheduled for September."}),
        "hard": "Chromium (DejaVu Sans): every Progress cell starts with ✓, ✗ or → (real Unicode characters in the text layer), two paragraphs in record 4 each starting with a mark; fills",
        "right": "the marks stay ✓ ✗ → in the progress text (never “• ”); RAG from the fills",
    },
    {
        "name": "symbols-lo-marks", "producer": "lo", "paper": "a4p", "kind": 6,
        "title": "Library services: recommendation tracker", "committee": "Communities Scrutiny Panel",
        "intro": ["The marks in the Progress column: ✔ done, ✘ refused, ➔ under way."],
        "columns": cols("Recommendation", "Response", "Progress"),
        "records": recs("libraries", patch={
            (1, "prog"): "➔ Three branches still close at 5pm.",
            (2, "prog"): "✔ Scheme running in all branches.",
            (3, "prog"): "✘ Book fund cut by 5 per cent in 2024–25.",
            (4, "prog"): "✔ Implemented at six branches."}),
        "font": "Liberation Serif",
        "hard": "LibreOffice Writer (Liberation Serif, so ✔ ✘ ➔ fall back to another font): heavy check/cross marks and a heavy arrow at the start of each Progress cell; fills",
        "right": "marks kept as printed (✔ ✘ ➔), never turned into bullets; RAG from the fills",
    },
    {
        "name": "symbols-zapf-dingbats", "producer": "latex", "paper": "a4p", "kind": 6,
        "title": "Flood resilience: impact tracker", "committee": ENV,
        "intro": ["Marks from the Dingbats font show the position of each recommendation."],
        "columns": cols("Recommendation", "Response", "Progress"),
        "records": recs("flood", patch={
            (1, "prog"): "[[sym:zd-arrow]] Eight of fourteen plans published.",
            (2, "prog"): "[[sym:zd-check]] Complete.",
            (3, "prog"): "[[sym:zd-cross]] No progress.",
            (4, "prog"): "[[sym:zd-arrow]] Outer London mapping starts in 2025."}),
        "hard": "pdfLaTeX pifont: \\ding{51} ✓, \\ding{55} ✗ and \\ding{213} → from the embedded ZapfDingbats (URW D050000L, glyph names a20/a23/a161, no ToUnicode) at the start of the Progress cells",
        "right": "progress starts with ✓ ✗ → (the glyph names' Unicode), never “• ”; RAG from the fills",
    },
    {
        "name": "symbols-wingdings-symbol", "producer": "raw", "paper": "a4p", "kind": 6,
        "title": "Road safety: impact tracker", "committee": TR,
        "columns": cols("Committee’s recommendation", "Response", "Progress"),
        "records": recs("roads", patch={
            (1, "prog"): "[[sym:wd-check]] Complete.",
            (2, "prog"): "[[sym:sy-arrow]] Work finished at 18 junctions.",
            (3, "prog"): "[[sym:zd-heavycheck]] Buses ordered since 2023 fitted.\n\n[[sym:sy-arrow]] Older buses not yet fitted.",
            (4, "prog"): "[[sym:wd-cross]] No progress."}),
        "hard": "PDF operators, Word-style: a Wingdings tick and cross (a Type 3 font named Wingdings whose ToUnicode gives the private-use code points U+F0FC and U+F0FB, as Word's export does), a Symbol-font arrow (standard 14 Symbol, code 0xAE) and a ZapfDingbats heavy check (standard 14 ZapfDingbats, code 0x34)",
        "right": "progress text holds ✓ (U+F0FC), ✗ (U+F0FB), → and ✔ — the Unicode meaning, never the private-use code point or a bullet; RAG from the fills",
    },
    # ------------------------------------------------------------------ 7 label on the last line of a page
    {
        "name": "label-last-line-of-page", "producer": "lo", "paper": "a4p", "kind": 7,
        "title": "Road safety: impact tracker", "committee": TR,
        "columns": cols("Committee’s recommendation", "Response", "Progress"),
        "intro": LONG_INTRO,
        "records": recs("roads") + recs("air", start=5) + recs("flood", start=9),
        "label_last": 10,
        "hard": "LibreOffice Writer: the label line “Recommendation 10” is the last line of page 1 (alone in its cell there, with the first line of the Response); the recommendation text and the rest of the row are on page 2 under the repeated heading row",
        "right": "record 10 has label “Recommendation 10” and its whole text; record 9 ends with its own text (no label appended)",
    },
    {
        "name": "label-last-line-keep-together", "producer": "lo", "paper": "a4p", "kind": 7,
        "title": "Flood resilience: impact tracker", "committee": ENV,
        "intro": LONG_INTRO,
        "columns": cols("Committee’s recommendation", "Response", "Progress"),
        "records": recs("flood") + recs("care", start=5) + recs("roads", start=9),
        "keep_lines": True,
        "label_last": 9,
        "hard": "LibreOffice Writer, cell paragraphs set to keep their lines together (“Do not split paragraph”): the label “Recommendation 9” is the last line of page 1 in its column, beside row 9's whole Response and Progress; its recommendation paragraph moves to page 2, where the row goes on under the repeated heading with text in the first column only",
        "right": "record 9 has label “Recommendation 9” and its whole text; record 8 ends with its own text",
    },
    {
        "name": "label-last-line-no-rules", "producer": "chromium", "paper": "a4p", "kind": 7,
        "title": "Youth services: impact tracker", "committee": "Children and Young People Scrutiny Committee",
        "intro": LONG_INTRO,
        "columns": cols("Recommendation", "Response", "Progress"),
        "records": recs("youth", label="Recommendation {n}") + recs("libraries", label="Recommendation {n}", start=5) + recs("air", label="Recommendation {n}", start=9),
        "rules": "none", "keep_lines": True, "repeat_head": False,
        "label_last": 9,
        "hard": "Chromium, no ruling lines (only a rule under the heading row) and cell paragraphs that do not break (break-inside: avoid): the label “Recommendation 9” is the last line of page 1 in its column, under record 8's text and beside row 9's whole Response and Progress; its recommendation text opens page 2 (heading row not repeated), with only white space to say whose it is",
        "right": "record 9 has label “Recommendation 9” and its whole text; record 8 ends with its own text",
    },
    {
        "name": "label-last-line-alone", "producer": "raw", "paper": "a4p", "kind": 7,
        "title": "Library services: impact tracker", "committee": "Communities Scrutiny Panel",
        "intro": LONG_INTRO,
        "columns": cols("Committee’s recommendation", "Response", "Progress"),
        "records": recs("libraries") + recs("housing", start=5) + recs("air", start=9),
        "keep_lines": True,
        "label_last": 12,
        "hard": "PDF operators: row 12 is split so that page 1 holds only its label line “Recommendation 12” (its paragraphs are not split, so the other cells start on page 2); page 1's fragment of the row has an empty amber Progress cell",
        "right": "record 12 has label “Recommendation 12” and its whole text; record 11 ends with its own text",
    },
    # ------------------------------------------------------------------ 8 text drawn twice, clipped copy
    {
        "name": "text-twice-clipped-band", "producer": "raw", "paper": "a4p", "kind": 8,
        "title": "Flood resilience: impact tracker", "committee": ENV,
        "columns": cols("Committee’s recommendation", "Response", "Progress"),
        "records": recs("flood", patch={(2, "twice"): "resp", (3, "twice"): "rec"}),
        "twice": "band",
        "hard": "PDF operators: the Response of record 2 and the Recommendation of record 3 are drawn twice; the second copy, at the same place, is clipped to a 1.5 pt band through the first line, so the page shows one copy",
        "right": "each text once",
    },
    {
        "name": "text-twice-page-break", "producer": "raw", "paper": "a4p", "kind": 8,
        "title": "Home care workforce: impact tracker", "committee": "Health and Adult Social Care Scrutiny Committee",
        "intro": LONG_INTRO,
        "columns": cols("Committee’s recommendation", "Response", "Progress"),
        "records": recs("care") + recs("housing", start=5) + recs("flood", start=9, patch={(12, "twice"): "row"}),
        "split_row": 12,
        "twice": "pagebreak",
        "hard": "PDF operators: row 12 is split by the page break after two lines; the first line of each of its cells on page 2 is also drawn on page 1, just below the last line there, clipped to a 1.5 pt band at the bottom of the cell (only the tops of tall letters show); page 2 repeats the heading row",
        "right": "record 12 holds each line once (page 1's clipped copy of the next line is not text)",
    },
    {
        "name": "text-twice-clipped-band", "producer": "chromium", "paper": "a4p", "kind": 8,
        "title": "Library services: impact tracker", "committee": "Communities Scrutiny Panel",
        "columns": cols("Recommendation", "Response", "Progress"),
        "records": recs("libraries", patch={(1, "twice"): "resp", (3, "twice"): "prog"}),
        "twice": "css",
        "hard": "Chromium: a copy of record 1's Response and of record 3's Progress sits over the original in an absolutely positioned box 5 px high with overflow: hidden; Chromium emits only the glyphs whose ink reaches that band, so the text layer has fragments (“A”, “t d i”, “t T”, “f th”, “fift”) over the first line, in a later paint layer than the original",
        "overlap_ok": ["1", "3"],
        "right": "each text once (the fragments are not added to any cell)",
    },
    # ------------------------------------------------------------------ 9 unreliable text layer
    {
        "name": "garbage-no-tounicode", "producer": "lo-post", "paper": "a4p", "kind": 9,
        "title": "Air quality around schools: impact tracker", "committee": ENV,
        "columns": cols("Committee’s recommendation", "Response", "Progress"),
        "records": recs("air"),
        "post": "strip",
        "no_records": True,
        "hard": "LibreOffice Writer, then every font's /ToUnicode removed (qpdf): the subset TrueType fonts use codes 1, 2, 3, … so the text layer decodes to control characters; the page looks normal",
        "right": "no records; TRACKER_NOT_FOUND whose message says the text layer cannot be read (TEXT_UNRELIABLE)",
        "expect": {"expectError": "TRACKER_NOT_FOUND", "expectWarning": "TEXT_UNRELIABLE"},
    },
    {
        "name": "garbage-private-use", "producer": "lo-post", "paper": "a4p", "kind": 9,
        "title": "Housing repairs: impact tracker", "committee": "Housing Scrutiny Sub-Committee",
        "columns": cols("Recommendation", "Response", "Progress"),
        "records": recs("housing"),
        "post": "pua",
        "no_records": True,
        "hard": "LibreOffice Writer, then every font's /ToUnicode rewritten to map each code to a private-use code point (U+E000 + code): the text layer is all private-use characters; the page looks normal",
        "right": "no records; TRACKER_NOT_FOUND whose message says the text layer cannot be read (TEXT_UNRELIABLE)",
        "expect": {"expectError": "TRACKER_NOT_FOUND", "expectWarning": "TEXT_UNRELIABLE"},
    },
    {
        "name": "ocr-invisible-layer", "producer": "raw", "paper": "a4p", "kind": 9,
        "title": "Library services: impact tracker", "committee": "Communities Scrutiny Panel",
        "columns": [{"head": "Recommendation", "role": "rec", "w": 34}, {"head": "Response", "role": "resp", "w": 34},
                    {"head": "Progress", "role": "prog", "w": 20}, {"head": "RAG", "role": "rag", "w": 12}],
        "records": [dict(r, cells=r["cells"] + [r["fill"].capitalize()], fill=None, rag=r["fill"], ragSource="column") for r in recs("libraries")],
        "ocr": True,
        "hard": "a scanned page: the tracker is one 150 dpi image (no vector rules or fills); over it an invisible OCR text layer (render mode 3, one Tz-scaled word per box, as ocrmypdf/Tesseract write it) whose words are right",
        "right": "records from the OCR words (RAG from the RAG column's word), with warning TEXT_UNRELIABLE (the text is an invisible layer over an image and may hold OCR errors); the Tr 3 words are not HIDDEN_TEXT",
        "expect": {"expectWarning": "TEXT_UNRELIABLE"},
    },
]
