#!/usr/bin/env python3
"""Build a qpdf JSON v2 update (qpdf --update-from-json) that adds to the good
tracker PDF:
  * /OpenAction  -> JavaScript action  app.alert(...)
  * /Names /JavaScript name tree with a second document-level script
  * /AcroForm with one text field (widget annotation on page 1, with an /AP)
Usage: js_form.py GOOD.pdf > patch.json"""
import json, subprocess, sys

good = sys.argv[1]
info = json.loads(subprocess.check_output(
    ["qpdf", "--json=2", "--json-key=qpdf", "--json-key=pages", good]))
header, objects = info["qpdf"]
maxid = header["maxobjectid"]
trailer = objects["trailer"]["value"]
root_ref = trailer["/Root"]
catalog = dict(objects["obj:" + root_ref]["value"])
page1_ref = info["pages"][0]["object"]
page1 = dict(objects["obj:" + page1_ref]["value"])
if "/Annots" in page1 or "/AcroForm" in catalog or "/Names" in catalog:
    sys.exit("js_form.py: good PDF already has Annots/AcroForm/Names; update the script")

n = maxid
def new():
    global n
    n += 1
    return f"{n} 0 R"

js_open, js_named, font, field, ap, names = new(), new(), new(), new(), new(), new()
page_w = float(page1["/MediaBox"][2])
rect = [page_w - 260, 20, page_w - 40, 40]   # bottom-right margin, clear of the text

catalog["/OpenAction"] = js_open
catalog["/Names"] = {"/JavaScript": names}
catalog["/AcroForm"] = {
    "/Fields": [field],
    "/DA": "u:/Helv 0 Tf 0 g",
    "/DR": {"/Font": {"/Helv": font}},
    "/NeedAppearances": False,
}
page1["/Annots"] = [field]

# empty field: appearance is just a thin border, so no extra text enters the text layer
apstream = f"0 G 0.5 w 0.25 0.25 {rect[2]-rect[0]-0.5} {rect[3]-rect[1]-0.5} re S /Tx BMC EMC"
update = {
    "version": 2,
    "qpdf": [
        {"jsonversion": 2, "pushedinheritedpageresources": False,
         "calledgetallpages": False, "maxobjectid": n},
        {
            "obj:" + root_ref: {"value": catalog},
            "obj:" + page1_ref: {"value": page1},
            "obj:" + js_open: {"value": {
                "/Type": "/Action", "/S": "/JavaScript",
                "/JS": "u:app.alert('impact-tracker test fixture: OpenAction JavaScript');"}},
            "obj:" + js_named: {"value": {
                "/Type": "/Action", "/S": "/JavaScript",
                "/JS": "u:console.println('document-level script');"}},
            "obj:" + names: {"value": {"/Names": ["u:init", js_named]}},
            "obj:" + font: {"value": {
                "/Type": "/Font", "/Subtype": "/Type1",
                "/BaseFont": "/Helvetica", "/Encoding": "/WinAnsiEncoding"}},
            "obj:" + field: {"value": {
                "/Type": "/Annot", "/Subtype": "/Widget", "/FT": "/Tx",
                "/T": "u:reviewer_name", "/TU": "u:Reviewer name",
                "/V": "u:", "/DA": "u:/Helv 10 Tf 0 g",
                "/Rect": rect, "/F": 4, "/P": page1_ref,
                "/MK": {"/BC": [0, 0, 0]},
                "/AP": {"/N": ap}}},
            "obj:" + ap: {"stream": {
                "dict": {"/Type": "/XObject", "/Subtype": "/Form",
                         "/BBox": [0, 0, rect[2] - rect[0], rect[3] - rect[1]],
                         "/Resources": {"/Font": {"/Helv": font}}},
                "data": __import__("base64").b64encode(apstream.encode()).decode()}},
        },
    ],
}
json.dump(update, sys.stdout, indent=1)
