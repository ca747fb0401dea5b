"""Overhead of mtqe's CometScorer over a bare comet `model.predict`, on a tiny checkpoint.

Usage: .venv/bin/python benchmarks/bench_comet.py [--data ../shared/demetr-dev] [-n 300] [-b 16]

Both paths run in one process on the same model object, triples and batch size; each is warmed up,
then repeats alternate (so drift hits both alike) and medians are compared. Target: ratio <= 1.10.
The tiny model makes per-call overhead (Trainer setup, our logging/warning guards) as visible as it
can be; with a real model the forward pass dominates. Writes nothing into the repo (temp dir only).
"""

from __future__ import annotations

import argparse
import json
import logging
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from mtqe.comet import get_scorer  # noqa: E402
from tiny_comet import build_tiny_comet  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "demetr-dev"


def load_triples(data: Path, n: int) -> list[tuple[str, str, str]]:
    """(src=reference, mt=copy, ref=reference), as the pipeline passes round-trip copies."""
    pairs: list[tuple[str, str]] = []
    for path in sorted(data.glob("*.jsonl")) if data.is_dir() else []:
        for line in path.read_text(encoding="utf-8").splitlines():
            item = json.loads(line)
            if item.get("eng_sent") and item.get("mt_sent"):
                pairs.append((item["eng_sent"], item["mt_sent"]))
            if len(pairs) >= n:
                break
        if len(pairs) >= n:
            break
    if not pairs:  # no DEMETR: pair seed lines (original vs round-trip) cyclically
        orig = [s for s in (ROOT / "seeds" / "original.txt").read_text(encoding="utf-8").splitlines() if s.strip()]
        copy = [s for s in (ROOT / "seeds" / "roundtrip.txt").read_text(encoding="utf-8").splitlines() if s.strip()]
        pairs = [(orig[i % len(orig)], copy[i % len(copy)]) for i in range(n)]
    pairs = (pairs * (n // len(pairs) + 1))[:n]
    return [(ref, mt, ref) for ref, mt in pairs]


def timed(fn) -> tuple[float, float]:
    """(wall, CPU) seconds. CPU time is shown too: on a shared machine wall time is noisy."""
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - wall, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="DEMETR dir with *.jsonl")
    parser.add_argument("-n", type=int, default=300, help="number of triples")
    parser.add_argument("-b", "--batch-size", type=int, default=16)
    parser.add_argument("-r", "--repeats", type=int, default=9)
    args = parser.parse_args()

    triples = load_triples(args.data, args.n)
    with tempfile.TemporaryDirectory() as tmp:
        model_dir = build_tiny_comet(Path(tmp) / "tiny")
        scorer = get_scorer(model_dir, batch_size=args.batch_size, gpus=0)
        model = scorer.model
        data = [{"src": s, "mt": m, "ref": r} for s, m, r in triples]

        # The bare path would print Lightning banners on every call; silence them once, globally,
        # as a quiet comet user would, so the comparison is of work, not of terminal output.
        for name in ("pytorch_lightning", "lightning", "lightning.pytorch", "lightning_fabric", "comet"):
            logging.getLogger(name).setLevel(logging.ERROR)
        warnings.simplefilter("ignore")

        def bare():
            return model.predict(data, batch_size=args.batch_size, gpus=0, progress_bar=False)

        def ours():
            return scorer.score(triples)

        bare_scores, our_scores = bare().scores, ours().scores  # warm-up, and a sanity check
        assert max(abs(a - b) for a, b in zip(bare_scores, our_scores)) < 1e-5, "paths disagree"
        t_bare, t_ours = [], []
        for _ in range(args.repeats):
            t_bare.append(timed(bare))
            t_ours.append(timed(ours))

    print(f"triples={len(triples)} batch_size={args.batch_size} repeats={args.repeats}")
    for i, kind in enumerate(("wall", "cpu")):
        mb = statistics.median(t[i] for t in t_bare)
        mo = statistics.median(t[i] for t in t_ours)
        print(f"{kind:4}: bare model.predict {mb * 1000:8.1f} ms   mtqe CometScorer {mo * 1000:8.1f} ms   "
              f"ratio mtqe/bare = {mo / mb:.3f} (target <= 1.10) {'OK' if mo / mb <= 1.10 else 'OVER'}")


if __name__ == "__main__":
    main()
