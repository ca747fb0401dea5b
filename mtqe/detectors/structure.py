"""Content with no counterpart: omitted reference sentences, added copy sentences, injected boilerplate."""

from __future__ import annotations

import re
from typing import Iterator

from ..report import Flag
from .base import Detector, SegmentPair, register

_TLD = r"\.(?:com|net|org|in|co|uk|io|news|info|biz|us|tv|me)\b"
_DOMAIN = re.compile(rf"\b(?:https?://|www\.)\S+|\b[\w-]+(?:\.[\w-]+)*{_TLD}", re.I)
# Literal anchors only: a cheap test that rules most lines out before _DOMAIN runs.
_DOMAIN_HINT = re.compile(rf"{_TLD}|www\.|https?://", re.I)
# Calls to action that open promotional lines ("Follow us on…", "Add X as a trusted source").
_CALL_TO_ACTION = re.compile(
    r"^\W*(?:add|follow|subscribe|sign\s+up|click|tap|read\s+(?:more|also)|also\s+read|download|join|share|"
    r"like\s+us|don'?t\s+miss|get\s+the\s+latest|for\s+more|watch|listen|advertisement|sponsored|trending)\b",
    re.I,
)
_PROMO_PHRASES = re.compile(
    r"\b(?:trusted\s+source|follow\s+us|our\s+app|whatsapp|telegram|google\s+news|click\s+here|read\s+more|"
    r"all\s+rights\s+reserved)\b",
    re.I,
)
# Words of site furniture that are also words of news ("sponsored by teens", "copyright infringement"):
# on a line of the copy's own they are furniture; in a sentence that translates one of the original's,
# only on a short one ("Advertisement", "Sponsored content").
_PROMO_WORDS = re.compile(r"\b(?:newsletter|subscribe|advertisement|sponsored|copyright)\b", re.I)
_SHORT_LINE = 8  # words
_WORD = re.compile(r"[A-Za-z][\w'’-]*")


def _title_case_ratio(text: str) -> float:
    words = _WORD.findall(text)
    return sum(w[0].isupper() for w in words) / len(words) if words else 0.0


def is_boilerplate(text: str, translates: bool = False) -> bool:
    """Promotional or site furniture rather than article content; ``translates``: the text is aligned with
    a sentence of the original."""
    t = text.strip()
    if _DOMAIN_HINT.search(t) and _DOMAIN.search(t) or _PROMO_PHRASES.search(t):
        return True
    if _PROMO_WORDS.search(t) and (not translates or len(_WORD.findall(t)) <= _SHORT_LINE):
        return True
    # A short title-case line opened by a call to action ("Add Site As A Trusted Source").
    return bool(_CALL_TO_ACTION.search(t)) and len(_WORD.findall(t)) <= 14 and _title_case_ratio(t) >= 0.6


@register
class Omission(Detector):
    """A reference sentence has no counterpart in the copy.

    ref:  Chinese national who exposed abuses is granted asylum.
    cand: (nothing)
    """

    code = "O101"
    category = "omission"
    severity = "major"
    aligned_only = False

    def check(self, pair: SegmentPair) -> Iterator[Flag]:
        if pair.is_omission and pair.ref.strip():
            words = len(_WORD.findall(pair.ref))
            yield self.flag(pair, f"reference sentence ({words} words) is missing from the copy", (0, len(pair.ref)))


@register
class Addition(Detector):
    """The copy has a sentence with no counterpart in the reference.

    ref:  (nothing)
    cand: Officials said more talks were planned.
    """

    code = "A101"
    category = "addition"
    severity = "major"
    aligned_only = False
    evidence = 0.7

    def check(self, pair: SegmentPair) -> Iterator[Flag]:
        if pair.is_addition and pair.cand.strip() and not is_boilerplate(pair.cand):
            yield self.flag(pair, "the copy adds a sentence that is not in the reference", cand_span=(0, len(pair.cand)))


@register
class Boilerplate(Detector):
    """The copy injects promotional or site boilerplate (links, calls to action) absent from the reference.

    ref:  (nothing)
    cand: Add example.com As A Trusted Source
    """

    code = "A102"
    category = "addition"
    severity = "major"
    aligned_only = False
    evidence = 0.7

    def check(self, pair: SegmentPair) -> Iterator[Flag]:
        if pair.cand.strip() and is_boilerplate(pair.cand, translates=pair.is_aligned) and not is_boilerplate(pair.ref):
            yield self.flag(pair, "injected boilerplate/promotional line (not article content)", cand_span=(0, len(pair.cand)))


@register
class PartialOmission(Detector):
    """A substantial part of an aligned reference sentence is missing from the copy.

    ref:  The plan was dropped in December after his plight raised public concern and drew attention in Congress.
    cand: The plan was dropped in December.
    """

    code = "O102"
    category = "omission"
    severity = "minor"

    def check(self, pair: SegmentPair) -> Iterator[Flag]:
        ref_words = len(_WORD.findall(pair.ref))
        if ref_words < 10:
            return
        cand_words = len(_WORD.findall(pair.cand))
        if cand_words < 0.6 * ref_words:
            yield self.flag(
                pair,
                f"the copy is much shorter ({cand_words} vs {ref_words} words): content may be missing",
                (0, len(pair.ref)), (0, len(pair.cand)),
            )
