"""Later versions of fixture trackers, for `impact-tracker compare` (issue #10).

Each entry takes a fixture of build.py's PLAN, changes it the way a tracker changes between
two committee meetings (RAG moved, progress or response text updated, a recommendation dropped,
one added) and renders it with the same producer into fixtures/compare/NAME.v2.pdf, with its
extraction truth (NAME.v2.truth.json, as build.py writes) and the expected comparison with the
original fixture (NAME.v2.changes.json: per recommendation, old id -> new id, status (moved, updated, unchanged, added, removed), RAG
from -> to, fields whose text changed).

    python3 tools/corpus/build_compare.py          # build all
    python3 tools/corpus/build_compare.py housing  # names containing "housing"
"""
import copy
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import build  # noqa: E402

OUT = os.path.join(build.FIX, "compare")

# Edits by record position (0-based, over all tables in order). "drop" removes records (later
# ones are renumbered where the producer numbers by position); "add" appends to the last table.
EDITS = {
    "housing-delivery-running-heads.libreoffice-a4p": {
        "rag": {1: "green", 5: "green", 6: "red"},
        "prog": {
            1: "Implemented. The revised forecast was published in March 2025.",
            3: "Partly accepted. The pilot has been extended to six boroughs; the Committee will ask for its results in 2026.",
            5: "Implemented. The assessment was published in full in February 2025.",
            6: "Not implemented: funding for community-led housing was withdrawn in the 2025 budget.",
        },
        "drop": [2],
        "add": [{
            "rec": "The Mayor should report each year on the number of homes built on land owned by the GLA group.",
            "resp": "The Mayor agreed to include the figures in the annual housing delivery report.",
            "prog": "Accepted; the first report is due in 2026.",
            "rag": "amber",
        }],
    },
    "stop-and-search-soft-hyphens.chromium-a4p": {
        "rag": {1: "green", 4: "amber"},
        "prog": {
            1: "Implemented: footage of every stop is now available to the person stopped, on request.",
            4: "Partly accepted: Section 60 authorisations now need the approval of a chief superintendent.",
        },
        "resp_append": {3: "The Met now publishes the outcomes every month."},
        "drop": [6],
        "add": [{
            "rec": "MOPAC should publish the results of its community monitoring of stop and search every quarter.",
            "resp": "MOPAC agreed and will publish the first results in the autumn.",
            "prog": "Some progress.",
            "rag": "amber",
        }],
    },
}


def later_version(fx, edits):
    new = copy.deepcopy(fx)
    new["name"] = fx["name"] + ".v2"
    position = 0
    expected = []
    for ti, table in enumerate(new["tables"], 1):
        kept = []
        for rec in table["records"]:
            k = position
            position += 1
            old = dict(rec)
            if k in edits.get("drop", []):
                expected.append({"old": k, "status": "removed"})
                continue
            if k in edits.get("rag", {}):
                rec["rag"] = edits["rag"][k]
            if k in edits.get("prog", {}):
                rec["prog"] = edits["prog"][k]
            if k in edits.get("resp_append", {}):
                rec["resp"] = rec["resp"].rstrip() + " " + edits["resp_append"][k]
            fields = [f for f, key in (("recommendation", "rec"), ("response", "resp"), ("progress", "prog")) if rec[key] != old[key]]
            moved = rec.get("rag") != old.get("rag")
            expected.append({"old": k, "new": len(kept) + sum(len(t["records"]) for t in new["tables"][: ti - 1]), "status": "moved" if moved else ("updated" if fields else "unchanged"), "fields": fields, "ragFrom": old.get("rag"), "ragTo": rec.get("rag")})
            kept.append(rec)
        table["records"] = kept
    for add in edits.get("add", []):
        new["tables"][-1]["records"].append(dict(add))
        expected.append({"new": sum(len(t["records"]) for t in new["tables"]) - 1, "status": "added", "ragTo": add["rag"]})
    return new, expected


def main():
    want = sys.argv[1:]
    os.makedirs(os.path.join(OUT, "src"), exist_ok=True)
    # build.render writes into build.FIX / build.SRC: point them at fixtures/compare.
    build.FIX = OUT
    build.SRC = os.path.join(OUT, "src")
    for fx in build.PLAN:
        edits = EDITS.get(fx["name"])
        if not edits or (want and not any(w in fx["name"] for w in want)):
            continue
        new, expected = later_version(fx, edits)
        build.render(new)
        old_truth = build.make_truth(fx)
        new_truth = build.make_truth(new)
        changes = []
        for e in expected:
            o = old_truth["records"][e["old"]] if "old" in e else None
            n = new_truth["records"][e["new"]] if "new" in e else None
            changes.append({
                "status": e["status"],
                "oldId": o["id"] if o else None,
                "newId": n["id"] if n else None,
                "ragFrom": o["rag"] if o else None,
                "ragTo": n["rag"] if n else None,
                "fields": e.get("fields", []),
            })
        with open(os.path.join(OUT, new["name"] + ".changes.json"), "w", encoding="utf-8") as f:
            json.dump({"old": fx["name"] + ".pdf", "new": new["name"] + ".pdf", "changes": changes}, f, ensure_ascii=False, indent=2)
            f.write("\n")


if __name__ == "__main__":
    main()
