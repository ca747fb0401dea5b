"""The frozen results that flow out of the pipeline, and their JSON form (schema_version 1)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from .errors import ConfigError

Severity = Literal["minor", "major", "critical"]
SEVERITIES: tuple[Severity, ...] = ("minor", "major", "critical")
SEVERITY_RANK = {s: i for i, s in enumerate(SEVERITIES, 1)}  # 0 = no flag
SCHEMA_VERSION = 1
# How the segment views may be ordered (``Report.ranked``); "document" shows the severity ranking's
# choice of segments in reading order.
SORTS = ("severity", "risk", "document")
# Display names of the document and segment scores, in the order views show them.
METRIC_LABELS = {
    "bleu": "BLEU", "chrf": "chrF", "chrf++": "chrF++", "ter": "TER", "comet": "COMET", "semantic": "semantic",
}
# Scores on 0-1 (the rest are sacrebleu's 0-100): views print them to three decimals.
UNIT_SCORES = frozenset({"comet", "semantic"})


@dataclass(frozen=True)
class Flag:
    """One typed, located finding. Spans are [start, end) character offsets into the segment's ref / cand."""

    code: str
    category: str
    severity: Severity
    message: str
    ref_span: tuple[int, int] | None = None
    cand_span: tuple[int, int] | None = None
    ref_text: str | None = None
    cand_text: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "category": self.category,
            "severity": self.severity,
            "message": self.message,
            "ref_span": list(self.ref_span) if self.ref_span else None,
            "cand_span": list(self.cand_span) if self.cand_span else None,
            "ref_text": self.ref_text,
            "cand_text": self.cand_text,
        }


@dataclass(frozen=True)
class Side:
    """What the report says about one input document."""

    path: str | None
    sentences: int
    language: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "sentences": self.sentences, "language": self.language}


@dataclass(frozen=True)
class Segment:
    """One alignment bead with its scores, risk and flags. ``ref``/``cand`` are the joined sentence texts."""

    index: int
    ref_ids: tuple[int, ...]
    cand_ids: tuple[int, ...]
    ref: str
    cand: str
    scores: dict[str, float | None]
    risk: float
    flags: tuple[Flag, ...] = ()
    moved: bool = False  # matched out of order: the passage sits elsewhere in the copy (cand_ids break its order)

    @property
    def worst_flag(self) -> Flag | None:
        """The most severe flag (the first of equals), or None."""
        return max(self.flags, key=lambda f: SEVERITY_RANK[f.severity], default=None)

    @property
    def severity_rank(self) -> int:
        """0 without flags, else 1 (minor) to 3 (critical): the first key of the severity ranking."""
        worst = self.worst_flag
        return SEVERITY_RANK[worst.severity] if worst else 0

    @property
    def kind(self) -> str:
        if not self.cand_ids:
            return "omission"
        if not self.ref_ids:
            return "addition"
        return f"{len(self.ref_ids)}-{len(self.cand_ids)}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "ref_ids": list(self.ref_ids),
            "cand_ids": list(self.cand_ids),
            "ref": self.ref,
            "cand": self.cand,
            "scores": dict(self.scores),
            "risk": self.risk,
            "flags": [f.to_dict() for f in self.flags],
            "moved": self.moved,
        }


@dataclass(frozen=True)
class Verdict:
    """The quality gate's decision and every reason it failed."""

    passed: bool
    reasons: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"passed": self.passed, "reasons": list(self.reasons)}


@dataclass(frozen=True)
class Report:
    """Everything mtqe found for one reference/candidate pair; ``to_dict()`` is the JSON contract."""

    mtqe_version: str
    reference: Side
    candidate: Side
    scores: dict[str, float | None]
    signatures: dict[str, str]
    coverage: float
    relation: str | None
    segments: tuple[Segment, ...]
    comet_model: str | None = None
    notes: tuple[str, ...] = ()
    verdict: Verdict | None = None
    # Why the relation was given (short machine-readable reasons, ``code`` or ``code=value``; see
    # mtqe/verdict.py) and how sure it is, 0.5-1.
    evidence: tuple[str, ...] = ()
    confidence: float | None = None

    @property
    def flags(self) -> list[Flag]:
        return [f for s in self.segments for f in s.flags]

    def flag_counts(self) -> dict[str, dict[str, int]]:
        """Counts by category, each split by severity (plus a total)."""
        counts: dict[str, dict[str, int]] = {}
        for f in self.flags:
            row = counts.setdefault(f.category, {"total": 0, **{s: 0 for s in SEVERITIES}})
            row[f.severity] += 1
            row["total"] += 1
        return dict(sorted(counts.items()))

    def ranked(self, sort: str = "severity") -> list[Segment]:
        """Segments, most serious first: by worst flag severity, then risk (``sort="severity"``), or by risk
        alone (``"risk"``); ``"document"`` is reading order. Document order breaks ties."""
        if sort == "severity":
            return sorted(self.segments, key=lambda s: (-s.severity_rank, -s.risk, s.index))
        if sort == "risk":
            return sorted(self.segments, key=lambda s: (-s.risk, s.index))
        if sort == "document":
            return list(self.segments)
        raise ConfigError(f"unknown sort {sort!r} (expected one of: {', '.join(SORTS)})")

    def highlights(self, top: int = 5, sort: str = "severity", *, every_critical: bool = True) -> list[Segment]:
        """The segments a summary shows: the ``top`` most serious with any risk, plus every segment with a
        critical flag however many (a summary must never hide one), in ``sort`` order. ``"document"``
        picks like ``"severity"`` and lists the picks in reading order."""
        ranked = self.ranked("risk" if sort == "risk" else "severity")
        picked = [s for k, s in enumerate(ranked)
                  if (k < top and s.risk > 0) or (every_critical and s.severity_rank == SEVERITY_RANK["critical"])]
        return sorted(picked, key=lambda s: s.index) if sort == "document" else picked

    @property
    def metrics(self) -> tuple[str, ...]:
        """The scores this report was asked for, in display order: the sacrebleu metrics it carries a
        signature for, COMET when it ran, the sentence similarity when ``--semantic`` scored segments.
        Reports without signatures (built by hand, or old JSON) fall back to the scores that have a value
        anywhere."""
        asked = set(self.signatures)
        if self.comet_model or self.scores.get("comet") is not None:
            asked.add("comet")
        if self.scores.get("semantic") is not None or any(s.scores.get("semantic") is not None for s in self.segments):
            asked.add("semantic")
        if not self.signatures:
            asked |= {k for k, v in self.scores.items() if v is not None}
            asked |= {k for s in self.segments for k, v in s.scores.items() if v is not None}
        known = [m for m in METRIC_LABELS if m in asked]
        return tuple(known + sorted(asked - set(known)))

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "schema_version": SCHEMA_VERSION,
            "mtqe_version": self.mtqe_version,
            "reference": self.reference.to_dict(),
            "candidate": self.candidate.to_dict(),
            "scores": dict(self.scores),
            "signatures": dict(self.signatures),
            "comet_model": self.comet_model,
            "document": {
                "coverage": self.coverage,
                "relation": self.relation,
                "evidence": list(self.evidence),
                "confidence": self.confidence,
                "flag_counts": self.flag_counts(),
            },
            "notes": list(self.notes),
            "segments": [s.to_dict() for s in self.segments],
        }
        if self.verdict is not None:
            d["verdict"] = self.verdict.to_dict()
        return d
