"""Corpus throughput, scaling and memory of `mtqe corpus`, in one command.

Usage: python benchmarks/bench_corpus.py [--data ../shared/demetr-dev] [--docs 120] [--json out.json]

Prints, for the 1x corpus and the 10x corpus:
  (a) pairs/s of `mtqe corpus --jobs 1` against bare sacrebleu (sentence BLEU + chrF over the same
      aligned sentence pairs mtqe found), as a ratio;
  (b) the speed-up from `--jobs 1` to `--jobs 2` (wall time of the whole command, start-up included:
      at 1x the ~1 s start-up of each run weighs heavily, at 10x the steady state shows);
  (c) peak RSS of the process tree (parent + workers) at --jobs 2;
and the ratio of the peak RSS at 10x to that at 1x.

The corpus is the seed pair plus articles assembled from DEMETR sentences: ~15 consecutive
`eng_sent` make a reference, the matching `pert_sent` (or, for every third article, the clean
`mt_sent`) the copy. It is written to a temporary directory, never into the repository.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "demetr-dev"
ARTICLE = 15


def demetr_articles(data: Path, size: int = ARTICLE):
    """(kind, reference, copy): consecutive DEMETR items of one perturbation file grouped into articles,
    taken round-robin over the files so any prefix of the corpus mixes every kind of damage."""
    files = sorted(f for f in data.glob("*.jsonl") if f.stem != "base_id33_empty")
    if not files:
        raise SystemExit(f"no DEMETR *.jsonl files in {data}; pass --data PATH")
    per_file = []
    for f in files:
        rows = sorted((json.loads(line) for line in f.open(encoding="utf-8")), key=lambda r: r["id"])
        per_file.append((f.stem, [rows[i:i + size] for i in range(0, len(rows) - size + 1, size)]))
    k = 0
    for n in range(max(len(chunks) for _, chunks in per_file)):
        for stem, chunks in per_file:
            if n < len(chunks):
                copy_key = "mt_sent" if k % 3 == 2 else "pert_sent"
                ref = " ".join(r["eng_sent"].strip() for r in chunks[n])
                cand = " ".join((r.get(copy_key) or r["mt_sent"]).strip() for r in chunks[n])
                k += 1
                yield stem, ref, cand


def build_corpus(directory: Path, data: Path, docs: int) -> Path:
    """A JSONL manifest of ``docs`` items (the seed pair first, then DEMETR articles, cycled if needed)."""
    directory.mkdir(parents=True, exist_ok=True)
    seeds = ROOT / "seeds"
    (directory / "seed.ref.txt").write_text((seeds / "original.txt").read_text(encoding="utf-8"), encoding="utf-8")
    (directory / "seed.cand.txt").write_text((seeds / "roundtrip.txt").read_text(encoding="utf-8"), encoding="utf-8")
    articles = list(demetr_articles(data))
    manifest = directory / "manifest.jsonl"
    with manifest.open("w", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "seed", "reference": "seed.ref.txt", "candidate": "seed.cand.txt"}) + "\n")
        for i in range(docs - 1):
            stem, ref, cand = articles[i % len(articles)]
            # text files, as a real corpus would be; inline text is exercised by the tests
            (directory / f"a{i}.ref.txt").write_text(ref + "\n", encoding="utf-8")
            (directory / f"a{i}.cand.txt").write_text(cand + "\n", encoding="utf-8")
            fh.write(json.dumps({"id": f"{stem}-{i}", "reference": f"a{i}.ref.txt", "candidate": f"a{i}.cand.txt"}) + "\n")
    return manifest


def run_corpus(manifest: Path, out: Path, jobs: int, poll: bool = False) -> dict:
    """Run `mtqe corpus` in a subprocess; wall time, and (poll=True) the peak RSS of its process tree."""
    cmd = [sys.executable, "-m", "mtqe", "corpus", str(manifest), "-o", str(out), "--jobs", str(jobs), "-q"]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peak_tree = peak_one = 0
    if poll:
        import psutil

        root = psutil.Process(proc.pid)
        while proc.poll() is None:
            try:
                procs = [root, *root.children(recursive=True)]
                rss = []
                for p in procs:
                    try:
                        rss.append(p.memory_info().rss)
                    except psutil.Error:
                        pass
                peak_tree, peak_one = max(peak_tree, sum(rss)), max(peak_one, max(rss, default=0))
            except psutil.Error:
                pass
            time.sleep(0.05)
    _, err = proc.communicate()
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(f"mtqe corpus failed ({proc.returncode}): {err.strip()}")
    return {"seconds": wall, "peak_tree_mb": peak_tree / 1e6, "peak_process_mb": peak_one / 1e6}


def bare_sacrebleu(results: Path) -> tuple[float, int, int]:
    """Seconds for sentence BLEU + chrF over every aligned (ref, cand) segment of the results; pairs, segments."""
    from sacrebleu.metrics import BLEU, CHRF

    segs: list[tuple[str, str]] = []
    docs = 0
    for line in results.open(encoding="utf-8"):
        rec = json.loads(line)
        if "report" not in rec:
            continue
        docs += 1
        segs += [(s["ref"], s["cand"]) for s in rec["report"]["segments"] if s["ref_ids"] and s["cand_ids"]]
    bleu, chrf = BLEU(effective_order=True), CHRF()
    t0 = time.perf_counter()
    for ref, cand in segs:
        bleu.sentence_score(cand, [ref])
        chrf.sentence_score(cand, [ref])
    return time.perf_counter() - t0, docs, len(segs)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="DEMETR dev folder (default: %(default)s)")
    ap.add_argument("--docs", type=int, default=120, help="documents in the 1x corpus (default: %(default)s)")
    ap.add_argument("--scale", type=int, default=10, help="size of the large corpus, in multiples of --docs")
    ap.add_argument("--json", type=Path, help="also write the figures here")
    args = ap.parse_args(argv)
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    fig: dict = {"docs": args.docs, "cores": cores, "load_avg_before": os.getloadavg()[0]}
    with tempfile.TemporaryDirectory(prefix="mtqe-bench-") as tmp:
        tmp = Path(tmp)
        small = build_corpus(tmp / "x1", args.data, args.docs)
        large = build_corpus(tmp / f"x{args.scale}", args.data, args.docs * args.scale)

        # warm the page cache, the interpreter's bytecode and mtqe's word-list index before timing anything
        run_corpus(small, tmp / "warm.jsonl", 2)
        for label, manifest in (("1x", small), (f"{args.scale}x", large)):
            # (b) scaling: the whole command, --jobs 1 (in-process) against --jobs 2 (two workers);
            # the --jobs 2 run also gives (c) the peak RSS of the process tree
            j1 = run_corpus(manifest, tmp / f"j1-{label}.jsonl", 1)
            j2 = run_corpus(manifest, tmp / f"j2-{label}.jsonl", 2, poll=True)
            # (a) against bare sacrebleu on the same aligned sentence pairs
            sb_seconds, docs, segs = bare_sacrebleu(tmp / f"j1-{label}.jsonl")
            fig[label] = {
                "documents": docs, "aligned_segments": segs,
                "jobs1_seconds": round(j1["seconds"], 2), "jobs2_seconds": round(j2["seconds"], 2),
                "scaling_1_to_2": round(j1["seconds"] / j2["seconds"], 2),
                "mtqe_jobs1_pairs_per_s": round(docs / j1["seconds"], 2),
                "mtqe_jobs2_pairs_per_s": round(docs / j2["seconds"], 2),
                "sacrebleu_pairs_per_s": round(docs / sb_seconds, 2),
                "ratio_jobs1_to_sacrebleu": round(sb_seconds / j1["seconds"], 3),
                "ratio_jobs2_to_sacrebleu": round(sb_seconds / j2["seconds"], 3),
                "rss_tree_mb": round(j2["peak_tree_mb"], 1), "rss_process_mb": round(j2["peak_process_mb"], 1),
            }
        fig["rss_ratio"] = round(fig[f"{args.scale}x"]["rss_tree_mb"] / fig["1x"]["rss_tree_mb"], 3)
    fig["load_avg_after"] = os.getloadavg()[0]

    print(f"corpus: {args.docs} documents (1x), {args.docs * args.scale} ({args.scale}x); {cores} cores; "
          f"load average {fig['load_avg_before']:.2f} before, {fig['load_avg_after']:.2f} after")
    for label in ("1x", f"{args.scale}x"):
        f = fig[label]
        print(f"{label:>4}: (a) --jobs 1 {f['mtqe_jobs1_pairs_per_s']} pairs/s, bare sacrebleu (sentence BLEU+chrF on "
              f"{f['aligned_segments']} aligned segments) {f['sacrebleu_pairs_per_s']} pairs/s: ratio "
              f"{f['ratio_jobs1_to_sacrebleu']} (--jobs 2: {f['ratio_jobs2_to_sacrebleu']})")
        print(f"      (b) --jobs 1 {f['jobs1_seconds']} s, --jobs 2 {f['jobs2_seconds']} s: speed-up "
              f"{f['scaling_1_to_2']}x (target >= 1.7)")
        print(f"      (c) peak RSS at --jobs 2, parent + workers {f['rss_tree_mb']} MB, largest process "
              f"{f['rss_process_mb']} MB")
    print(f"peak RSS {args.scale}x / 1x: {fig['rss_ratio']} (target <= 1.2)")
    if args.json:
        args.json.write_text(json.dumps(fig, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
