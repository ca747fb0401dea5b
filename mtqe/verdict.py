"""How the copy relates to the reference, from evidence spread over the document.

The five relations, decided in this order:
- ``identical``: the same text once quotes, dashes and whitespace are folded (rewrapping changes nothing);
- ``different-language``: the two documents are in different languages;
- ``unrelated``: less than half of the reference's sentences found a counterpart, and less than half of the
  copy's, unless what is paired is close (chrF 60 or more on average, at least 15% of one side: a copy
  whose top was replaced and tail cut); or the sentences paired share little text (chrF under 40);
- ``round-trip-suspect``: machine-translation evidence over most of the document: the share of aligned
  sentences whose words changed (house style aside), the share changed by two words or more, and the
  share of changed sentences that carry a machine-translation flag (garbled names, meaning, tense,
  pronouns, fluency...). One serious flag, however serious, moves the score by one sentence's worth;
- ``light-edit``: otherwise: changes confined to a few places, which is what a copy editor does (a promo
  line, a trimmed or added paragraph, U.S. -> US, a new headline, a fixed typo, moved paragraphs).

``Decision.evidence`` lists the reasons as short ``key=value`` strings (see EVIDENCE_KEYS);
``confidence`` (0.5-1) grows with the distance from the deciding threshold and with the number of
sentences the evidence rests on.

Thresholds were set on the tuning half of benchmarks/verdict_eval.py (../shared/roundtrip-dev) and
checked on the other half: machine round trips score 0.50 or more (Bergamot, Apertium), generated
copy-editor edits 0.17 or less; the threshold sits between.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Sequence

from .report import Segment

IDENTICAL, DIFFERENT_LANGUAGE, UNRELATED, LIGHT_EDIT, ROUND_TRIP = (
    "identical", "different-language", "unrelated", "light-edit", "round-trip-suspect",
)
RELATIONS = (IDENTICAL, DIFFERENT_LANGUAGE, UNRELATED, LIGHT_EDIT, ROUND_TRIP)

MIN_COVERAGE = 0.5
# Pairs an aligner forces between unrelated sentences share little text: chrF < 40 on average (95% of
# another article's copies on roundtrip-dev), while a round trip's aligned sentences stay above 60.
UNRELATED_CHRF = 40.0
# A copy with less than half aligned is still a copy when what is aligned is close (mean chrF >= 60) and
# is at least MIN_PARTIAL of one side. On roundtrip-dev: another article's copy reaches a mean of 56.9
# at most (coverage <= 0.30); a round-trip copy under a block of other lines covering 50-70% of it keeps
# its part at 65.8 or more (coverage down to 0.25).
MIN_PARTIAL = 0.15
PARTIAL_CHRF = 60.0
ROUND_TRIP_SCORE = 0.33
# Flags a copy editor's own changes raise: they say where the copy differs, not that a machine wrote it.
EDITOR_CATEGORIES = frozenset({"addition", "omission", "moved"})

EVIDENCE_KEYS = {
    "same-text": "the texts are the same once quotes, dashes and whitespace are folded",
    "language": "the two documents' languages, reference/copy (en/pt)",
    "coverage": "share of the reference's sentences aligned to the copy",
    "copy-coverage": "share of the copy's sentences aligned to the reference",
    "aligned-chrf": "mean chrF of the aligned segments",
    "changed": "share of aligned reference sentences whose words changed (U.S./US, case and punctuation aside)",
    "reworded": "share of aligned reference sentences changed by two words or more",
    "low-chrf": "share of aligned reference sentences in segments with chrF below 80",
    "mt-flags": "share of aligned reference sentences whose changed segment has a machine-translation flag",
    "<category>-flags": "machine-translation flags of one category on changed segments (name-flags=3)",
    "mt-score": "changed/2 + reworded/2 + mt-flags/2, compared with 0.33",
    "added": "copy sentences with no counterpart (promo lines, added paragraphs, a new headline)",
    "cut": "reference sentences with no counterpart (trimmed paragraphs)",
    "promo": "promotional or boilerplate lines flagged (A102)",
    "moved": "flags of blocks that moved",
}

_DOTTED = re.compile(r"\b(?:[A-Za-z]\.){2,}")
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Decision:
    relation: str
    evidence: tuple[str, ...]
    confidence: float


def _undot(m: re.Match) -> str:
    return m.group().replace(".", "")


def _words(text: str) -> list[str]:
    """Words as a copy editor's house style would not change them: U.S. = US, case folded, no punctuation.
    (Typography needs no folding here: ``squeeze`` only retypes and respaces non-word characters.)"""
    return _WORD.findall(_DOTTED.sub(_undot, text).lower())


def word_edits(ref: str, cand: str) -> int:
    """How many words changed: 0 when only style did; the larger side of the multiset difference
    otherwise, with 1 for words only reordered."""
    a, b = _words(ref), _words(cand)
    if a == b:
        return 0
    ca, cb = Counter(a), Counter(b)
    common = ca.keys() & cb.keys()
    kept = sum(map(min, map(ca.__getitem__, common), map(cb.__getitem__, common)))  # the multiset intersection
    return max(len(a) - kept, len(b) - kept, 1)


def _share(x: float) -> str:
    return f"{x:.2f}"


def _confidence(margin: float, support: int) -> float:
    """0.5 at the threshold, towards 1 with the margin (in threshold units) and the sentences behind it."""
    return round(0.5 + 0.5 * min(1.0, max(0.0, margin)) * support / (support + 2), 3)


def decide(
    segments: Sequence[Segment], *, identical: bool, ref_lang: str | None, cand_lang: str | None,
    coverage: float, ref_sentences: int, cand_sentences: int | None = None,
) -> Decision:
    """The relation, its evidence and its confidence. ``coverage`` is the share of the reference aligned;
    the share of the copy aligned is counted here (a copy that is an excerpt, or that has a block of other
    text on top, still copies the reference)."""
    if identical:
        return Decision(IDENTICAL, ("same-text",), 1.0)
    if ref_lang and cand_lang and ref_lang != cand_lang:
        return Decision(DIFFERENT_LANGUAGE, (f"language={ref_lang}/{cand_lang}",), 1.0)
    aligned = [s for s in segments if s.ref_ids and s.cand_ids]
    copied = sum(len(s.cand_ids) for s in aligned) / cand_sentences if cand_sentences else coverage
    chrfs = [s.scores["chrf"] for s in aligned if s.scores.get("chrf") is not None]
    similarity = sum(chrfs) / len(chrfs) if chrfs else None
    related = max(coverage, copied)
    # Under half aligned on both sides, the pairs must be convincingly the same text (a copy whose top
    # was replaced and whose tail was cut still carries its kept part at chrF 65 or more; another
    # article's chance pairs stay under 57), and at least a few sentences of it.
    partial = related >= MIN_PARTIAL and similarity is not None and similarity >= PARTIAL_CHRF
    if (related < MIN_COVERAGE and not partial) or (similarity is not None and similarity < UNRELATED_CHRF):
        evidence = [f"coverage={_share(coverage)}", f"copy-coverage={_share(copied)}"]
        margin = (MIN_COVERAGE - related) / MIN_COVERAGE
        if similarity is not None:
            evidence.append(f"aligned-chrf={similarity:.1f}")
            margin = max(margin, (UNRELATED_CHRF - similarity) / UNRELATED_CHRF)
        return Decision(UNRELATED, tuple(evidence), _confidence(margin, ref_sentences))

    total = sum(len(s.ref_ids) for s in aligned) or 1
    changed = reworded = low_chrf = flagged = 0
    categories: Counter[str] = Counter()
    for seg in aligned:
        n = len(seg.ref_ids)
        chrf = seg.scores.get("chrf")
        if chrf is not None and chrf < 80:
            low_chrf += n
        edits = word_edits(seg.ref, seg.cand)
        if not edits:
            continue  # a flag on an unchanged sentence is the detector's noise, not the machine's
        changed += n
        reworded += n if edits >= 2 else 0
        mt = [f.category for f in seg.flags if f.category not in EDITOR_CATEGORIES]
        if mt:
            flagged += n
            categories.update(mt)
    c, r, m = changed / total, reworded / total, flagged / total
    score = (c + r) / 2 + m / 2

    evidence = [f"changed={_share(c)}", f"reworded={_share(r)}", f"low-chrf={_share(low_chrf / total)}",
                f"mt-flags={_share(m)}"]
    evidence += [f"{cat}-flags={n}" for cat, n in sorted(categories.items(), key=lambda kv: (-kv[1], kv[0]))[:6]]
    evidence.append(f"mt-score={_share(score)}")
    added = sum(len(s.cand_ids) for s in segments if not s.ref_ids)
    cut = sum(len(s.ref_ids) for s in segments if not s.cand_ids)
    flags = [f for s in segments for f in s.flags]
    promo = sum(f.code == "A102" for f in flags)
    moved = sum(f.category == "moved" for f in flags)
    evidence += [f"{key}={n}" for key, n in (("added", added), ("cut", cut), ("promo", promo), ("moved", moved)) if n]
    if coverage < 1.0:
        evidence.append(f"coverage={_share(coverage)}")

    support = sum(len(s.ref_ids) for s in aligned)
    if score >= ROUND_TRIP_SCORE:
        margin = (score - ROUND_TRIP_SCORE) / ROUND_TRIP_SCORE
        return Decision(ROUND_TRIP, tuple(evidence), _confidence(margin, support))
    margin = (ROUND_TRIP_SCORE - score) / ROUND_TRIP_SCORE
    return Decision(LIGHT_EDIT, tuple(evidence), _confidence(margin, support))
