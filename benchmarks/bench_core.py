"""Throughput of mtqe.compare against bare sacrebleu on the same aligned pairs, in one process.

Usage: python benchmarks/bench_core.py [--data ../shared/demetr-dev] [--docs 60] [--rounds 5]

(a) bare sacrebleu: sentence BLEU (effective order) + chrF per aligned pair, metric objects built once;
(b) mtqe core: segmentation + alignment + scores (detectors off);
(c) mtqe full: everything, all detectors on.
Ratios b/a (target >= 0.5) and c/a (target >= 0.33) are pairs per second relative to (a); rounds
alternate so machine noise hits all three alike, and medians are reported. Also times `mtqe --help`
and `mtqe score` on the seed pair as separate processes.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from corpus_data import DEFAULT_DATA, ROOT, articles  # noqa: E402

from mtqe.catalog import RULES  # noqa: E402
from mtqe.options import Options  # noqa: E402
from mtqe.pipeline import Comparer  # noqa: E402


def _process_seconds(cmd: list[str], repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        subprocess.run(cmd, cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--docs", type=int, default=60)
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args(argv)

    from sacrebleu.metrics import BLEU, CHRF

    docs = articles(args.data, args.docs)
    full = Comparer(Options())
    core = Comparer(Options(ignore=tuple(RULES)))  # every rule ignored: detectors off
    # The aligned pairs that mtqe itself scores, so (a) measures the metrics on exactly that work.
    pairs = [(s.ref, s.cand) for ref, cand in docs for s in full.compare_texts(ref, cand).segments if s.ref and s.cand]
    bleu, chrf = BLEU(effective_order=True), CHRF()

    def bare():
        for r, c in pairs:
            bleu.sentence_score(c, [r])
            chrf.sentence_score(c, [r])

    def run(comparer):
        return lambda: [comparer.compare_texts(r, c) for r, c in docs]

    timings = {"bare": [], "core": [], "full": []}
    jobs = {"bare": bare, "core": run(core), "full": run(full)}
    for _ in range(args.rounds):
        for name, fn in jobs.items():
            t = time.perf_counter()
            fn()
            timings[name].append(time.perf_counter() - t)
    med = {k: statistics.median(v) for k, v in timings.items()}
    rate = {k: len(pairs) / v for k, v in med.items()}
    mtqe_bin = str(Path(sys.executable).with_name("mtqe"))
    result = {
        "documents": len(docs),
        "aligned_pairs": len(pairs),
        "pairs_per_s": {k: round(v, 1) for k, v in rate.items()},
        "ratio_core": round(rate["core"] / rate["bare"], 3),
        "ratio_full": round(rate["full"] / rate["bare"], 3),
        "help_s": round(_process_seconds([mtqe_bin, "--help"]), 3),
        "score_seed_s": round(_process_seconds([mtqe_bin, "score", "seeds/original.txt", "seeds/roundtrip.txt", "-q"], 3), 3),
    }
    print(f"corpus: {result['documents']} documents, {result['aligned_pairs']} aligned pairs, {args.rounds} rounds (medians)")
    for k, v in result["pairs_per_s"].items():
        print(f"  {k:5} {v:9.1f} pairs/s")
    print(f"ratio core/bare  {result['ratio_core']:.3f}   (target >= 0.5)")
    print(f"ratio full/bare  {result['ratio_full']:.3f}   (target >= 0.33)")
    print(f"mtqe --help      {result['help_s']:.3f} s  (target < 0.3)")
    print(f"mtqe score seed  {result['score_seed_s']:.3f} s  (process wall time)")
    return result


if __name__ == "__main__":
    main()
