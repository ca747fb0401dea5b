"""The quality gate: thresholds a report must meet, and the verdict with every reason it failed.

Pure: ``evaluate(report, gate)`` reads a Report and returns a Verdict; nothing is printed or raised.
``apply(report, gate)`` returns a new Report carrying that verdict (``dataclasses.replace``).

A threshold set to ``None`` is not checked. A threshold that is set but whose score is missing from
the report (e.g. ``min_comet`` when COMET could not run) fails, so a gate never passes by accident.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Mapping

from .catalog import CATEGORIES
from .report import SEVERITIES, Flag, Report, Severity, Verdict

__all__ = ["CATEGORIES", "Gate", "apply", "evaluate"]

_RANK = {s: i for i, s in enumerate(SEVERITIES)}

# How a located fail_on reason reads: "quote altered in segment 7 (critical)".
_PHRASE = {
    "merge": "words merged",
    "omission": "text omitted",
    "addition": "text added",
    "language": "language changed",
    "comet-span": "COMET error span",
}


@dataclass(frozen=True)
class Gate:
    """Thresholds for one copy. Defaults: an identical copy passes, a round-trip copy does not.

    - ``min_chrf`` / ``min_bleu`` (0-100), ``min_comet``: minimum document scores.
    - ``min_coverage`` (0-1): minimum share of reference sentences aligned to the copy.
    - ``max_risky_segments``: at most this many segments with risk >= ``risk_level`` (0-1).
    - ``max_critical`` / ``max_major`` / ``max_minor``: at most this many flags of that severity.
    - ``max_flags``: per-category maxima, e.g. ``{"name": 0}``.
    - ``fail_on``: (category or rule code, minimum severity) pairs; any such flag fails, with its segment
      named. A code's entry wins over its category's.
    """

    min_chrf: float | None = 80.0
    min_bleu: float | None = None
    min_comet: float | None = None
    min_coverage: float | None = 0.9
    risk_level: float = 0.5
    max_risky_segments: int | None = None
    max_critical: int | None = 0
    max_major: int | None = None
    max_minor: int | None = None
    max_flags: Mapping[str, int] = field(default_factory=dict)
    # What misinforms a reader: a fact (name, number), its polarity (negation, an opposite), a quotation, or a
    # word whose sense changed where the evidence is strong (meaning flags are major only then).
    fail_on: tuple[tuple[str, Severity], ...] = (
        ("name", "major"), ("number", "major"), ("negation", "major"), ("quote", "major"),
        ("antonym", "major"), ("meaning", "major"),
    )

    def __hash__(self) -> int:  # max_flags is a dict; hash its items
        return hash((self.min_chrf, self.min_bleu, self.min_comet, self.min_coverage, self.risk_level,
                     self.max_risky_segments, self.max_critical, self.max_major, self.max_minor,
                     tuple(sorted(self.max_flags.items())), self.fail_on))


def _num(x: float) -> str:
    return f"{x:g}"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def _located(key: str, index: int, flags: list[Flag]) -> str:
    if key in CATEGORIES:
        phrase = _PHRASE.get(key, f"{key} altered")
    else:  # a rule code given to fail_on
        phrase = f"{key} ({flags[0].category})"
    worst = max(flags, key=lambda f: _RANK[f.severity])
    detail = worst.severity if len(flags) == 1 else f"{len(flags)} flags, worst {worst.severity}"
    if worst.ref_text and worst.cand_text:
        text = f'"{worst.ref_text}" -> "{worst.cand_text}"'
    else:
        text = worst.message
    return f"{phrase} in segment {index} ({detail}): {text}"


def evaluate(report: Report, gate: Gate) -> Verdict:
    """Check every threshold; the verdict lists each failure in a fixed order (scores, counts, locations)."""
    reasons: list[str] = []

    for key, label, threshold in (("chrf", "chrF", gate.min_chrf), ("bleu", "BLEU", gate.min_bleu),
                                  ("comet", "COMET", gate.min_comet)):
        if threshold is None:
            continue
        value = report.scores.get(key)
        if value is None:
            reasons.append(f"{label} not scored (min {_num(threshold)})")
        elif value < threshold:
            reasons.append(f"{label} {value:.4g} below min {_num(threshold)}")

    if gate.min_coverage is not None and report.coverage < gate.min_coverage:
        reasons.append(f"coverage {report.coverage * 100:.4g}% below min {gate.min_coverage * 100:.4g}%")

    if gate.max_risky_segments is not None:
        risky = [s.index for s in report.segments if s.risk >= gate.risk_level]
        if len(risky) > gate.max_risky_segments:
            shown = ", ".join(map(str, risky[:10])) + (", ..." if len(risky) > 10 else "")
            reasons.append(f"{_plural(len(risky), 'segment')} with risk >= {_num(gate.risk_level)} "
                           f"(max {gate.max_risky_segments}): {shown}")

    flags = report.flags
    for sev, limit in (("critical", gate.max_critical), ("major", gate.max_major), ("minor", gate.max_minor)):
        n = sum(f.severity == sev for f in flags)
        if limit is not None and n > limit:
            reasons.append(f"{n} {sev} flag{'s' if n != 1 else ''} (max {limit})")

    for category, limit in sorted(gate.max_flags.items()):
        n = sum(f.category == category for f in flags)
        if n > limit:
            reasons.append(f"{n} {category} flag{'s' if n != 1 else ''} (max {limit})")

    if gate.fail_on:
        floor = dict(gate.fail_on)
        for seg in report.segments:
            hits: dict[str, list[Flag]] = {}
            for f in seg.flags:
                key = f.code if f.code in floor else f.category
                if key in floor and _RANK[f.severity] >= _RANK[floor[key]]:
                    hits.setdefault(key, []).append(f)
            for key, found in hits.items():
                reasons.append(_located(key, seg.index, found))

    return Verdict(passed=not reasons, reasons=tuple(reasons))


def apply(report: Report, gate: Gate) -> Report:
    """A copy of the report carrying the gate's verdict."""
    return replace(report, verdict=evaluate(report, gate))
