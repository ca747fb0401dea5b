"""Detection quality on real round trips of real news, judged against editors' span annotations.

Usage: python benchmarks/realworld_eval.py [--data ../shared/roundtrip-dev] [--half dev|check|all]
           [--semantic] [--json out.json] [--show-misses CATEGORY] [--show-false CATEGORY] [--examples N]

Each annotated article (``gold/NAME.json``) pairs ``NAME.ref.txt`` (the original) with ``NAME.pt.txt``
(its English -> Portuguese -> English copy); every pair goes through ``mtqe.compare()`` with default options
(``--semantic`` adds the optional embedding stage, and the seconds the comparisons took are printed).
Matching happens in document offsets, whitespace-normalised: a flag's segment-relative span is mapped
through the report's sentence ids to the sentence offsets of ``mtqe.segment.split``; a gold error's
``ref_text`` / ``cand_text`` is located inside its paragraph (blank-line-separated blocks, 0 = headline).

- a flag **hits** a gold error when its cand_span (or its ref_span where it has no copy span, or the
  segment's extent for a whole-segment flag) overlaps the gold span on the same side;
- precision: share of flags hitting any gold error, by flag severity, category and code;
- recall: share of gold errors touched by any flag, by gold category and severity;
- segment AUC: risk, and 100 - chrF (0 where nothing aligned), separating segments touching a
  major/critical gold error from segments touching no gold error;
- clean-flagged: share of gold-clean segments (touching no gold error) carrying a major/critical flag;
- the relation and the default gate's verdict per copy.
Every figure is given twice: quotes aside (see ``evaluate_view``) and with everything.

``--half`` splits the articles deterministically (by a hash of the name) so rules are tuned on one half
and checked on the other.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from bisect import bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "roundtrip-dev"
SERIOUS = ("major", "critical")
SEVERITIES = ("minor", "major", "critical")
Span = tuple[int, int]


@dataclass(frozen=True)
class GoldError:
    article: str
    paragraph: int
    category: str
    severity: str
    ref: Span | None  # document offsets in the reference, None when ref_text is empty (an addition)
    cand: Span | None  # ... in the copy, None for an omission
    ref_text: str
    cand_text: str
    note: str


@dataclass(frozen=True)
class FlagAt:
    article: str
    segment: int
    code: str
    category: str
    severity: str
    side: str  # "cand", "ref" or "segment": which span the flag is matched by
    ref: Span | None
    cand: Span | None
    message: str
    ref_text: str | None
    cand_text: str | None


@dataclass(frozen=True)
class SegmentAt:
    article: str
    index: int
    ref: Span | None  # the segment's extent in each document
    cand: Span | None
    risk: float
    risk_quotes_aside: float
    chrf: float | None
    ref_text: str
    cand_text: str


def split_half(names: list[str], half: str) -> list[str]:
    """A deterministic half of the articles: sorted by sha1 of the name, the first half is 'dev'."""
    if half == "all":
        return sorted(names)
    ranked = sorted(names, key=lambda n: hashlib.sha1(n.encode()).hexdigest())
    cut = (len(ranked) + 1) // 2
    return sorted(ranked[:cut] if half == "dev" else ranked[cut:])


def paragraphs(text: str) -> list[Span]:
    """[start, end) of each blank-line-separated block, stripped."""
    out, pos = [], 0
    for m in list(re.finditer(r"\n[ \t]*\n\s*", text)) + [None]:
        end = m.start() if m else len(text)
        block = text[pos:end]
        lead = len(block) - len(block.lstrip())
        out.append((pos + lead, pos + len(block.rstrip())))
        if m:
            pos = m.end()
    return [s for s in out if s[0] < s[1]]


def normalised(text: str) -> tuple[str, list[int]]:
    """Whitespace runs collapsed to one space, with each kept character's offset in ``text``."""
    chars, where = [], []
    for m in re.finditer(r"\s+|\S+", text):
        if m.group()[0].isspace():
            if chars and chars[-1] != " ":
                chars.append(" ")
                where.append(m.start())
        else:
            chars.extend(m.group())
            where.extend(range(m.start(), m.end()))
    return "".join(chars), where


def locate(doc: str, para: Span, needle: str) -> Span | None:
    """Where ``needle`` (whitespace-normalised) sits inside a paragraph, in document offsets."""
    needle = " ".join(needle.split())
    if not needle:
        return None
    norm, where = normalised(doc[para[0]:para[1]])
    at = norm.find(needle)
    if at < 0:
        raise ValueError(f"gold text {needle!r} not in paragraph")
    return para[0] + where[at], para[0] + where[at + len(needle) - 1] + 1


def overlaps(a: Span | None, b: Span | None) -> bool:
    if a is None or b is None:
        return False
    if a[0] == a[1]:  # a point (an insertion place) touches a span that contains it
        return b[0] <= a[0] <= b[1]
    return a[0] < b[1] and b[0] < a[1]


class SegmentMap:
    """Segment-relative offsets -> document offsets, via the sentences a segment joins with single spaces."""

    def __init__(self, sentences, ids: tuple[int, ...]):
        self.sents = [sentences[i] for i in ids]
        self.starts, pos = [], 0
        for s in self.sents:
            self.starts.append(pos)
            pos += len(s.text) + 1

    @property
    def extent(self) -> Span | None:
        return (self.sents[0].start, self.sents[-1].end) if self.sents else None

    def span(self, span: tuple[int, int] | None) -> Span | None:
        if span is None or not self.sents:
            return None
        a, b = span
        i = max(0, bisect_right(self.starts, a) - 1)
        j = max(0, bisect_right(self.starts, max(a, b - 1)) - 1)  # the sentence holding the last character
        start = self.sents[i].start + min(a - self.starts[i], len(self.sents[i].text))
        end = self.sents[j].start + min(b - self.starts[j], len(self.sents[j].text))
        return start, max(start, end)


def _check_mapped(name: str, flag, ref: Span | None, cand: Span | None, ref_doc: str, cand_doc: str) -> None:
    """A mapped span must cover the very text the flag quotes, or every figure below would be wrong."""
    for span, doc, text in ((ref, ref_doc, flag.ref_text), (cand, cand_doc, flag.cand_text)):
        if span is not None and text is not None and " ".join(doc[span[0]:span[1]].split()) != " ".join(text.split()):
            raise RuntimeError(f"{name}: {flag.code} span maps to {doc[span[0]:span[1]]!r}, not {text!r}")


def load_gold(data: Path, name: str, ref_doc: str, cand_doc: str) -> list[GoldError]:
    gold = json.loads((data / "gold" / f"{name}.json").read_text(encoding="utf-8"))
    ref_paras, cand_paras = paragraphs(ref_doc), paragraphs(cand_doc)
    if len(ref_paras) != len(cand_paras):
        raise ValueError(f"{name}: {len(ref_paras)} reference paragraphs but {len(cand_paras)} in the copy")
    out = []
    for para in gold["paragraphs"]:
        i = para["index"]
        for e in para["errors"]:
            out.append(GoldError(
                name, i, e["category"], e["severity"],
                locate(ref_doc, ref_paras[i], e["ref_text"]), locate(cand_doc, cand_paras[i], e["cand_text"]),
                e["ref_text"], e["cand_text"], e.get("note", ""),
            ))
    return out


def run_article(data: Path, name: str, comparer) -> dict:
    """Compare one article with its copy; gold errors, flags and segments in document offsets."""
    from mtqe.document import from_text
    from mtqe.gate import Gate, apply
    from mtqe.risk import segment_risk
    from mtqe.segment import split

    ref_doc = from_text((data / f"{name}.ref.txt").read_text(encoding="utf-8")).text
    cand_doc = from_text((data / f"{name}.pt.txt").read_text(encoding="utf-8")).text
    report = apply(comparer.compare_texts(ref_doc, cand_doc), Gate())
    ref_sents, cand_sents = split(from_text(ref_doc)), split(from_text(cand_doc))
    if len(ref_sents) != report.reference.sentences or len(cand_sents) != report.candidate.sentences:
        raise RuntimeError(f"{name}: sentence split differs from the report's")
    flags, segments = [], []
    for seg in report.segments:
        rmap, cmap = SegmentMap(ref_sents, seg.ref_ids), SegmentMap(cand_sents, seg.cand_ids)
        aside = tuple(f for f in seg.flags if f.category != "quote")
        segments.append(SegmentAt(
            name, seg.index, rmap.extent, cmap.extent, seg.risk,
            segment_risk(aside, seg.scores, reference=seg.ref, unaligned=not (seg.ref_ids and seg.cand_ids)),
            seg.scores.get("chrf"), seg.ref, seg.cand,
        ))
        for f in seg.flags:
            if f.cand_span is not None:
                side, r, c = "cand", None, cmap.span(f.cand_span)
            elif f.ref_span is not None:
                side, r, c = "ref", rmap.span(f.ref_span), None
            else:
                side, r, c = "segment", rmap.extent, cmap.extent
            _check_mapped(name, f, r, c, ref_doc, cand_doc)
            flags.append(FlagAt(name, seg.index, f.code, f.category, f.severity, side, r, c,
                                f.message, f.ref_text, f.cand_text))
    return {
        "name": name,
        "ref_doc": ref_doc,
        "cand_doc": cand_doc,
        "gold": load_gold(data, name, ref_doc, cand_doc),
        "flags": flags,
        "segments": segments,
        "relation": report.relation,
        "passed": report.verdict.passed,
        "chrf": report.scores.get("chrf"),
        "serious_flags": sum(f.severity in SERIOUS for f in report.flags),
        "serious_flags_quotes_aside": sum(f.severity in SERIOUS and f.category != "quote" for f in report.flags),
    }


def hits(flag: FlagAt, error: GoldError) -> bool:
    return overlaps(flag.cand, error.cand) or overlaps(flag.ref, error.ref)


def touches(seg: SegmentAt, error: GoldError) -> bool:
    return overlaps(error.ref, seg.ref) or overlaps(error.cand, seg.cand)


def auc(positives: list[float], negatives: list[float]) -> float:
    """P(random positive > random negative), ties counting half (Mann-Whitney U)."""
    if not positives or not negatives:
        return float("nan")
    wins = sum((p > n) + 0.5 * (p == n) for p in positives for n in negatives)
    return wins / (len(positives) * len(negatives))


def _ratio(k: int, n: int) -> float | None:
    return round(k / n, 4) if n else None


def evaluate_view(articles: list[dict], quotes_aside: bool) -> dict:
    """Every figure for one view: quotation flags and errors aside, or everything.

    Quotes aside: precision counts no quote flag (a non-quote flag on a gold quote error still hits: it
    found real damage); recall and the AUC's positives count no gold quote error (any flag, a quote flag
    too, may touch the rest); risk is recomputed without quote flags. Gold-clean segments touch no gold
    error of any category, in both views, so damage never counts as clean.
    """
    def keep(category: str) -> bool:
        return not (quotes_aside and category == "quote")

    prec = defaultdict(lambda: [0, 0])  # key -> [hits, flags]
    rec = defaultdict(lambda: [0, 0])  # key -> [touched, errors]
    pos, neg, pos_chrf, neg_chrf = [], [], [], []
    clean_flagged = 0
    for art in articles:
        flags = [f for f in art["flags"] if keep(f.category)]
        for f in flags:
            hit = any(hits(f, e) for e in art["gold"])
            for key in ("all", f"sev:{f.severity}", f"cat:{f.category}", f"code:{f.code}",
                        "serious" if f.severity in SERIOUS else None):
                if key:
                    prec[key][0] += hit
                    prec[key][1] += 1
        gold = [e for e in art["gold"] if keep(e.category)]
        for e in gold:
            touched = any(hits(f, e) for f in art["flags"])
            keys = ["all", f"sev:{e.severity}", f"cat:{e.category}"]
            if e.severity in SERIOUS:
                keys += ["serious", f"serious-cat:{e.category}"]
            for key in keys:
                rec[key][0] += touched
                rec[key][1] += 1
        serious_by_seg = Counter(f.segment for f in flags if f.severity in SERIOUS)
        for seg in art["segments"]:
            risk = seg.risk_quotes_aside if quotes_aside else seg.risk
            chrf_risk = 100.0 - (seg.chrf if seg.chrf is not None else 0.0)  # nothing aligned: nothing kept
            if any(e.severity in SERIOUS and touches(seg, e) for e in gold):
                pos.append(risk)
                pos_chrf.append(chrf_risk)
            elif not any(touches(seg, e) for e in art["gold"]):
                neg.append(risk)
                neg_chrf.append(chrf_risk)
                clean_flagged += serious_by_seg[seg.index] > 0
    return {
        "precision": {k: {"hits": h, "flags": n, "precision": _ratio(h, n)} for k, (h, n) in sorted(prec.items())},
        "recall": {k: {"touched": t, "errors": n, "recall": _ratio(t, n)} for k, (t, n) in sorted(rec.items())},
        "segments": {
            "positive": len(pos), "negative": len(neg),
            "risk_auc": round(auc(pos, neg), 4), "chrf_auc": round(auc(pos_chrf, neg_chrf), 4),
            "clean": len(neg), "clean_with_serious_flag": clean_flagged,
            "clean_flagged_share": _ratio(clean_flagged, len(neg)),
        },
    }


def evaluate(data: Path, half: str = "all", limit: int | None = None, semantic: bool = False) -> dict:
    """Every figure over one half of the annotated articles (the first ``limit`` of them, if given)."""
    import time

    from mtqe.options import Options
    from mtqe.pipeline import Comparer

    names = split_half([p.stem for p in (data / "gold").glob("*.json")], half)[:limit]
    if not names:
        raise SystemExit(f"no gold/*.json annotations in {data}")
    comparer = Comparer(Options(semantic=semantic))
    started = time.process_time()
    articles = [run_article(data, name, comparer) for name in names]
    return {
        "half": half,
        "semantic": semantic,
        "cpu_seconds": round(time.process_time() - started, 2),
        "segments": sum(len(a["segments"]) for a in articles),
        "articles": names,
        "gold_errors": len([e for a in articles for e in a["gold"]]),
        "quotes_aside": evaluate_view(articles, quotes_aside=True),
        "with_quotes": evaluate_view(articles, quotes_aside=False),
        "copies": [{k: a[k] for k in ("name", "relation", "passed", "chrf", "serious_flags",
                                      "serious_flags_quotes_aside")} for a in articles],
        "_articles": articles,  # for --show-*; dropped from the JSON
    }


def _fmt(x: float | None) -> str:
    return "  -  " if x is None else f"{x:.2f}"


def _cell(table: dict, key: str) -> str:
    """'0.79 (30/38)' for a precision or recall row, '-' where nothing was counted."""
    if key not in table:
        return "-"
    row = table[key]
    value, num, den = (row["precision"], row["hits"], row["flags"]) if "flags" in row else \
        (row["recall"], row["touched"], row["errors"])
    return f"{_fmt(value)} ({num}/{den})"


def print_view(title: str, view: dict) -> None:
    p, r, s = view["precision"], view["recall"], view["segments"]
    print(f"\n== {title}")
    print("precision (flag hits a gold error), by flag severity and category")
    for key in ["all", "serious"] + [f"sev:{x}" for x in SEVERITIES] + sorted(k for k in p if k.startswith("cat:")):
        print(f"  {key:<16} {_cell(p, key)}")
    codes = sorted(k for k in p if k.startswith("code:"))
    for at in range(0, len(codes), 5):
        print("  " + "  ".join(f"{k[5:]} {_cell(p, k):<13}" for k in codes[at:at + 5]))
    print("recall (gold error touched by any flag), by gold severity and category")
    for key in ["all", "serious"] + [f"sev:{x}" for x in SEVERITIES]:
        print(f"  {key:<16} {_cell(r, key)}")
    print(f"  {'category':<16} {'major/critical':<18} every severity")
    for cat in sorted(k[4:] for k in r if k.startswith("cat:")):
        print(f"  {cat:<16} {_cell(r, 'serious-cat:' + cat):<18} {_cell(r, 'cat:' + cat)}")
    print(f"segments: {s['positive']} touching major/critical damage, {s['negative']} gold-clean; "
          f"risk AUC {s['risk_auc']:.3f}, 100-chrF AUC {s['chrf_auc']:.3f} "
          f"(gap {s['risk_auc'] - s['chrf_auc']:+.3f}); "
          f"gold-clean with a major/critical flag {_fmt(s['clean_flagged_share'])} "
          f"({s['clean_with_serious_flag']}/{s['clean']})")


def show_misses(articles: list[dict], category: str) -> None:
    for art in articles:
        for e in art["gold"]:
            if e.category == category and not any(hits(f, e) for f in art["flags"]):
                print(f"MISS {e.severity:<8} {art['name']} p{e.paragraph}: {e.ref_text!r} -> {e.cand_text!r}"
                      f"  ({e.note})")


def show_false(articles: list[dict], category: str) -> None:
    for art in articles:
        segs = {s.index: s for s in art["segments"]}
        for f in art["flags"]:
            if f.category == category and not any(hits(f, e) for e in art["gold"]):
                seg = segs[f.segment]
                print(f"FALSE {f.code} {f.severity:<8} {art['name']} seg {f.segment}: "
                      f"{f.ref_text!r} -> {f.cand_text!r}: {f.message}")
                print(f"   REF: {seg.ref_text}\n   CAND: {seg.cand_text}")


def show_examples(articles: list[dict], n: int) -> None:
    """Hand-checkable matches: each example prints the flag's text and the gold text it was matched to."""
    shown = Counter()
    for art in articles:
        ref, cand = art["ref_doc"], art["cand_doc"]
        for f in art["flags"]:
            for e in art["gold"]:
                kind = "hit" if hits(f, e) else None
                if kind and shown[f.side] < n:
                    shown[f.side] += 1
                    fr = ref[f.ref[0]:f.ref[1]] if f.ref else None
                    fc = cand[f.cand[0]:f.cand[1]] if f.cand else None
                    print(f"HIT via {f.side:<7} {f.code} {art['name'][:40]} flag ref={fr!r} cand={fc!r}\n"
                          f"    gold {e.category}/{e.severity} ref={e.ref_text!r} cand={e.cand_text!r}")
                    break


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="a roundtrip-dev checkout (with gold/)")
    ap.add_argument("--half", choices=("dev", "check", "all"), default="all")
    ap.add_argument("--semantic", action="store_true", help="compare with the optional embedding stage")
    ap.add_argument("--json", type=Path, help="write every figure to this file")
    ap.add_argument("--show-misses", metavar="CATEGORY", help="print gold errors of CATEGORY no flag touched")
    ap.add_argument("--show-false", metavar="CATEGORY", help="print flags of CATEGORY that hit no gold error")
    ap.add_argument("--examples", type=int, default=0, metavar="N", help="print N matches per side to check")
    args = ap.parse_args(argv)
    if not (args.data / "gold").is_dir():
        print(f"skipped: no annotated round trips at {args.data} (expected {args.data}/gold/*.json); "
              "pass --data PATH to a roundtrip-dev checkout", file=sys.stderr)
        return 0
    result = evaluate(args.data, args.half, semantic=args.semantic)
    articles = result.pop("_articles")
    print(f"{len(articles)} articles ({args.half}{', semantic' if args.semantic else ''}), "
          f"{result['gold_errors']} gold errors; {result['segments']} segments compared in "
          f"{result['cpu_seconds']:.1f} s CPU (loading included)")
    print_view("quotes aside", result["quotes_aside"])
    print_view("with quotes", result["with_quotes"])
    print("\ncopies: relation, default gate, chrF, major/critical flags (quotes aside)")
    for c in result["copies"]:
        print(f"  {c['name'][:60]:<60} {c['relation']:<19} {'pass' if c['passed'] else 'FAIL'} "
              f"{c['chrf']:6.2f} {c['serious_flags']:3d} ({c['serious_flags_quotes_aside']})")
    if args.show_misses:
        show_misses(articles, args.show_misses)
    if args.show_false:
        show_false(articles, args.show_false)
    if args.examples:
        show_examples(articles, args.examples)
    if args.json:
        args.json.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
