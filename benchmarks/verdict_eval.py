"""Verdict accuracy on real copies of real articles (../shared/roundtrip-dev), per class.

Usage: python benchmarks/verdict_eval.py [--data ../shared/roundtrip-dev] [--limit N] [--json rows.json]
                                         [--reports reports.jsonl]

Every article of the data set gives these cases (each goes through Comparer.compare_texts, as `mtqe
score` runs it), with the relation(s) the verdict must give:
- round-trip: its .pt (Bergamot), .es and .ca (Apertium) copies -> round-trip-suspect;
- different-language: its .pt.mid copy (Portuguese) -> different-language;
- unrelated: the next article's .pt copy -> unrelated;
- light-edit: two copies of the original, each with two copy-editor edits (a promotional line, the last
  paragraph trimmed, US house style, lines rewrapped at 72 columns, a new headline; the ten pairs taken in
  turn) -> light-edit, or identical when no word changed;
- shifted: the .pt copy under a block of the next article's sentences (30% of the original's count), its
  tail cut by as many of the original's sentences -> round-trip-suspect, with coverage within 0.1 of the
  share of the original kept;
- shifted-heavy: the same with a block of 50%, 60% or 70% of the original's count (in turn): less than
  half of the copy is the article's, and it is still a round trip, not unrelated;
- moved: the original with two paragraphs swapped -> light-edit (the moved-block flags are counted
  apart: `moved reported`).
Articles are split in two halves by a hash of their name: tune on one, check on the other, report both.
Without the data set the benchmark says so and exits 0.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import re
import sys
import textwrap
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "roundtrip-dev"
ROUND_TRIP, IDENTICAL, LIGHT, UNRELATED, OTHER_LANGUAGE = (
    "round-trip-suspect", "identical", "light-edit", "unrelated", "different-language")
CLASSES = ("round-trip", "different-language", "unrelated", "light-edit", "shifted", "shifted-heavy", "moved")
HEAVY_SHARES = (0.5, 0.6, 0.7)  # block sizes of the shifted-heavy copies, in turn
COVERAGE_TOLERANCE = 0.1

# Promotional lines of the kinds content farms inject (varied wording: the verdict must not know them).
PROMOS = (
    "Add thelocalreport.in As A Trusted Source",
    "Follow us on Google News for the latest updates.",
    "Click here to join our WhatsApp channel for breaking news.",
    "Subscribe to our newsletter to get the top stories every morning.",
    "(With inputs from agencies)",
    "Download our app for the fastest news alerts.",
)


@dataclass(frozen=True)
class Case:
    article: str
    cls: str
    kind: str
    reference: str
    candidate: str
    expected: tuple[str, ...]
    kept: float | None = None  # share of the original a shifted copy keeps


def half(article: str) -> str:
    return "tune" if hashlib.sha1(article.encode()).digest()[0] % 2 == 0 else "check"


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.split("\n\n") if p.strip()]


def join(paras: list[str]) -> str:
    return "\n\n".join(paras) + "\n"


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text)


# --- copy-editor edits: each takes the paragraph list and a seed, returns the edited list ---------------------

def promo(paras: list[str], seed: int) -> list[str]:
    line = PROMOS[seed % len(PROMOS)]
    where = (0, 1, len(paras))[seed % 3]
    return paras[:where] + [line] + paras[where:]


def trim(paras: list[str], seed: int) -> list[str]:
    return paras[:-1] if len(paras) > 3 else paras


_DOTTED = re.compile(r"\b([A-Z])\.([A-Z])\.(?:([A-Z])\.)?")


def us_style(paras: list[str], seed: int) -> list[str]:
    return [_DOTTED.sub(lambda m: "".join(g for g in m.groups() if g), p) for p in paras]


def rewrap(paras: list[str], seed: int) -> list[str]:
    return [textwrap.fill(p, 72) for p in paras]


def new_headline(paras: list[str], seed: int) -> list[str]:
    """A rewritten headline: the lede's opening clause, or a teaser form of the old headline."""
    lede = re.split(r"[,;:.]", paras[1])[0].split() if len(paras) > 1 else []
    forms = (
        " ".join(lede[:10]),
        "What we know: " + paras[0],
        paras[0].split(" as ")[0] + ", officials say",
    )
    headline = forms[seed % len(forms)].strip() or paras[0]
    return [headline] + paras[1:]


EDITS = {"promo": promo, "trim": trim, "us-style": us_style, "rewrap": rewrap, "headline": new_headline}
EDIT_PAIRS = list(itertools.combinations(EDITS, 2))


def light_edit(text: str, pair: tuple[str, str], seed: int) -> str:
    paras = paragraphs(text)
    for name in pair:
        paras = EDITS[name](paras, seed)
    return join(paras)


def shifted(ref: str, copy: str, other: str, share: float = 0.3) -> tuple[str, float]:
    """``copy`` under a block of ``other``'s sentences (one a line), its tail cut by as many of the
    reference's sentences; returns the copy and the share of the reference it still carries.

    A round trip splits or merges sentences, so the cut is made paragraph by paragraph (every copy keeps
    the original's paragraphs): whole paragraphs from the end, then the part of the last one that makes
    up the count, in proportion to its sentences on either side.
    """
    from mtqe.document import from_text
    from mtqe.segment import split

    def counts(text):
        return [len(split(from_text(p))) for p in paragraphs(text)]

    ref_n, copy_paras = counts(ref), paragraphs(copy)
    copy_n = counts(copy)
    k = max(2, round(share * sum(ref_n)))
    block = [s.text for s in split(from_text(other))][:k]
    need, last = k, len(copy_paras)
    while last > 1 and ref_n[last - 1] <= need:
        need -= ref_n[last - 1]
        last -= 1
    kept_paras = copy_paras[:last]
    if need:
        sents = split(from_text(kept_paras[-1]))
        drop = min(len(sents) - 1, round(need * copy_n[last - 1] / ref_n[last - 1]))
        if drop > 0:
            kept_paras[-1] = kept_paras[-1][: sents[len(sents) - drop].start].rstrip()
    cut = "\n\n".join(kept_paras)
    return "\n".join(block) + "\n\n" + cut + "\n", (sum(ref_n) - k) / sum(ref_n)


def swapped(text: str) -> str:
    paras = paragraphs(text)
    i = max(1, len(paras) // 2 - 1)  # two body paragraphs in the middle
    paras[i], paras[i + 1] = paras[i + 1], paras[i]
    return join(paras)


def build_cases(data: Path, limit: int | None = None) -> list[Case]:
    names = sorted(p.name[: -len(".ref.txt")] for p in data.glob("*.ref.txt"))
    if limit:
        names = names[:limit]
    read = lambda n, suffix: (data / f"{n}.{suffix}.txt").read_text(encoding="utf-8")  # noqa: E731
    cases: list[Case] = []
    for k, name in enumerate(names):
        ref = read(name, "ref")
        other = names[(k + 1) % len(names)]
        for pivot in ("pt", "es", "ca"):
            if (data / f"{name}.{pivot}.txt").exists():
                cases.append(Case(name, "round-trip", pivot, ref, read(name, pivot), (ROUND_TRIP,)))
        if (data / f"{name}.pt.mid.txt").exists():
            cases.append(Case(name, "different-language", "pt.mid", ref, read(name, "pt.mid"), (OTHER_LANGUAGE,)))
        cases.append(Case(name, "unrelated", f"{other}.pt", ref, read(other, "pt"), (UNRELATED,)))
        for j in range(2):
            pair = EDIT_PAIRS[(2 * k + j) % len(EDIT_PAIRS)]
            cand = light_edit(ref, pair, k + j)
            same = words(cand) == words(join(paragraphs(ref)))
            cases.append(Case(name, "light-edit", "+".join(pair), ref, cand, (IDENTICAL,) if same else (LIGHT,)))
        cand, kept = shifted(ref, read(name, "pt"), read(other, "ref"))
        cases.append(Case(name, "shifted", "pt", ref, cand, (ROUND_TRIP,), kept))
        share = HEAVY_SHARES[k % len(HEAVY_SHARES)]
        cand, kept = shifted(ref, read(name, "pt"), read(other, "ref"), share)
        cases.append(Case(name, "shifted-heavy", f"pt-{share:.0%}", ref, cand, (ROUND_TRIP,), kept))
        cases.append(Case(name, "moved", "swap", ref, swapped(ref), (LIGHT,)))
    return cases


def evaluate(cases: list[Case], reports_out: Path | None = None) -> list[dict]:
    from mtqe.pipeline import Comparer

    comparer = Comparer()
    rows = []
    sink = reports_out.open("w", encoding="utf-8") if reports_out else None
    for case in cases:
        report = comparer.compare_texts(case.reference, case.candidate)
        d = report.to_dict()
        ok = report.relation in case.expected
        coverage_ok = case.kept is None or abs(report.coverage - case.kept) <= COVERAGE_TOLERANCE
        rows.append({
            "article": case.article, "half": half(case.article), "class": case.cls, "kind": case.kind,
            "relation": report.relation, "expected": list(case.expected), "ok": ok and coverage_ok,
            "relation_ok": ok, "coverage": report.coverage, "kept": case.kept,
            "evidence": d["document"].get("evidence"), "confidence": d["document"].get("confidence"),
            "moved": sum(f.category == "moved" for f in report.flags),
            "flags": len(report.flags),
        })
        if sink:
            sink.write(json.dumps({"case": rows[-1], "report": d}, ensure_ascii=False) + "\n")
    if sink:
        sink.close()
    return rows


def table(rows: list[dict]) -> str:
    by = defaultdict(list)
    for r in rows:
        by[(r["class"], r["half"])].append(r)
    lines = ["| class | tune | check | all |", "|---|---:|---:|---:|"]

    def cell(rs):
        return f"{sum(r['ok'] for r in rs) / len(rs):.3f} ({sum(r['ok'] for r in rs)}/{len(rs)})" if rs else "-"

    for cls in CLASSES:
        t, c = by[(cls, "tune")], by[(cls, "check")]
        lines.append(f"| {cls} | {cell(t)} | {cell(c)} | {cell(t + c)} |")
    shifted_rows = [r for r in rows if r["class"].startswith("shifted")]
    moved_rows = [r for r in rows if r["class"] == "moved"]
    if shifted_rows:
        err = sum(abs(r["coverage"] - r["kept"]) for r in shifted_rows) / len(shifted_rows)
        rel = sum(r["relation_ok"] for r in shifted_rows) / len(shifted_rows)
        lines.append(f"\nshifted: relation right {rel:.3f}, mean |coverage - share kept| {err:.3f}")
    if moved_rows:
        rate = sum(r["moved"] > 0 for r in moved_rows) / len(moved_rows)
        lines.append(f"moved: swapped paragraphs reported as moved in {rate:.3f} of copies")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the roundtrip-dev folder")
    ap.add_argument("--limit", type=int, help="only the first N articles")
    ap.add_argument("--json", type=Path, help="write one row per case here")
    ap.add_argument("--reports", type=Path, help="write every case's full report here (JSON lines)")
    ap.add_argument("--show", action="store_true", help="print every misclassified case")
    args = ap.parse_args(argv)
    if not (args.data / "manifest.jsonl").is_file():
        print(f"verdict_eval: skipped: no roundtrip-dev data at {args.data} (pass --data)")
        return 0
    cases = build_cases(args.data, args.limit)
    t0 = time.perf_counter()
    rows = evaluate(cases, args.reports)
    print(f"{len(rows)} cases from {len({r['article'] for r in rows})} articles in {time.perf_counter() - t0:.0f} s")
    print(table(rows))
    if args.show:
        for r in rows:
            if not r["ok"]:
                print(f"MISS {r['class']:18} {r['kind']:18} {r['relation']:20} cov={r['coverage']:.2f} "
                      f"kept={r['kept']} {r['article'][:50]} {r['evidence']}")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
