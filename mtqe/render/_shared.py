"""Pieces several human views share (not a format: the leading underscore keeps it out of the registry)."""

from __future__ import annotations

from ..report import SEVERITY_RANK, Report, Segment
from . import View

SORT_TEXT = {"severity": "worst flag first, then risk", "risk": "highest risk first", "document": "in document order"}


def merge_spans(spans: list[tuple[int, int]], n: int) -> list[tuple[int, int]]:
    """Spans clipped to [0, n), sorted, overlapping ones merged."""
    out: list[list[int]] = []
    for s, e in sorted((max(0, s), min(n, e)) for s, e in spans):
        if s >= e:
            continue
        if out and s <= out[-1][1]:
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    return [(s, e) for s, e in out]


def worst_first(flags) -> list:
    """Flags (or objects with a ``.flag``) most severe first, detector order among equals: a summary reads
    from its critical finding down."""
    return sorted(flags, key=lambda f: -SEVERITY_RANK[getattr(f, "flag", f).severity])


def highlights_title(report: Report, shown: list[Segment], view: View) -> str:
    """"Top 5 riskiest segments (worst flag first, then risk)", saying how many more a critical flag added."""
    extra = len(shown) - len(report.highlights(view.top, view.sort, every_critical=False))
    title = f"Top {len(shown) - extra} riskiest segments"
    if extra:
        title += f" and {extra} more with a critical flag"
    return f"{title} ({SORT_TEXT[view.sort]})"


def evidence_line(report: Report) -> str:
    """What the relation rests on: "evidence (confidence 0.96): changed=0.95, reworded=0.95, ..."; "" when none."""
    if not report.evidence:
        return ""
    head = "evidence" if report.confidence is None else f"evidence (confidence {report.confidence:.2f})"
    return f"{head}: {', '.join(report.evidence)}"
