"""Detection quality on DEMETR through the full mtqe pipeline: recall, clean false flags, risk AUCs.

Usage: python benchmarks/demetr_eval.py [--data ../shared/demetr-dev] [--json out.json]

Each DEMETR item gives a reference (eng_sent), a clean paraphrase (mt_sent) and a degraded copy
(pert_sent); every pair goes through Comparer.compare_texts, exactly as `mtqe score` runs.
- recall: share of pert_check items whose degraded copy gets a flag of the expected category;
- clean false-flag rate: share of clean pairs (one per id) with any major or critical flag;
- risk AUC: P(risk(degraded) > risk(clean)), pooled over every perturbation file and per file,
  next to chrF's AUC (lower chrF = more degraded);
- minimal-pair accuracy: share of items with risk(pert) > risk(mt) for the same id.
A pair's risk is its riskiest segment's.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from mtqe.pipeline import Comparer  # noqa: E402

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
NOT_DEGRADED = {"base_id35_reference"}  # the reference itself, offered as a translation
SERIOUS = {"major", "critical"}


def auc(positives: list[float], negatives: list[float]) -> float:
    """P(random positive > random negative), ties counting half (Mann-Whitney U)."""
    ranked = sorted([(v, 1) for v in positives] + [(v, 0) for v in negatives])
    rank_sum, i = 0.0, 0
    while i < len(ranked):
        j = i
        while j < len(ranked) and ranked[j][0] == ranked[i][0]:
            j += 1
        mid = (i + j + 1) / 2  # average 1-based rank of the tie block
        rank_sum += mid * sum(lbl for _, lbl in ranked[i:j])
        i = j
    p, n = len(positives), len(negatives)
    return (rank_sum - p * (p + 1) / 2) / (p * n) if p and n else float("nan")


def load(data: Path) -> dict[str, list[dict]]:
    files = sorted(data.glob("*.jsonl"))
    if not files:
        raise SystemExit(f"no DEMETR *.jsonl files in {data}; pass --data PATH to a DEMETR checkout")
    return {f.stem: [json.loads(line) for line in f.open(encoding="utf-8")] for f in files}


class Evaluator:
    def __init__(self, comparer: Comparer):
        self.comparer = comparer

    def run(self, ref: str, cand: str) -> tuple[list, float, float]:
        """(flags, risk, chrF) of one pair."""
        from sacrebleu.metrics import CHRF

        report = self.comparer.compare_texts(ref, cand)
        chrf = CHRF().sentence_score(cand, [ref]).score
        return report.flags, max((s.risk for s in report.segments), default=0.0), chrf


def evaluate(data: Path, show_misses: str | None = None, show_false: str | None = None) -> dict:
    files = load(data)
    ev = Evaluator(Comparer())

    clean: dict[int, tuple[float, float]] = {}  # id -> (risk, chrF)
    false_any, false_by_cat = 0, Counter()
    for items in files.values():
        for it in items:
            if it["id"] in clean:
                continue
            flags, risk, chrf = ev.run(it["eng_sent"], it["mt_sent"])
            clean[it["id"]] = (risk, chrf)
            serious = {f.category for f in flags if f.severity in SERIOUS}
            false_any += bool(serious)
            false_by_cat.update(serious)
            if show_false in serious:
                print("FALSE", show_false, [f.message for f in flags if f.category == show_false],
                      "\n  REF:", it["eng_sent"], "\n  MT: ", it["mt_sent"])

    recall, per_file, pooled_pos, minimal = {}, {}, [], [0, 0]
    for stem, items in sorted(files.items()):
        if stem in NOT_DEGRADED:
            continue
        expected = EXPECTED.get(stem)
        hits, risks, chrfs, neg_risk, neg_chrf = 0, [], [], [], []
        checked = [it for it in items if it.get("pert_check")]
        for it in checked:
            flags, risk, chrf = ev.run(it["eng_sent"], it["pert_sent"])
            risks.append(risk)
            chrfs.append(chrf)
            c_risk, c_chrf = clean[it["id"]]
            neg_risk.append(c_risk)
            neg_chrf.append(c_chrf)
            minimal[0] += risk > c_risk
            minimal[1] += 1
            if expected:
                hit = bool({f.category for f in flags} & expected)
                hits += hit
                if not hit and show_misses == stem:
                    print("MISS", sorted({f.code for f in flags}), "\n  REF: ", it["eng_sent"], "\n  PERT:", it["pert_sent"])
        pooled_pos.extend(risks)
        if expected and checked:
            recall[stem] = round(hits / len(checked), 3)
        per_file[stem] = {
            "items": len(checked),
            "risk_auc": round(auc(risks, [r for r, _ in clean.values()]), 3),
            "chrf_auc": round(auc([-c for c in chrfs], [-c for _, c in clean.values()]), 3),
        }

    n = len(clean)
    return {
        "clean_pairs": n,
        "recall": recall,
        "clean_false_flag_rate": round(false_any / n, 4),
        "clean_false_by_category": {c: round(v / n, 4) for c, v in false_by_cat.most_common()},
        "risk_auc_pooled": round(auc(pooled_pos, [r for r, _ in clean.values()]), 4),
        "minimal_pair_accuracy": round(minimal[0] / minimal[1], 4),
        "per_file": per_file,
    }


def print_report(res: dict) -> None:
    print(f"{'file':34} {'items':>5} {'recall':>7} {'riskAUC':>8} {'chrfAUC':>8}")
    for stem, row in res["per_file"].items():
        rec = res["recall"].get(stem)
        print(f"{stem:34} {row['items']:5d} {'' if rec is None else f'{rec:.3f}':>7} {row['risk_auc']:8.3f} {row['chrf_auc']:8.3f}")
    print(f"\nclean pairs: {res['clean_pairs']}; with a major/critical flag: {res['clean_false_flag_rate']:.3f}")
    for cat, rate in res["clean_false_by_category"].items():
        print(f"  {cat:12} {rate:.3f}")
    print(f"pooled risk AUC: {res['risk_auc_pooled']:.3f}   minimal-pair accuracy: {res['minimal_pair_accuracy']:.3f}")


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--json", type=Path, help="also write the results here")
    ap.add_argument("--show-misses", metavar="FILE_STEM", help="print missed items of one file")
    ap.add_argument("--show-false", metavar="CATEGORY", help="print clean pairs flagged (major+) in a category")
    args = ap.parse_args(argv)
    res = evaluate(args.data, args.show_misses, args.show_false)
    print_report(res)
    if args.json:
        args.json.write_text(json.dumps(res, indent=2))
    return res


if __name__ == "__main__":
    main()
