"""Peak memory of one large comparison, per input MB, against a read-and-split baseline.

Usage: python benchmarks/bench_memory.py [--original seeds/original.txt] [--copy PATH]
                                         [--sizes 0.5,2,7] [--stage full|core|both] [--json out.json]

The reference is ``--original`` repeated until it reaches each size (MB of UTF-8); the copy is ``--copy``
repeated the same number of times, or, without ``--copy``, a lightly edited copy of the original (a few
words dropped or changed per repetition, one sentence dropped in every tenth, so the alignment has real
work). Each measurement runs in its own subprocess, which reports its own peak RSS (``ru_maxrss``):
- ``split``: read both files and segment them, nothing else: the floor any pipeline pays;
- ``core``:  the full comparison with detectors off (segment, align, score);
- ``full``:  the full comparison, every detector on (what ``mtqe score`` does).
Reported per size: peak RSS, peak RSS per input MB (both documents counted), the ratio to ``split`` at the
same size, and CPU seconds (wall time on a shared machine says more about the neighbours). Target: peak grows about linearly, and a 7 MB pair stays under 1 GB.
Inputs are written to a temporary directory, never into the repository.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Runs in the child: prints {"peak_mb": ..., "seconds": ...}; the parent's memory never counts.
_CHILD = r"""
import json, resource, sys, time
sys.path.insert(0, {root!r})
stage, ref_path, cand_path = sys.argv[1:4]
t = time.perf_counter()
from mtqe.document import read_document
from mtqe.segment import split
ref, cand = read_document(ref_path, max_mb=1e6), read_document(cand_path, max_mb=1e6)
if stage == "split":
    n = len(split(ref)) + len(split(cand))
else:
    from mtqe.options import Options
    from mtqe.pipeline import Comparer
    options = Options(select=("~",)) if stage == "core" else Options()  # no code starts with "~"
    report = Comparer(options).compare_documents(ref, cand)
    n = len(report.segments)
usage = resource.getrusage(resource.RUSAGE_SELF)  # ru_maxrss is in kilobytes on Linux
print(json.dumps({{"peak_mb": usage.ru_maxrss / 1024, "seconds": time.perf_counter() - t,
                  "cpu_s": usage.ru_utime + usage.ru_stime, "units": n}}))
"""

_WORD = re.compile(r"\b[a-z]{4,}\b")
_EDITS = {"said": "stated", "about": "around", "after": "following", "began": "started", "dropped": "abandoned"}


def light_edit(text: str, rng: random.Random) -> str:
    """A copy-editor pass over one repetition: a few words changed or dropped, sometimes a sentence cut."""
    paragraphs = text.split("\n\n")
    out = []
    for p in paragraphs:
        words = p.split(" ")
        for _ in range(rng.randint(0, 2)):
            k = rng.randrange(len(words))
            w = words[k]
            words[k] = _EDITS.get(w, w if rng.random() < 0.5 else "")
        p = " ".join(w for w in words if w)
        if rng.random() < 0.1:
            sentences = re.split(r"(?<=[.!?”])\s+", p)
            if len(sentences) > 1:
                sentences.pop(rng.randrange(len(sentences)))
                p = " ".join(sentences)
        out.append(p)
    return "\n\n".join(out)


def build_pair(original: str, copy: str | None, mb: float, out_dir: Path, seed: int) -> tuple[Path, Path, int]:
    unit = len(original.encode("utf-8")) + 2
    times = max(1, round(mb * 1e6 / unit))
    rng = random.Random(seed)
    ref = "\n\n".join([original.strip()] * times) + "\n"
    cand = "\n\n".join((copy.strip() if copy else light_edit(original.strip(), rng)) for _ in range(times)) + "\n"
    ref_path, cand_path = out_dir / f"ref-{mb:g}.txt", out_dir / f"cand-{mb:g}.txt"
    ref_path.write_text(ref, encoding="utf-8")
    cand_path.write_text(cand, encoding="utf-8")
    return ref_path, cand_path, times


def measure(stage: str, ref: Path, cand: Path, root: Path, timeout: float) -> dict:
    code = _CHILD.format(root=str(root))
    out = subprocess.run([sys.executable, "-c", code, stage, str(ref), str(cand)], capture_output=True, text=True,
                         timeout=timeout)
    if out.returncode:
        raise SystemExit(f"{stage} run failed:\n{out.stderr[-2000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--original", type=Path, default=ROOT / "seeds" / "original.txt", help="reference text to repeat")
    ap.add_argument("--copy", type=Path, help="copy text to repeat (default: a light edit of --original)")
    ap.add_argument("--sizes", default="0.5,2,7", help="reference sizes in MB, comma-separated (default: %(default)s)")
    ap.add_argument("--stage", choices=("full", "core", "both"), default="full")
    ap.add_argument("--root", type=Path, default=ROOT, help="the mtqe checkout to measure (default: this one)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--timeout", type=float, default=1800, help="seconds per run")
    ap.add_argument("--json", type=Path, help="also write the figures here")
    args = ap.parse_args(argv)

    original = args.original.read_text(encoding="utf-8")
    copy = args.copy.read_text(encoding="utf-8") if args.copy else None
    stages = ("core", "full") if args.stage == "both" else (args.stage,)
    rows = []
    print(f"{'ref MB':>7} {'input MB':>8} {'stage':>5} {'peak MB':>8} {'MB/in MB':>8} {'x split':>7} {'cpu s':>8}")
    with tempfile.TemporaryDirectory(prefix="mtqe-mem-") as tmp:
        for mb in (float(s) for s in args.sizes.split(",")):
            ref, cand, times = build_pair(original, copy, mb, Path(tmp), args.seed)
            input_mb = (ref.stat().st_size + cand.stat().st_size) / 1e6
            base = measure("split", ref, cand, args.root, args.timeout)
            for stage in ("split", *stages):
                r = base if stage == "split" else measure(stage, ref, cand, args.root, args.timeout)
                row = {"ref_mb": round(ref.stat().st_size / 1e6, 2), "input_mb": round(input_mb, 2), "repeats": times,
                       "stage": stage, "peak_mb": round(r["peak_mb"], 1),
                       "peak_per_input_mb": round(r["peak_mb"] / input_mb, 1),
                       "ratio_to_split": round(r["peak_mb"] / base["peak_mb"], 2), "cpu_s": round(r["cpu_s"], 1),
                       "wall_s": round(r["seconds"], 1)}
                rows.append(row)
                print(f"{row['ref_mb']:7.2f} {row['input_mb']:8.2f} {stage:>5} {row['peak_mb']:8.1f} "
                      f"{row['peak_per_input_mb']:8.1f} {row['ratio_to_split']:7.2f} {row['cpu_s']:8.1f}", flush=True)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    return {"rows": rows}


if __name__ == "__main__":
    main()
