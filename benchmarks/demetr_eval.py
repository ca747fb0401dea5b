"""Detection quality on DEMETR: per-category recall, clean false-flag rate, and risk AUCs.

Usage: python benchmarks/demetr_eval.py [--data ../shared/demetr-dev] [--json out.json]

Each DEMETR item gives a reference (eng_sent), a clean paraphrase (mt_sent) and a degraded copy
(pert_sent). Recall counts pert_check items whose degraded copy gets a flag of the expected category;
the false-flag rate counts clean pairs that get any major or critical flag.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from mtqe import detectors  # noqa: E402
from mtqe.detectors import SegmentPair  # noqa: E402

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "demetr-dev"

# file stem -> categories any of which counts as a hit (from the data set's README)
EXPECTED = {
    "critical_id9_ne_replaced": {"name"},
    "critical_id25_ne_removed": {"name", "omission"},
    "major_id17_tense": {"tense"},
    "major_id18_aspect": {"tense"},
    "critical_id10_numbers_replaced": {"number"},
    "critical_id8_negation": {"negation"},
    "critical_id11_gender": {"pronoun"},
    "minor_id31_full_lower": {"case"},
    "minor_id32_first_lower": {"case"},
    "critical_id4_codemix": {"language"},
    "minor_id26_misspelled": {"spelling"},
    "minor_id27_char_removed": {"spelling"},
    "critical_id6_addition": {"addition"},
    "base_id33_empty": {"omission"},
}
SERIOUS = {"major", "critical"}


def load(data: Path) -> dict[str, list[dict]]:
    files = sorted(data.glob("*.jsonl"))
    if not files:
        raise SystemExit(f"no DEMETR *.jsonl files in {data}; pass --data PATH to a DEMETR checkout")
    return {f.stem: [json.loads(line) for line in f.open(encoding="utf-8")] for f in files}


def flags_for(dets, ref: str, cand: str):
    return detectors.run(dets, SegmentPair(ref=ref, cand=cand, ref_doc=ref, cand_doc=cand))


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--json", type=Path, help="also write the results here")
    ap.add_argument("--show-misses", metavar="FILE_STEM", help="print missed items of one file")
    ap.add_argument("--show-false", metavar="CATEGORY", help="print clean pairs flagged (major+) in a category")
    args = ap.parse_args(argv)

    data = load(args.data)
    dets = detectors.selected()

    # Clean pairs: one per id (mt_sent is the same in every file).
    clean = {}
    for items in data.values():
        for it in items:
            clean.setdefault(it["id"], (it["eng_sent"], it["mt_sent"]))
    false_by_cat: Counter[str] = Counter()
    false_any = 0
    for ref, cand in clean.values():
        serious = [f for f in flags_for(dets, ref, cand) if f.severity in SERIOUS]
        false_any += bool(serious)
        for cat in {f.category for f in serious}:
            false_by_cat[cat] += 1
            if args.show_false == cat:
                print("FALSE", cat, [f.message for f in serious if f.category == cat], "\n  REF:", ref, "\n  MT: ", cand)

    rows = []
    by_cat: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for stem, expected in EXPECTED.items():
        items = [it for it in data.get(stem, []) if it.get("pert_check")]
        hits = 0
        for it in items:
            cats = {f.category for f in flags_for(dets, it["eng_sent"], it["pert_sent"])}
            hit = bool(cats & expected)
            hits += hit
            if not hit and args.show_misses == stem:
                print("MISS", cats, "\n  REF: ", it["eng_sent"], "\n  PERT:", it["pert_sent"])
        rows.append((stem, "/".join(sorted(expected)), len(items), hits / len(items) if items else float("nan")))

    n = len(clean)
    print(f"{'file':34} {'category':16} {'items':>5} {'recall':>7}")
    for stem, cat, count, recall in rows:
        print(f"{stem:34} {cat:16} {count:5d} {recall:7.3f}")
    print(f"\nclean pairs: {n}; any major/critical flag: {false_any / n:.3f}")
    for cat, c in false_by_cat.most_common():
        print(f"  false {cat:12} {c / n:.3f}")
    result = {
        "recall": {stem: recall for stem, _, _, recall in rows},
        "clean_false_flag_rate": false_any / n,
        "clean_false_by_category": {c: v / n for c, v in false_by_cat.items()},
    }
    if args.json:
        args.json.write_text(json.dumps(result, indent=2))
    return result


if __name__ == "__main__":
    main()
