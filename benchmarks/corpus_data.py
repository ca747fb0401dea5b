"""Benchmark corpora: the seed pair plus articles assembled from DEMETR sentences (read, never copied).

Each synthetic article takes consecutive DEMETR items: ``eng_sent`` in order is the reference; the copy
uses each item's clean ``mt_sent`` or, with probability ``p_pert``, one of its perturbed ``pert_sent``.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "demetr-dev"
SEEDS = ROOT / "seeds"


def load_items(data: Path) -> dict[int, dict]:
    """id -> {"eng": str, "mt": str, "perts": [str, ...]} over every DEMETR file."""
    files = sorted(Path(data).glob("*.jsonl"))
    if not files:
        raise SystemExit(f"no DEMETR *.jsonl files in {data}; pass --data PATH to a DEMETR checkout")
    items: dict[int, dict] = {}
    for f in files:
        for line in f.open(encoding="utf-8"):
            d = json.loads(line)
            it = items.setdefault(d["id"], {"eng": d["eng_sent"].strip(), "mt": d["mt_sent"].strip(), "perts": []})
            if d.get("pert_check") and d["pert_sent"].strip():
                it["perts"].append(d["pert_sent"].strip())
    return items


def articles(data: Path, n_docs: int, sentences: int = 15, p_pert: float = 0.3, seed: int = 0) -> list[tuple[str, str]]:
    """(reference, copy) article pairs; paragraphs of three sentences, the seed pair first."""
    rng = random.Random(seed)
    items = [items for _, items in sorted(load_items(data).items())]
    docs = [((SEEDS / "original.txt").read_text(encoding="utf-8"), (SEEDS / "roundtrip.txt").read_text(encoding="utf-8"))]
    k = 0
    while len(docs) < n_docs:
        block = [items[(k + i) % len(items)] for i in range(sentences)]
        k += sentences
        ref, cand = [], []
        for it in block:
            ref.append(it["eng"])
            cand.append(rng.choice(it["perts"]) if it["perts"] and rng.random() < p_pert else it["mt"])
        para = lambda xs: "\n\n".join(" ".join(xs[i:i + 3]) for i in range(0, len(xs), 3))  # noqa: E731
        docs.append((para(ref), para(cand)))
    return docs
