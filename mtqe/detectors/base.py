"""What a detector sees, what it returns, and the registry that finds it by code.

Modelled on flake8/sqlfluff rules: each detector is a small class with a stable code, a category,
a default severity and a docstring whose first line describes it, followed by an example pair.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Callable, ClassVar, Iterable, TypeVar

from ..report import Flag, Severity
from ..text import Token, tokenize

T = TypeVar("T")


@dataclass(frozen=True)
class SegmentPair:
    """One aligned segment: the joined reference and candidate sentences (either may be empty).

    ``ref_starts`` / ``cand_starts`` are the offsets where each joined sentence begins.
    ``ref_doc`` / ``cand_doc`` are the whole documents, for checks that need wider context
    (a name that moved to the next sentence is not a new name). ``ref_sentences`` / ``cand_sentences``
    are the same documents as sentences: document-wide word sets are unions of per-sentence ones,
    which the segments have already computed, instead of a second pass over the whole text.
    """

    ref: str
    cand: str
    ref_starts: tuple[int, ...] = (0,)
    cand_starts: tuple[int, ...] = (0,)
    ref_doc: str = ""
    cand_doc: str = ""
    ref_sentences: tuple[str, ...] = ()
    cand_sentences: tuple[str, ...] = ()
    moved: bool = False  # the alignment matched this pair out of order (mtqe.align.Bead.moved)

    @property
    def ref_parts(self) -> tuple[str, ...]:
        """The reference document in pieces whose union is the document (the segment always included)."""
        return self.ref_sentences or _parts(self.ref_doc, self.ref)

    @property
    def cand_parts(self) -> tuple[str, ...]:
        return self.cand_sentences or _parts(self.cand_doc, self.cand)

    @cached_property
    def ref_tokens(self) -> tuple[Token, ...]:
        return tokenize(self.ref)

    @cached_property
    def cand_tokens(self) -> tuple[Token, ...]:
        return tokenize(self.cand)

    def shared(self, analysis: Callable[[SegmentPair], T]) -> T:
        """``analysis(self)``, computed once per pair: for findings several detectors read."""
        memo = self.__dict__.setdefault("_shared", {})  # a frozen dataclass still has a __dict__
        if analysis not in memo:
            memo[analysis] = analysis(self)
        return memo[analysis]

    # cached: every detector asks, for every segment
    @cached_property
    def is_omission(self) -> bool:
        return not self.cand.strip()

    @cached_property
    def is_addition(self) -> bool:
        return not self.ref.strip()

    @cached_property
    def is_aligned(self) -> bool:
        return not (self.is_omission or self.is_addition)


def _parts(doc: str, segment: str) -> tuple[str, ...]:
    return (doc, segment) if doc and doc != segment else (segment,)


class Detector:
    """Base class; subclasses set ``code``, ``category``, ``severity`` and implement ``check``."""

    code: ClassVar[str]
    category: ClassVar[str]
    severity: ClassVar[Severity]

    @classmethod
    def description(cls) -> str:
        return (cls.__doc__ or "").strip().splitlines()[0]

    def check(self, pair: SegmentPair) -> Iterable[Flag]:
        raise NotImplementedError

    def flag(
        self,
        pair: SegmentPair,
        message: str,
        ref_span: tuple[int, int] | None = None,
        cand_span: tuple[int, int] | None = None,
        severity: Severity | None = None,
    ) -> Flag:
        """Build a Flag of this detector, filling the span texts from the pair."""
        return Flag(
            code=self.code,
            category=self.category,
            severity=severity or self.severity,
            message=message,
            ref_span=ref_span,
            cand_span=cand_span,
            ref_text=pair.ref[ref_span[0]:ref_span[1]] if ref_span else None,
            cand_text=pair.cand[cand_span[0]:cand_span[1]] if cand_span else None,
        )


REGISTRY: dict[str, type[Detector]] = {}


def register(cls: type[Detector]) -> type[Detector]:
    """Class decorator: add a detector to the registry under its code (codes are unique)."""
    if cls.code in REGISTRY:
        raise ValueError(f"duplicate detector code {cls.code}")
    REGISTRY[cls.code] = cls
    return cls


def matches(code: str, prefixes: Iterable[str]) -> bool:
    return any(code.startswith(p.strip().upper()) for p in prefixes if p.strip())
