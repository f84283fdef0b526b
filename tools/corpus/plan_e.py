# Fixture data, part E: harder trackers (built by build_e.py).
#
# Same text conventions as plan_a..d (truth form: "\n\n" between paragraphs,
# "• " bullet lines joined by "\n"; the printed marker is the fixture's
# `bullet`). Extra settings (see build_e.py): `roles` (one per column: no, rec,
# lead, resp, prog, rag), `no_fmt`, `repeat_head`, `valign`, `zebra`,
# `head_align`, `bullet_font`, `page_head`, `page_foot` (LibreOffice),
# `margin_boxes` (Chromium), `tex_foot`, `tex_env`, `hyphens`, `notes_after`.
# Each fixture's `hard` is its row in fixtures/README.md.
#
# Numbered sub-items ("(a) …") are separate paragraphs with a visible gap, so
# the truth has "\n\n" between them.

SHY = "\u00ad"


def shy(w):
    return w.replace("|", SHY)


# ---------------------------------------------------------------------------
# E1  LibreOffice, Word-like

E1_LONG = (
    "Accepted in part. The Mayor agrees that planning enforcement in London is under-resourced, and that the speed and consistency of enforcement action varies widely between boroughs. The Mayor does not, however, have the power to direct boroughs on the resourcing of their planning services, and the GLA has no enforcement powers of its own except in relation to the small number of applications that the Mayor has decided to determine himself.\n\n"
    "In response to the Committee’s report the GLA has taken the following steps, working with London Councils, the Planning Officers’ Society and the Royal Town Planning Institute:\n\n"
    "• it has surveyed every borough on the number of enforcement officers it employs, the number of open cases and the average time taken to close a case;\n"
    "• it has published the results of the survey in the London Planning Enforcement Review (November 2023), together with examples of good practice;\n"
    "• it has set up a pan-London enforcement officers’ network, which met for the first time in January 2024 and now meets every quarter;\n"
    "• it has funded twelve graduate enforcement officer posts through the Public Practice programme, each for two years.\n\n"
    "The survey found that the number of enforcement officers per borough ranges from two to fourteen, and that the median time taken to close a case has risen from 19 weeks in 2019 to 31 weeks in 2023. Boroughs reported that the main causes of delay were a shortage of experienced staff, the time taken to gather evidence for a formal notice, and the number of appeals against notices, which take on average 48 weeks to be decided by the Planning Inspectorate.\n\n"
    "Boroughs also reported that the fees charged for planning applications do not cover the cost of enforcement, which must be met from general funds. Several boroughs said that they had reduced the number of proactive inspections of sites with planning conditions, and now investigate only the cases that are reported to them by residents or councillors.\n\n"
    "The Mayor has written to the Secretary of State asking for planning fees to be set locally, so that boroughs can recover the full cost of their planning services, including enforcement. The Government has since announced that fees for major applications will rise by 35 per cent and fees for other applications by 25 per cent, and that it will consult on allowing authorities to set their own fees. The Mayor has responded to that consultation, supporting local fee-setting and asking for the additional income to be ring-fenced for planning services.\n\n"
    "The Mayor has also asked the Planning Inspectorate to publish the time taken to decide enforcement appeals in London separately from the national figures, and to give priority to appeals where a breach of planning control is causing serious harm to residents, for example where a house in multiple occupation has been created without permission and does not meet space standards.\n\n"
    "The GLA will repeat the borough survey in the autumn of 2024 and every two years after that. The results will be reported to the Committee, together with an assessment of whether the graduate posts have increased the capacity of the boroughs that received them.\n\n"
    "The Committee notes that the GLA has made good use of the powers and funding available to it, but that most of the changes needed are in the hands of the Government and the boroughs. The Committee will return to this recommendation when the results of the second survey are available."
)

E1 = dict(
    name="planning-enforcement-word-symbol-bullets.libreoffice-a4p",
    producer="libreoffice",
    paper="a4", orientation="portrait",
    font="Liberation Serif", size=11,
    rules="grid", shading="progress", pale=True,
    word_like=True, head_colours=("#d9e2f3", "#000000"),
    roles=["rec", "resp", "prog"],
    label="Rec {n}:", label_place="line",
    bullet="\uf0b7", bullet_font="Symbol",
    widths=[32, 46, 22],
    repeat_head=False, valign="middle",
    margin_lr=2.54, margin_tb=2.0,
    page_head=dict(left="", right="Page {page} of {pages}"),
    page_foot=[("Foot", "Planning and Regeneration Committee – Planning enforcement in London"),
               ("Foot", "Recommendation tracker, version 3 (updated 12 March 2024)")],
    title="Planning enforcement in London: recommendation tracker",
    committee="Planning and Regeneration Committee",
    intro=(
        "In July 2023 the Planning and Regeneration Committee published its report “Breaking the Rules: Planning Enforcement in London”. The report made seven recommendations to the Mayor, the boroughs and the Government.\n\n"
        "This tracker records the responses received and the Committee’s assessment of progress. The Progress column is shaded green where a recommendation has been implemented, amber where it has been partly implemented and red where it has been rejected."
    ),
    closing="",
    tables=[dict(heading=None,
                 columns=["Recommendation", "Response", "Progress"],
                 records=[
        dict(rec="The Mayor should publish an annual report on planning enforcement in London, setting out the number of enforcement cases opened and closed by each borough.",
             resp="Accepted. The first London Planning Enforcement Review was published in November 2023 and will be updated every year.",
             prog="Implemented", rag="green"),
        dict(rec="The Mayor should work with boroughs to improve the recruitment and retention of planning enforcement officers, including through the Public Practice programme.",
             resp="The GLA has funded twelve graduate enforcement officer posts. Boroughs report that retention remains difficult because salaries in the private sector are higher.",
             prog="Partly implemented", rag="amber"),
        dict(rec="The Government should allow local planning authorities to set their own planning fees, so that they can recover the full cost of their planning services, including enforcement.",
             resp=E1_LONG,
             prog="Partly implemented – the Government has raised fees nationally but has not yet allowed local fee-setting", rag="amber"),
        dict(rec="Boroughs should publish a local enforcement plan, setting out how they will prioritise cases and how long residents can expect to wait for a decision.",
             resp="Twenty-one boroughs have published a local enforcement plan. London Councils has circulated a template to the remaining boroughs.",
             prog="Partly implemented", rag="amber"),
        dict(rec="The Government should increase the maximum fine for breaching an enforcement notice, which has not been changed since 1990.",
             resp="The Levelling-up and Regeneration Act 2023 removed the cap on fines for breaching a planning enforcement notice in England and Wales.",
             prog="Implemented", rag="green"),
        dict(rec="The Mayor should include enforcement in the London Plan monitoring report.",
             resp="The Mayor does not consider this appropriate, because the London Plan monitoring report covers the policies of the Plan, and enforcement is a matter for the boroughs.",
             prog="Rejected", rag="red"),
        dict(rec="The Mayor should respond to this report by October 2023, and report on progress annually.",
             resp="The Mayor responded on 29 September 2023.\n\nThe GLA has agreed to report on progress every year.",
             prog="Implemented", rag="green"),
    ])],
    hard="Word-like document: Liberation Serif 11pt, black grid, pale-blue heading row NOT repeated on pages 2–3; Symbol-font bullets (U+F0B7, truth “• ”); labels “Rec 1:” on their own line (truth “Rec 1”); Rec 3’s Response cell crosses two page breaks (pages 1→2→3); cells vertically centred (short Progress words such as “Implemented” sit mid-row beside taller Recommendation cells; LibreOffice top-aligns the split Rec 3 row, so its Progress text is at the top of page 1); page number “Page N of M” top right and a two-line running footer",
)


# ---------------------------------------------------------------------------
# E2  LibreOffice, number column, footnote line on every page

E2 = dict(
    name="policing-number-column-footnotes.libreoffice-a4l",
    producer="libreoffice",
    paper="a4", orientation="landscape",
    font="Liberation Sans", size=9,
    rules="horizontal", shading=None, pale=False,
    head_colours=("#ffffff", "#000000"),
    roles=["no", "rec", "resp", "prog"],
    no_fmt="{n}.", label=None,
    widths=[5, 33, 42, 20],
    repeat_head=False, valign="top", cell_gap=0.2,
    margin_lr=1.8, margin_tb=1.6,
    gap_before_table=0.2,
    page_head=dict(left="", right="Page {page}"),
    page_foot=[("FootNote", "* Source: GLA analysis of Metropolitan Police Service data, 2019–2023"),
               ("Foot", "Police and Crime Committee: Neighbourhood policing in London"),
               ("Foot", "Response tracker – position at 31 January 2024")],
    title="Neighbourhood policing: response tracker",
    committee="Police and Crime Committee",
    intro=(
        "The Committee’s investigation into neighbourhood policing reported in March 2023. It found that the number of officers working in London’s Safer Neighbourhood teams fell by 27%* between 2019 and 2023, and that many wards no longer have the two dedicated ward officers and one police community support officer promised in the Police and Crime Plan.\n\n"
        "The table sets out each recommendation, the response of the Mayor’s Office for Policing and Crime (MOPAC) or the Metropolitan Police Service (the Met), and the Committee’s view of progress."
    ),
    closing="The Committee will review progress again in the autumn of 2024. Comments on this tracker can be sent to the Committee’s clerk at policeandcrime@london.gov.uk.",
    tables=[dict(heading=None,
                 columns=["No.", "Recommendation", "Response", "Progress"],
                 records=[
        dict(rec="MOPAC and the Met should restore the ward policing model set out in the Police and Crime Plan, so that every ward has:\n\n(a) two dedicated ward officers;\n\n(b) one police community support officer; and\n\n(c) a named sergeant responsible for the ward.",
             resp="The Met has committed to recruiting 500 additional police community support officers by April 2025 and to ring-fencing dedicated ward officers from abstraction to other duties, except in an emergency.\n\nAs at December 2023, 71% of wards had two dedicated ward officers, up from 64% a year earlier.",
             prog="In progress"),
        dict(rec="The Met should publish monthly data on the abstraction of dedicated ward officers to other duties, by borough.",
             resp="The Met publishes this data quarterly on the MOPAC website (https://www.london.gov.uk/mopac-data). It has not agreed to publish monthly figures.",
             prog="Partly accepted"),
        dict(rec="MOPAC should evaluate the “Safer Streets” pilot in Lambeth and Southwark before it is extended to other boroughs.",
             resp="MOPAC commissioned an independent evaluation, which found a 12% fall in reported anti-social behaviour in the pilot wards. The pilot has been extended to six more boroughs.",
             prog="Complete"),
        dict(rec="The Mayor should set out how the £18.5 million allocated to neighbourhood policing in the 2023–24 budget will be spent, and how its impact will be measured.",
             resp="The Mayor’s budget for 2024–25 includes a breakdown of the £18.5 million:\n\n(a) £11.2 million for additional police community support officers;\n\n(b) £4.8 million for the recruitment and training of dedicated ward officers;\n\n(c) £2.5 million for community engagement, including ward panels and “Walk and Talk” events.\n\nMOPAC will report on the impact of the funding in its annual report.",
             prog="Complete"),
        dict(rec="The Met should ensure that every ward panel meets at least four times a year and that the minutes of its meetings are published online.",
             resp="The Met said that ward panels are independent of the police and that it cannot require them to publish minutes. It has issued guidance encouraging panels to do so.",
             prog="Not accepted"),
        dict(rec="MOPAC should commission an annual survey of public confidence in neighbourhood policing in every ward, and publish the results.",
             resp="MOPAC’s Public Attitude Survey already measures confidence in local policing, but the sample is too small to give reliable results for every ward. MOPAC will publish results by borough from April 2024.",
             prog="Partly accepted"),
        dict(rec="The Met should make it easier for residents to contact their ward officers, including by email and through social media.",
             resp="Every ward now has a dedicated email address in the form ward.name@met.police.uk and the contact details of each ward team are listed on the Met’s website. 43 ward teams have social media accounts.",
             prog="Complete"),
        dict(rec="The Met should review the training provided to dedicated ward officers on problem-solving and partnership working, and report back to the Committee by September 2023.",
             resp="The review was completed in August 2023. It recommended:\n\n(a) a new two-day course on problem-oriented policing for every dedicated ward officer;\n\n(b) joint training with borough community safety teams.\n\nThe new course began in January 2024.",
             prog="In progress"),
        dict(rec="MOPAC should report to the Committee every six months on progress against these recommendations.",
             resp="Accepted. The first report was received in October 2023.",
             prog="Complete"),
        dict(rec="The Mayor should respond to this report within two months of publication.",
             resp="The Mayor’s response was received on 24 May 2023.",
             prog="Complete"),
    ])],
    hard="“No. | Recommendation | Response | Progress”: numbers “1.”–“10.” in their own bold column (truth id = label = “1”); heading row NOT repeated on page 2; row 6 begins on the very last line of page 1 (one line of each cell, Progress “Partly accepted” complete there, with a rule drawn under it) and continues on page 2; horizontal rules only, white heading row; no shading (rag null); (a)/(b)/(c) sub-items as separate paragraphs in Recommendation and Response cells; footnote-style line “* Source: …” above a two-line running footer on every page, page number top right; URL, email addresses, %, £ amounts and curly quotes in cells; closing paragraph with an email after the table",
)


# ---------------------------------------------------------------------------
# E3  LibreOffice, Letter landscape 8pt, five columns with Lead and RAG

E3 = dict(
    name="economy-lead-column-middle.libreoffice-letter-l",
    producer="libreoffice",
    paper="letter", orientation="landscape",
    font="Liberation Sans", size=8,
    rules="grid", shading="rag", pale=False,
    head_colours=("#4a4a4a", "#ffffff"), head_align="center",
    roles=["rec", "lead", "resp", "prog", "rag"],
    label="Recommendation {n}:", label_place="inline",
    widths=[30, 9, 37, 16, 8],
    repeat_head=True, valign="middle", zebra=True,
    margin_lr=1.5, margin_tb=1.4,
    gap_before_table=0.2,
    page_head=dict(left="London Assembly Economy, Culture and Skills Committee", right="{page}"),
    page_foot=[("FootC", "Cost of living: support for small businesses – recommendation tracker")],
    title="Cost of living and London’s small businesses: recommendation tracker",
    committee="Economy, Culture and Skills Committee",
    intro=(
        "The Committee’s report “Keeping the Lights On” (February 2023) looked at the effect of rising energy costs, inflation and interest rates on London’s small and medium-sized enterprises (SMEs). It made twelve recommendations. The Lead column shows the organisation responsible for each one; the RAG column gives the Committee’s rating as at March 2024."
    ),
    closing="Ratings: Green – implemented or substantially implemented; Amber – partly implemented or in progress; Red – not accepted or no progress.",
    tables=[dict(heading=None,
                 columns=["Recommendation", "Lead", "Response", "Progress", "RAG"],
                 records=[
        dict(rec="The Mayor should extend the London Business Hub’s energy advice service so that every small business in London can get free, impartial advice on reducing its energy bills.",
             lead="GLA", resp="The energy advice service was extended in April 2023 and has since advised 3,420 businesses. An evaluation found average savings of £1,850 a year per business.",
             prog="Implemented.", rag="green"),
        dict(rec="The Government should extend the Energy Bill Relief Scheme for small businesses beyond March 2023.",
             lead="DESNZ", resp="The Government replaced the scheme with the less generous Energy Bills Discount Scheme, which ran until March 2024.",
             prog="Partly implemented.", rag="amber"),
        dict(rec="The Mayor should work with the boroughs to introduce a London-wide “shop local” campaign in the run-up to Christmas 2023.",
             lead="GLA / boroughs", resp="The “Love Local London” campaign ran from 20 November to 31 December 2023, with 28 boroughs taking part.\n\nFootfall on the high streets taking part was 6.2% higher than in the same period of 2022.",
             prog="Implemented.", rag="green"),
        dict(rec="The Government should reform business rates so that small businesses in London are not penalised by the higher rateable values of property in the capital.",
             lead="HM Treasury", resp="The Government froze the small business multiplier for 2024–25 but has not committed to wider reform.",
             prog="Limited progress.", rag="red"),
        dict(rec="The Mayor should publish quarterly data on the number of small business insolvencies in London, by borough and sector.",
             lead="GLA Economics", resp="GLA Economics now publishes this data quarterly at https://data.london.gov.uk/economy/insolvencies. The most recent release shows 1,214 insolvencies in the third quarter of 2023, 14% more than a year earlier.",
             prog="Implemented.", rag="green"),
        dict(rec="The Mayor should use the London Growth Plan to set out a long-term strategy for supporting SMEs, including:\n\n• access to finance;\n• skills and recruitment;\n• affordable workspace.",
             lead="GLA", resp="The London Growth Plan is being developed with London Councils and business organisations and will be published in the autumn of 2024.",
             prog="In progress.", rag="amber"),
        dict(rec="The Mayor should increase the number of affordable workspaces secured through the planning system.",
             lead="GLA / boroughs", resp="The Mayor said that affordable workspace policies in the London Plan are a matter for boroughs to apply. The GLA’s workspace map lists 312 affordable workspaces, up from 276 in 2022.",
             prog="Some progress.", rag="amber"),
        dict(rec="Transport for London should review the impact of the Ultra Low Emission Zone expansion on small businesses in outer London, and increase the scrappage scheme grants for vans.",
             lead="TfL", resp="TfL increased the grant for scrapping a van from £5,000 to £7,000 in July 2023, and made every small business with fewer than 50 employees eligible. An impact assessment will be published in 2024.",
             prog="Largely implemented.", rag="green"),
        dict(rec="The Government should provide a dedicated fund for the high streets most affected by the cost-of-living crisis.",
             lead="DLUHC", resp="The Government has no plans to introduce a new fund. It pointed to the UK Shared Prosperity Fund, from which London receives £144 million over three years.",
             prog="Not accepted.", rag="red"),
        dict(rec="The Mayor should ensure that the London Business Hub offers mental health and wellbeing support to small business owners.",
             lead="GLA", resp="The Hub has partnered with a charity to offer six free counselling sessions to business owners. 418 owners used the service in 2023.",
             prog="Implemented.", rag="green"),
        dict(rec="London Councils should encourage boroughs to pay small suppliers within ten working days.",
             lead="London Councils", resp="London Councils has written to every borough. Eleven boroughs have adopted a ten-day payment target; others pay within thirty days.",
             prog="Partly implemented.", rag="amber"),
        dict(rec="The Mayor should report back to the Committee on progress against these recommendations by March 2024.",
             lead="GLA", resp="The Mayor’s update was received on 8 March 2024.",
             prog="Implemented.", rag="green"),
    ])],
    hard="Letter landscape 8pt; five columns “Recommendation | Lead | Response | Progress | RAG” (Lead to be ignored; RAG column with word + strong shading); centred white-on-dark heading text, repeated on page 2; zebra (pale grey) shading on alternate rows in every cell but the RAG cell; cells vertically centred, so short Progress/Lead/RAG words sit mid-row; inline bold labels “Recommendation 1:” followed by the text; row “Recommendation 10” splits 2 lines / 1 line over pages 1–2, under the repeated heading; bullet list inside a Recommendation cell; URL, £ and % in cells; page number alone at top right; closing key paragraph",
)


# ---------------------------------------------------------------------------
# E4  Chromium, no rules, zebra, centred headings, RAG column, not repeated

E4 = dict(
    name="waste-zebra-no-rules.chromium-a4p",
    producer="chromium",
    paper="a4", orientation="portrait",
    font="Liberation Sans", size=9.5,
    rules="none", shading="rag", pale=True,
    head_css="background: none; color: #000; border-bottom: none;", head_align="center",
    roles=["rec", "resp", "prog", "rag"],
    label="Recommendation {n}", label_place="line",
    widths=[34, 36, 19, 11],
    repeat_head=False, valign="top", zebra=True, hyphens=True, lang="en",
    pad="5pt 7pt 6pt 7pt",
    page_margin="18mm 15mm 18mm 15mm",
    margin_boxes={"bottom-right": "{page}"},
    title="Waste and recycling: recommendation tracker",
    committee="Environment Committee",
    intro=(
        "The Environment Committee’s report on household waste and recycling in London was published in September 2022. London’s household recycling rate has been stuck at around 33% for a decade, well below the Mayor’s target of 65% of municipal waste by 2030.\n\n"
        "This tracker shows the response to each recommendation and its status. The RAG column is coloured green (achieved), amber (partly achieved or in progress) or red (not achieved)."
    ),
    closing="",
    tables=[dict(heading=None,
                 columns=["Recommendation", "Response", "Progress", "RAG"],
                 records=[
        dict(rec=f"The Mayor should publish a revised {shy('im|ple|men|ta|tion')} plan for the London Environment Strategy’s waste targets, with interim targets for each borough.",
             resp=f"The Mayor published a revised plan in March 2023. Boroughs’ Reduction and Recycling Plans for 2023–2025 include interim targets that, taken together, would raise London’s recycling rate to 42% by 2026.",
             prog="Achieved; monitoring continues.", rag="green"),
        dict(rec=f"The Government should confirm the timetable for the introduction of consistent recycling collections and a deposit return scheme for drinks containers.",
             resp=f"The Government confirmed in October 2023 that “Simpler Recycling” will apply to households from March 2026. The deposit return scheme has been delayed until October 2027.",
             prog="Partly achieved.", rag="amber"),
        dict(rec=f"Boroughs should introduce separate weekly food waste collections for all households, including those in flats, by 2025.",
             resp=f"Twenty-six boroughs collect food waste from all kerbside properties, but only nine offer a service to most flats. London Councils has asked the Government for {shy('ad|di|tion|al')} funding for flats.",
             prog="In progress; flats remain a problem.", rag="amber"),
        dict(rec=f"The Mayor should use ReLondon to fund {shy('re|fur|bish|ment')} and repair hubs in every sub-region of London.",
             resp=f"ReLondon has funded five repair hubs, one in each sub-region, with grants of between £40,000 and £75,000. The hubs repaired 11,600 items in their first year.",
             prog="Achieved.", rag="green"),
        dict(rec=f"The Mayor should not approve new {shy('in|cin|er|a|tion')} capacity in London.",
             resp=f"The Mayor said that he has limited powers to refuse applications for incinerators that meet the London Plan’s carbon intensity floor. He has asked the Government for a {shy('mor|a|to|ri|um')} on new incinerators.",
             prog="Not achieved.", rag="red"),
        dict(rec=f"ReLondon should publish an annual report on the {shy('per|for|mance')} of every London borough against its recycling target.",
             resp=f"ReLondon publishes a dashboard (www.relondon.gov.uk/resources/dashboard) with quarterly figures for each borough. The Committee welcomes this, but notes that the data is published with a nine-month delay.",
             prog="Achieved.", rag="green"),
        dict(rec=f"The Government should provide new burdens funding to cover the full cost of the new {shy('stat|u|to|ry')} collection duties.",
             resp=f"The Government said that it will fund the {shy('rea|son|able')} additional costs of food waste collections, including the first set of containers and vehicles. London was allocated £21.3 million of capital funding, which boroughs say is less than half of what they need.\n\nThe Government has not yet set out the revenue funding it will provide from 2026.",
             prog="Partly achieved.", rag="amber"),
        dict(rec=f"The Mayor should run a London-wide {shy('com|mu|ni|ca|tions')} campaign on what can and cannot be recycled.",
             resp=f"The “London Recycles” campaign has been relaunched with a budget of £1.2 million. Its website received 480,000 visits in 2023.",
             prog="Achieved.", rag="green"),
        dict(rec=f"Boroughs should stop charging for the collection of bulky waste from households on low incomes.",
             resp=f"Only seven boroughs offer free or {shy('dis|count|ed')} collections to households on low incomes. London Councils does not support a London-wide policy.",
             prog="Little progress.", rag="red"),
    ])],
    hard="no ruling lines at all; centred heading text (th default) NOT repeated on page 2 (thead as row-group); zebra (pale grey) shading on alternate rows, with pale RAG shading only in the separate RAG column (word + colour); CSS hyphens:auto with lang=en in narrow columns (this Chromium build has no hyphenation dictionary, so the visible hyphen breaks come from soft hyphens in long words); page number only, bottom right; URL and £/%/curly quotes in cells",
)


# ---------------------------------------------------------------------------
# E5  Chromium, number column, vertically centred, one cell over 3 pages

E5_LONG = (
    "Transport for London (TfL) accepts this recommendation. TfL’s Bus Action Plan (March 2022) committed to improving the safety, reliability and accessibility of the bus network, and the Committee’s report has helped to shape the second phase of that work.\n\n"
    "Since the Committee reported, TfL has:\n\n"
    "• completed an audit of the 19,000 bus stops it is responsible for, which found that 93.1% are fully accessible to wheelchair users, up from 88.7% in 2019;\n"
    "• begun a programme to make a further 650 stops fully accessible by March 2025, at a cost of £8.6 million;\n"
    "• published its “Bus Stop Design Guidance” (https://tfl.gov.uk/info-for/urban-planning-and-construction/bus-stops), which boroughs must follow when they move or rebuild a stop;\n"
    "• introduced audio-visual announcements of the next stop on every bus in London.\n\n"
    "The audit also found that 1,412 stops are in places where the pavement is too narrow to allow a wheelchair user to board safely, and that 380 stops have no shelter because the pavement is too narrow or because the frontager has objected. TfL is working with the boroughs concerned to widen the pavement where possible, but says that in many cases this would require the removal of parking bays or a loading bay, which the borough would need to consult on.\n\n"
    "TfL’s bus priority programme has delivered 23.4 km of new bus lanes since 2022, against a target of 25 km by March 2025. Average bus speeds in central London have fallen from 9.3 mph to 9.0 mph over the same period, largely because of roadworks and the growth in delivery traffic. TfL says that without the new bus lanes the fall would have been larger.\n\n"
    "On safety, the number of people killed or seriously injured in collisions involving buses fell from 271 in 2019 to 195 in 2023, a fall of 28%. Every new bus now meets TfL’s Bus Safety Standard, which requires features such as intelligent speed assistance, improved mirrors and a camera monitoring system, and 2,900 older buses have been retrofitted with some of these features. TfL’s target is that nobody is killed in or by a London bus by 2030.\n\n"
    "The Committee asked TfL to set out how it involves disabled Londoners in the design of the bus network. TfL said that its Independent Disability Advisory Group reviews every major change, and that it has held 14 workshops with disabled people’s organisations since 2022. Transport for All told the Committee that these workshops are welcome, but that disabled people are still too often consulted only after decisions have been made.\n\n"
    "TfL’s Customer Service team received 4,870 complaints about bus stops and accessibility in 2023, 11% fewer than in 2022. The most common complaints were about buses not pulling in close to the kerb (1,320 complaints), ramps not being deployed (960) and drivers not waiting for passengers to sit down before pulling away (744). TfL has introduced new training for every driver on these issues, delivered through the “Hop on, Hold on” programme.\n\n"
    "TfL says that it will report on progress to the Committee every six months. Questions about the programme can be sent to busaccessibility@tfl.gov.uk.\n\n"
    "The Committee welcomes the progress made, but notes that the target for new bus lanes has not yet been met, that bus speeds are still falling and that one stop in every fourteen is still not fully accessible. It will continue to monitor this recommendation."
)

E5 = dict(
    name="bus-network-number-column-middle.chromium-letter-p",
    producer="chromium",
    paper="letter", orientation="portrait",
    font="DejaVu Sans", size=9,
    rules="grid", shading="progress", pale=False,
    head_css="background: #dddddd; color: #000;",
    roles=["no", "rec", "resp", "prog"],
    no_fmt="{n}.", label=None,
    widths=[6, 30, 44, 20],
    repeat_head=False, valign="middle",
    cell_gap=6,
    page_margin="22mm 16mm 26mm 16mm",
    margin_boxes={"top-right": "Page {page} of {pages}",
                  "bottom-left": "* Source: GLA analysis of TfL data\nTransport Committee – Buses in outer London: response tracker\nLast updated 5 February 2024"},
    title="Buses in outer London: response tracker",
    committee="Transport Committee",
    intro=(
        "The Transport Committee’s report on bus services in outer London was published in June 2023. It found that bus journeys in outer London had recovered to 86%* of their pre-pandemic level, compared with 78%* in central London, but that passengers were concerned about reliability, safety and the accessibility of bus stops.\n\n"
        "The Committee made eight recommendations to the Mayor and TfL. The table shows each recommendation, TfL’s response and the Committee’s assessment of progress. Progress is shaded green (complete), amber (in progress) or red (not accepted)."
    ),
    closing="",
    tables=[dict(heading=None,
                 columns=["No.", "Recommendation", "Response", "Progress"],
                 records=[
        dict(rec="TfL should publish its criteria for changing bus routes in outer London, including how it weighs journey times against the number of passengers who would need to change buses.",
             resp="TfL published its “Bus Network Planning Principles” in September 2023.",
             prog="Complete", rag="green"),
        dict(rec="The Mayor should protect the bus network in outer London from cuts, and restore the services reduced in 2022.",
             resp="The Mayor has committed to no further reductions in outer London. Of the 18 routes reduced in 2022, six have been restored to their previous frequency.",
             prog="In progress", rag="amber"),
        dict(rec="TfL should make bus stops safer and more accessible, and report to the Committee on:\n\n(a) the number of bus stops that are fully accessible;\n\n(b) progress in delivering new bus lanes; and\n\n(c) the number of people killed or seriously injured in collisions involving buses.",
             resp=E5_LONG,
             prog="In progress – see the six-monthly report", rag="amber"),
        dict(rec="TfL should extend the Superloop express bus network to every outer London borough.",
             resp="The Superloop network was completed in March 2024 and serves every outer London borough except Kingston, which will be served by a new route from 2025.",
             prog="Largely complete", rag="green"),
        dict(rec="The Mayor should lobby the Government for a long-term funding settlement for TfL that allows it to plan bus services more than one year ahead.",
             resp="The Mayor has written to the Secretary of State, but the Government has agreed funding for 2024–25 only.",
             prog="Not achieved", rag="red"),
        dict(rec="TfL should make the “Hopper” fare available on contactless payment cards issued outside the UK.",
             resp="Accepted. The change was made in November 2023.",
             prog="Complete", rag="green"),
        dict(rec="TfL should consult bus users in outer London on a new demand-responsive service for areas with poor public transport accessibility.",
             resp="TfL does not plan to introduce demand-responsive services, because the trials in Sutton and Ealing cost £22 per passenger journey, compared with £1.25 on a conventional bus.",
             prog="Not accepted", rag="red"),
        dict(rec="TfL should report back to the Committee by March 2024.",
             resp="TfL’s first six-monthly report was received on 29 January 2024.",
             prog="Complete", rag="green"),
    ])],
    hard="“No. | Recommendation | Response | Progress” with the numbers “1.”–“8.” in their own column; heading row NOT repeated (thead as row-group); vertical-align: middle in every cell, so numbers and short Progress words sit mid-row (Chromium top-aligns the fragmented row 3, and a thin empty shaded fragment of it opens page 3); row 3’s Response cell crosses two page breaks (pages 1→2→3) with a bullet list; (a)/(b)/(c) sub-items as separate paragraphs; “Page N of M” top right; footnote line “* Source: …” plus a two-line running footer in the bottom margin of every page; URLs, emails, %, £ and curly quotes in cells; asterisks in the intro kept in the truth",
)


# ---------------------------------------------------------------------------
# E6  Chromium, Letter landscape 8pt, five columns with Lead and RAG

E6 = dict(
    name="skills-lead-column-hyphens.chromium-letter-l",
    producer="chromium",
    paper="letter", orientation="landscape",
    font="Liberation Serif", size=8,
    rules="horizontal", shading="rag", pale=True,
    head_css="background: #e7e6e6; color: #000; border-top: 1.5pt solid #000; border-bottom: 1.5pt solid #000;",
    roles=["rec", "lead", "resp", "prog", "rag"],
    label="R{n}", label_place="line",
    widths=[24, 8, 40, 20, 8],
    repeat_head=True, valign="top", hyphens=True, lang="en",
    line_height=1.25,
    page_margin="14mm 14mm 16mm 14mm",
    gap_before_table=60,
    margin_boxes={"bottom-center": "Page {page} of {pages}"},
    title="Adult education and skills: recommendation tracker",
    committee="Economy, Culture and Skills Committee",
    intro=(
        "This tracker follows up the fourteen recommendations of the Committee’s report “Skills for a Fairer London” (April 2023). For each recommendation it gives the lead organisation, the response received, the Committee’s summary of progress and a RAG rating."
    ),
    closing="Key: Green – complete; Amber – in progress or partly complete; Red – rejected or stalled.\n\nThe Committee will publish an updated tracker in October 2024.",
    tables=[dict(heading=None,
                 columns=["Recommendation", "Lead", "Response", "Progress", "RAG"],
                 records=[
        dict(rec="The Mayor should ring-fence part of the Adult Education Budget (AEB) for courses that lead to jobs in sectors with skills shortages.",
             lead="GLA", resp="The Mayor has allocated £25 million a year of the AEB to the “Good Work” sector programmes in construction, digital, health and social care, and the creative industries.",
             prog="Complete.", rag="green"),
        dict(rec=f"The Mayor should publish {shy('out|come')} data for every AEB provider, including the proportion of learners who move into work or further learning.",
             lead="GLA", resp="The GLA published provider-level outcome data for 2021–22 in November 2023. It shows that 61% of learners on courses funded by the AEB were in work or learning six months after finishing their course.",
             prog="Complete.", rag="green"),
        dict(rec="The Government should devolve the whole of the skills budget for over-19s to the Mayor, including the budgets for Free Courses for Jobs and Skills Bootcamps.",
             lead="DfE", resp="Free Courses for Jobs was devolved from April 2023. The Government has agreed in principle to devolve Skills Bootcamps from 2025 as part of the trailblazer devolution deal.",
             prog="Partly complete.", rag="amber"),
        dict(rec=f"The Mayor should work with further education colleges to improve the pay and {shy('re|ten|tion')} of lecturers in subjects with shortages, such as engineering and construction.",
             lead="GLA / colleges", resp="The Mayor said that lecturers’ pay is a matter for colleges and the Government. The GLA has funded a £3 million pilot of “golden hellos” of up to £6,000 for new lecturers in shortage subjects.",
             prog="Some progress.", rag="amber"),
        dict(rec="The Mayor should set a target for the number of disabled Londoners supported into work through the AEB.",
             lead="GLA", resp="The Mayor has not set a target, but AEB providers must now report the outcomes of disabled learners separately.",
             prog="Rejected.", rag="red"),
        dict(rec="The Mayor should expand the Mayor’s Skills Academies programme to cover the green economy.",
             lead="GLA", resp="A Green Skills Academy was launched in June 2023 with eight hubs across London, focusing on retrofit, heat pumps and electric vehicle maintenance.",
             prog="Complete.", rag="green"),
        dict(rec="London Councils should map the adult community learning provided by each borough and identify gaps.",
             lead="London Councils", resp="The mapping exercise found that provision is concentrated in inner London and that four outer London boroughs offer fewer than 500 places a year.\n\nLondon Councils will use the findings to target new funding.",
             prog="In progress.", rag="amber"),
        dict(rec=f"The Mayor should make ESOL (English for Speakers of Other Languages) courses free for every {shy('learn|er')} regardless of their employment status.",
             lead="GLA", resp="ESOL courses funded by the AEB have been free for all learners since August 2023, including those in work earning more than the London Living Wage.",
             prog="Complete.", rag="green"),
        dict(rec="The Government should reform the Apprenticeship Levy so that employers can use it for shorter courses.",
             lead="DfE", resp="The Government has no plans to reform the levy.",
             prog="Rejected.", rag="red"),
        dict(rec="The Mayor should fund an independent careers advice service for adults, linked to the National Careers Service.",
             lead="GLA", resp="The GLA has funded a pilot in six boroughs, delivered by the charity “Careers London”. An evaluation will be published in the summer of 2024.",
             prog="Pilot under way.", rag="amber"),
        dict(rec="The Mayor should report annually on the number of Londoners who achieve a Level 3 qualification through the AEB.",
             lead="GLA", resp="Included in the GLA’s annual AEB performance report from 2023.",
             prog="Complete.", rag="green"),
        dict(rec=f"The GLA should review the {shy('ac|ces|si|bil|i|ty')} of its online skills portal for disabled Londoners.",
             lead="GLA", resp="The review found 43 accessibility issues, of which 38 have been fixed. The remaining five will be fixed when the portal is rebuilt in 2024.",
             prog="Mostly complete.", rag="amber"),
        dict(rec="The Government should provide multi-year funding for adult education.",
             lead="DfE / HM Treasury", resp="The Government has not responded to this recommendation.",
             prog="No response.", rag="red"),
        dict(rec="The Mayor should respond within two months.",
             lead="GLA", resp="The Mayor responded on 22 June 2023.",
             prog="Complete.", rag="green"),
    ])],
    hard="Letter landscape 8pt serif; five columns “Recommendation | Lead | Response | Progress | RAG” (Lead to be ignored); pale RAG column; heading row repeated on page 2; R labels on their own line; extra space above the table so that row R7 starts on the last two lines of page 1 (label “R7” and one text line; Lead “London Councils” split 1+1) and continues on page 2; hyphens:auto/lang=en narrow columns with soft hyphens in long words; closing paragraphs after the table; page number centred at the bottom",
)


# ---------------------------------------------------------------------------
# E7  LaTeX, xltabular (tabularx X columns over pages), Palatino 11pt

E7 = dict(
    name="health-inequalities-xltabular-palatino.latex-a4p",
    producer="latex",
    paper="a4", orientation="portrait",
    font="palatino", size=11,
    rules="booktabs", shading=None, pale=False,
    tex_env="xltabular",
    roles=["no", "rec", "resp", "prog"],
    no_fmt="{n}.", label=None,
    widths=["0.55cm", "X", "X", "2.9cm"],
    repeat_head=False, valign="top",
    geometry="margin=2.3cm,top=2.6cm,bottom=2.8cm,headsep=0.8cm",
    page_head=dict(right="Page {page} of {pages}"),
    tex_foot=dict(left="London Assembly Health Committee\nTracking the response to “Unequal Lives” (2023)"),
    foot_rule=True,
    title="Health inequalities in London: tracking our recommendations",
    committee="Health Committee",
    intro=(
        "The Health Committee’s cross-party investigation “Unequal Lives” reported in May 2023. It found that the gap in healthy life expectancy between the most affluent and the most deprived parts of London is more than fifteen years, and that the long-term effects of the pandemic and of the rise in the cost of living have made the gap wider.\n\n"
        "The Committee made nine recommendations to the Mayor, the NHS in London and the Government. The table below gives each recommendation, the response received and the Committee’s assessment of progress. Where a recommendation has several parts, the parts are listed separately."
    ),
    closing="The Committee is grateful to the officers of the GLA Health Team and the Office for Health Improvement and Disparities for their assistance in preparing this tracker.",
    tables=[dict(heading=None,
                 columns=["No.", "Recommendation", "Response", "Progress"],
                 records=[
        dict(rec="The Mayor should publish a health inequalities strategy action plan for the period 2024–2026, with measurable targets for reducing the gap in healthy life expectancy.",
             resp="The Mayor published a new Health Inequalities Action Plan in January 2024, covering the period 2024–2026. It includes eleven indicators, but the Committee notes that only four of them have numerical targets, and that the plan does not set a target for healthy life expectancy itself.",
             prog="Partly implemented; the Committee will return to the question of targets."),
        dict(rec="The NHS in London should ensure that every integrated care board has a dedicated, sufficiently resourced team for reducing health inequalities, with:\n\n(a) a named executive lead;\n\n(b) a ring-fenced budget; and\n\n(c) a duty to report to its integrated care partnership every year.",
             resp="All five integrated care boards in London have a named executive lead for health inequalities. Three have a ring-fenced budget; the other two said that their budgets were insufficient to ring-fence funding in 2023–24 but that they would do so from 2024–25.\n\nEvery board now reports annually to its integrated care partnership.",
             prog="Largely implemented."),
        dict(rec="The Mayor should make the well-being of Londoners on low incomes a cross-cutting priority of the London Recovery Programme, and report on progress every year.",
             resp="The Mayor said that the Recovery Programme has ended, but that its successor, the London Growth Plan, will include a well-being objective. Officers told the Committee that the plan is expected to be published in the autumn.",
             prog="Overtaken by events; the Committee will follow up."),
        dict(rec="The Government should restore the public health grant to its 2015–16 level in real terms, and distribute it according to need.",
             resp="The Government increased the grant by 1.3% for 2024–25. The Health Foundation estimates that this leaves the grant 28% below its 2015–16 level in real terms, after allowing for inflation and population growth.",
             prog="Not implemented."),
        dict(rec="The Mayor should work with the boroughs to offer free swimming and other physical activity sessions to children in the most deprived areas during the school holidays.",
             resp="The Mayor’s “Active Summer” programme offered 46,000 free sessions in 2023, in partnership with 19 boroughs. The programme was oversubscribed in fourteen boroughs, and the GLA has agreed to offer additional funding for the summer of 2024.",
             prog="Implemented."),
        dict(rec="The NHS in London should publish data on waiting times for hospital treatment by ethnicity and by the deprivation of the patient’s neighbourhood.",
             resp="NHS England (London) published a first analysis in October 2023, which found that patients from the most deprived neighbourhoods wait on average 2.3 weeks longer for planned treatment than those from the least deprived. It has agreed to publish the analysis every six months.",
             prog="Implemented."),
        dict(rec="The Mayor should ensure that the long-term evaluation of the universal free school meals programme measures its effect on children’s health and well-being.",
             resp="The evaluation, by the Institute for Fiscal Studies and the Education Policy Institute, will measure effects on attendance, attainment and body mass index. The Mayor said that it would be difficult to measure well-being reliably in the time available.",
             prog="Partly implemented."),
        dict(rec="The Mayor should lobby the Government to make the Household Support Fund permanent, so that boroughs can plan long-term support for families in difficulty.",
             resp="The Mayor wrote to the Chancellor in November 2023. The fund has been extended to September 2024 only, which the boroughs say makes it very difficult to offer sufficient support or to retain the staff who run the scheme.",
             prog="Not implemented; outside the Mayor’s control."),
        dict(rec="The Mayor should report back to the Committee on progress against these recommendations within twelve months.",
             resp="The Mayor’s update was received on 3 May 2024.",
             prog="Implemented."),
    ])],
    hard="pdfLaTeX xltabular (tabularx X columns breaking over pages) at 11pt Palatino (mathpazo), justified narrow X columns with many hyphenated line ends; “No. | Recommendation | Response | Progress” with the numbers in their own column; booktabs rules, heading row only on page 1 (\\endfirsthead, empty \\endhead); real hyphens at line ends (“ring-”/“fenced”, “well-”/“being”, “long-”/“term”) among many added hyphens (“imple-”/“mented”); en dash ranges with \\allowbreak after the dash, “2024–”/“2026” broken at the dash in row 1; ligatures ffi/ffl/fi/ff (affluent, sufficient, officers, difficult); (a)/(b)/(c) sub-items as separate paragraphs; no shading (rag null); “Page N of M” top right, two-line footer below a rule; title hyphenated (“recommenda-”/“tions”); closing paragraph split over pages 2–3 at a hyphenated word",
)


# ---------------------------------------------------------------------------
# E8  LaTeX, longtable, Times 8pt Letter landscape, Lead + RAG, zebra, m-columns

E8 = dict(
    name="fire-brigade-lead-zebra-times.latex-letter-l",
    producer="latex",
    paper="letter", orientation="landscape",
    font="times", size=8,
    rules="grid", shading="rag", pale=True,
    tex_env="longtable",
    roles=["rec", "lead", "resp", "prog", "rag"],
    label="Rec {n}:", label_place="line",
    widths=["7.0cm", "2.1cm", "8.6cm", "3.7cm", "1.3cm"],
    repeat_head=False, valign="middle", zebra=True,
    geometry="margin=1.5cm,top=2.2cm,bottom=2.6cm,headsep=0.6cm,footskip=1.4cm",
    page_head=dict(left="London Assembly Fire, Resilience and Emergency Planning Committee", right="{page}"),
    tex_foot=dict(left="* Source: GLA analysis of London Fire Brigade incident data\nFire Committee: London Fire Brigade culture review – recommendation tracker (March 2024)"),
    title="London Fire Brigade culture review: recommendation tracker",
    committee="Fire, Resilience and Emergency Planning Committee",
    intro=(
        "Following the independent culture review of the London Fire Brigade (LFB) published in November 2022, the Committee held a series of meetings with the Commissioner, staff networks and trade unions, and in June 2023 published ten recommendations. The Lead column shows who is responsible; the RAG column shows the Committee’s current assessment. Figures marked * come from LFB incident data."
    ),
    closing="",
    tables=[dict(heading=None,
                 columns=["Recommendation", "Lead", "Response", "Progress", "RAG"],
                 records=[
        dict(rec="The LFB should publish a timetable for implementing all 23 recommendations of the independent culture review, with named officers responsible for each one.",
             lead="LFB Commissioner", resp="The LFB’s “Togetherness” plan, published in March 2023, sets out a timetable and a responsible officer for each of the 23 recommendations.",
             prog="Complete.", rag="green"),
        dict(rec="The LFB should establish an independent complaints service for staff, operating outside the Brigade’s management structure.",
             lead="LFB", resp="An independent complaints service, run by an external provider, began work in September 2023. It had received 142 complaints by the end of January 2024.",
             prog="Complete; the Committee will review its effectiveness in 2025.", rag="green"),
        dict(rec="The Mayor should commission an independent review of progress on the culture review eighteen months after its publication.",
             lead="Mayor / LFEPA", resp="The Mayor has commissioned a review, which will report in the summer of 2024.",
             prog="In progress.", rag="amber"),
        dict(rec="The LFB should review the fitness of every watch manager and station manager to lead a team, and provide leadership training where needed.",
             lead="LFB", resp="Every watch manager and station manager has completed a 360-degree assessment. 212 managers have been offered additional training; 47 have declined it.\n\nThe LFB says that it cannot require managers to take part in the training under their current contracts.",
             prog="Partly complete.", rag="amber"),
        dict(rec="The LFB should increase the proportion of women and Black, Asian and minority ethnic firefighters, with targets for each year to 2030.",
             lead="LFB", resp="The LFB has set targets for recruitment, but not for the workforce as a whole. Women made up 9.4%* of firefighters in January 2024, up from 8.7% a year earlier.",
             prog="Some progress.", rag="amber"),
        dict(rec="The Government should make it a legal requirement for fire and rescue services to carry out enhanced background checks on every member of staff.",
             lead="Home Office", resp="The Home Office has consulted on the proposal, but has not yet announced its decision.",
             prog="Awaiting decision.", rag="amber"),
        dict(rec="The LFB should end the practice of “watch-based” social events held on Brigade premises without a manager present.",
             lead="LFB", resp="The LFB has not accepted this recommendation. It says that social events are an important part of building trust within a watch, and that its new code of conduct applies to them.",
             prog="Rejected.", rag="red"),
        dict(rec="The LFB should publish an annual report on complaints of bullying, harassment and discrimination, including the outcome of each case.",
             lead="LFB", resp="The first annual report was published in December 2023 (available from https://www.london-fire.gov.uk/about-us/culture/). It does not give the outcome of individual cases, for reasons of confidentiality.",
             prog="Largely complete.", rag="green"),
        dict(rec="The Mayor should ensure that the LFB has sufficient funding to implement the culture review.",
             lead="Mayor", resp="The Mayor provided an additional £2.9 million in 2023–24 and £3.4 million in 2024–25.",
             prog="Complete.", rag="green"),
        dict(rec="The LFB should report to the Committee every six months on progress.",
             lead="LFB", resp="The LFB has reported twice, in November 2023 and February 2024.",
             prog="Complete.", rag="green"),
    ])],
    hard="pdfLaTeX longtable at 8pt Times (mathptmx) on Letter landscape; five columns “Recommendation | Lead | Response | Progress | RAG” (Lead to be ignored); grid; zebra rows (\\rowcolors) with pale RAG colour only in the RAG column; m{} columns, so every cell is vertically centred in its row; heading row only on page 1; labels “Rec 1:” on their own line (truth “Rec 1”); footnote-style line “* Source: …” and a second footer line on every page, page number alone top right; rows never split (longtable); URL, £, % and asterisks in cells",
)
PLAN = [E1, E2, E3, E4, E5, E6, E7, E8]
