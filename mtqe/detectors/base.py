"""What a detector sees, what it returns, and the registry that finds it by code.

Modelled on flake8/sqlfluff rules: each detector is a small class with a stable code, a category,
a default severity and a docstring whose first line describes it, followed by an example pair
("ref: ..." / "cand: ..." lines, which a test runs). What used to be convention is declared:
``aligned_only`` (the runner skips pairs with an empty side), ``evidence`` (how surely the code marks
machine damage, read by risk), ``example`` and ``supersedes`` (which detector owns a finding two of
them would report on the same span, so that deselecting the owner never silences it).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Callable, ClassVar, Iterable, TypeVar

from ..context import DocumentContext
from ..report import Flag, Severity
from ..text import Token

T = TypeVar("T")


@dataclass(frozen=True)
class SegmentPair:
    """One aligned segment: the joined reference and candidate sentences (either may be empty).

    ``ref_starts`` / ``cand_starts`` are the offsets where each joined sentence begins.
    ``ref_doc`` / ``cand_doc`` are the whole documents, for checks that need wider context
    (a name that moved to the next sentence is not a new name). ``ref_sentences`` / ``cand_sentences``
    are the same documents as sentences. ``context`` is the comparison's ``DocumentContext``: the
    document-wide facts, computed once (the pipeline passes one; a pair made alone builds its own).
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
    context: DocumentContext = field(default=None, compare=False, repr=False)  # type: ignore[assignment]

    def __post_init__(self):
        if self.context is None:
            object.__setattr__(self, "context", DocumentContext(
                self.ref_doc or self.ref, self.cand_doc or self.cand, self.ref_parts, self.cand_parts))

    @property
    def ref_parts(self) -> tuple[str, ...]:
        """The reference document in pieces whose union is the document (the segment always included)."""
        return self.ref_sentences or _parts(self.ref_doc, self.ref)

    @property
    def cand_parts(self) -> tuple[str, ...]:
        return self.cand_sentences or _parts(self.cand_doc, self.cand)

    @cached_property
    def ref_tokens(self) -> tuple[Token, ...]:
        return self.context.tokens(self.ref)

    @cached_property
    def cand_tokens(self) -> tuple[Token, ...]:
        return self.context.tokens(self.cand)

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
    # False for detectors of omissions, additions and text judged on one side alone: they see every pair.
    aligned_only: ClassVar[bool] = True
    # How surely a flag of this code marks machine damage, whatever its impact (risk's noisy-OR takes the
    # higher of this and the severity's weight). 0: the severity alone decides.
    evidence: ClassVar[float] = 0.0
    # (reference, degraded copy) on which this code must fire; read from the docstring's "ref:"/"cand:"
    # lines when a class does not set it ("(nothing)" is an empty side).
    example: ClassVar[tuple[str, str] | None] = None
    # Codes whose flag on the same span this detector's flag replaces, while both run ("Saison" is an
    # untranslated word, L102's, not a misspelling, S101's): the runner drops theirs, and they skip what
    # they would only repeat (``defers_to``). Deselect this one and the other still reports the finding.
    supersedes: ClassVar[tuple[str, ...]] = ()
    # Codes that own findings this detector would only repeat ("Saison": L102's untranslated word, not
    # S101's misspelling): while one of them runs, this detector skips them (it asks ``defers_to``);
    # deselect the owner and it reports them. Unlike ``supersedes``, nothing else of it is dropped.
    defers: ClassVar[tuple[str, ...]] = ()
    # The running detectors it leaves findings to (set by ``detectors.selected`` / ``link``).
    deferring_to: frozenset[str] = frozenset()

    def defers_to(self, *codes: str) -> bool:
        """Is one of these detectors running, and superseding this one? Then it reports the finding."""
        return not self.deferring_to.isdisjoint(codes)

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
    if "example" not in cls.__dict__:
        cls.example = docstring_example(cls.__doc__ or "")
    REGISTRY[cls.code] = cls
    return cls


def docstring_example(doc: str) -> tuple[str, str] | None:
    """The ("ref: ...", "cand: ...") pair of a docstring; "(nothing)" stands for an empty side."""
    found: dict[str, str] = {}
    for line in doc.splitlines():
        key, sep, value = line.strip().partition(":")
        if sep and key in ("ref", "cand") and key not in found:
            value = value.strip()
            found[key] = "" if value == "(nothing)" else value
    return (found["ref"], found["cand"]) if len(found) == 2 else None


def matches(code: str, prefixes: Iterable[str]) -> bool:
    return any(code.startswith(p.strip().upper()) for p in prefixes if p.strip())
