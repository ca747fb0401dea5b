"""The frozen results that flow out of the pipeline, and their JSON form (schema_version 1)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

Severity = Literal["minor", "major", "critical"]
SEVERITIES: tuple[Severity, ...] = ("minor", "major", "critical")
SCHEMA_VERSION = 1


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

    def ranked(self) -> list[Segment]:
        """Segments, riskiest first (document order breaks ties)."""
        return sorted(self.segments, key=lambda s: (-s.risk, s.index))

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
