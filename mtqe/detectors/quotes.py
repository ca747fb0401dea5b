"""Quotation detectors: a direct quotation must survive word for word.

A quotation is text inside double quotes (straight or curly, folded by ``text.fold``). Each quotation
of the reference is paired with the most similar quotation of the copy; any change of wording is
critical, a change of hyphenation, case or a leading article is minor, and a quotation with no
counterpart is major (or minor when its words survive without the quote marks).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from ..text import fold
from .base import Detector, SegmentPair, register

_QUOTE = re.compile(r'"([^"]{2,}?)"')
_EDGE_PUNCT = re.compile(r"^[\s,.;:!?'\-]+|[\s,.;:!?'\-]+$")
_WORD = re.compile(r"\w+(?:'\w+)*")
_ARTICLES = {"a", "an", "the"}


@dataclass(frozen=True, slots=True)
class Quote:
    start: int  # span of the quoted text, quote marks excluded
    end: int
    words: tuple[str, ...]  # lower-cased words, for the comparison


_OPEN_CHARS = "\u201c\u201e\u00ab"
_CLOSE_CHARS = "\u201d\u00bb"
_DQ = re.compile('["\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033]')


def _direction(text: str, i: int) -> int:
    """+1 opening, -1 closing, 0 unknown, from the character itself or its neighbours."""
    ch = text[i]
    if ch in _OPEN_CHARS:
        return 1
    if ch in _CLOSE_CHARS:
        return -1
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if (before.isspace() or before in "([{-\u2014") and not after.isspace():
        return 1
    if not before.isspace() and (after.isspace() or after in ".,;:!?)]}-\u2014"):
        return -1
    return 0


def quotes(_context, text: str) -> tuple[Quote, ...]:
    """Quotations of a segment; a closing mark with no opening before it closes a quotation that
    began in an earlier segment, and is ignored."""
    marks = [(m.start(), _direction(text, m.start())) for m in _DQ.finditer(text)]
    if len(marks) < 2:
        return ()
    out = []
    open_at: int | None = None
    for pos, d in marks:
        if open_at is None:
            if d >= 0:
                open_at = pos
        elif d <= 0:
            inner = fold(text[open_at + 1:pos])
            words = tuple(w.lower() for w in _WORD.findall(inner))
            if words:
                out.append(Quote(open_at + 1, pos, words))
            open_at = None
        else:  # two openings in a row: the first one was unbalanced
            open_at = pos
    return tuple(out)


def _loose(words: tuple[str, ...]) -> str:
    """Letters with hyphenation, spacing and articles ignored: "a well-founded fear" ~ "well founded fear"."""
    return "".join(p for w in words for p in w.split("-") if p not in _ARTICLES)


def _spelling(a: str, b: str) -> bool:
    """realise/realize, centre/center, colour/color, a corrected typo: not a different word or ending."""
    if len(a) == len(b):
        return len(a) >= 5 and sum(x != y for x, y in zip(a, b)) <= 2 and a[-1] == b[-1]
    long, short = (a, b) if len(a) > len(b) else (b, a)
    return len(long) == len(short) + 1 and "our" in long and long.replace("our", "or", 1) == short


def _variant(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Same words up to hyphenation, articles, contractions and British/American spelling."""
    ea, eb = _expand(a), _expand(b)
    if _loose(ea) == _loose(eb):
        return True
    wa = [p for w in ea for p in w.split("-") if p not in _ARTICLES]
    wb = [p for w in eb for p in w.split("-") if p not in _ARTICLES]
    return len(wa) == len(wb) and all(x == y or _spelling(x, y) for x, y in zip(wa, wb))


_CONTRACTIONS = {"n't": " not", "'m": " am", "'re": " are", "'s": " is", "'ve": " have", "'ll": " will", "'d": " would"}


def _expand(words: tuple[str, ...]) -> tuple[str, ...]:
    out: list[str] = []
    for w in words:
        for suf, full in _CONTRACTIONS.items():
            if w.endswith(suf) and len(w) > len(suf):
                stem = w[: -len(suf)]
                out.extend({"ca": "can", "wo": "will", "sha": "shall"}.get(stem, stem).split() + full.split())
                break
        else:
            out.append(w)
    return tuple(out)


def _similarity(a: Quote, b: Quote) -> float:
    return fuzz.ratio(" ".join(a.words), " ".join(b.words)) / 100


def _pair_quotes(ref: tuple[Quote, ...], cand: tuple[Quote, ...]) -> list[tuple[Quote, Quote | None, float]]:
    """Greedy best-similarity pairing of reference quotations with copy quotations."""
    scored = sorted(((_similarity(r, c), i, j) for i, r in enumerate(ref) for j, c in enumerate(cand)), reverse=True)
    used_r: dict[int, tuple[int, float]] = {}
    used_c: set[int] = set()
    for sim, i, j in scored:
        if i in used_r or j in used_c:
            continue
        used_r[i] = (j, sim)
        used_c.add(j)
    out = []
    for i, r in enumerate(ref):
        if i in used_r:
            j, sim = used_r[i]
            out.append((r, cand[j], sim))
        else:
            out.append((r, None, 0.0))
    return out


def _words_in(words: tuple[str, ...], text: str) -> bool:
    """Do the quotation's words appear in this order, contiguously, in the text (quote marks gone)?"""
    other = tuple(w.lower() for w in _WORD.findall(fold(text)))
    n = len(words)
    if not n or n > len(other):
        return False
    first = words[0]
    return any(other[k] == first and other[k:k + n] == words for k in range(len(other) - n + 1))


@register
class QuoteAltered(Detector):
    """A direct quotation of the reference is reworded in the copy.

    ref: The judge said Guan had a "well founded fear" of persecution.
    cand: The judge said Guan had "well-founded concerns" about persecution.
    """

    code = "Q101"
    category = "quote"
    severity = "critical"

    def check(self, pair: SegmentPair):
        rq = pair.context.memo(quotes, pair.ref)
        if not rq:
            return
        cq = pair.context.memo(quotes, pair.cand)
        for r, c, sim in _pair_quotes(rq, cq):
            if c is None or r.words == c.words:
                continue
            rtext, ctext = pair.ref[r.start:r.end], pair.cand[c.start:c.end]
            if _variant(r.words, c.words):
                yield self.flag(
                    pair, f'quotation "{rtext}" changed slightly to "{ctext}" (spelling, hyphen or article)',
                    (r.start, r.end), (c.start, c.end), severity="minor",
                )
            elif sim < 0.35 and _words_in(r.words, pair.cand):
                continue  # paired with an unrelated quotation; the words are there (see Q102)
            else:
                yield self.flag(
                    pair, f'quotation "{rtext}" is not verbatim in the copy: "{ctext}"',
                    (r.start, r.end), (c.start, c.end),
                )


@register
class QuoteDropped(Detector):
    """A direct quotation of the reference has no quoted counterpart in the copy.

    ref: Chen called the case a "textbook example of why asylum should exist".
    cand: Chen said the case showed clearly why asylum exists.
    """

    code = "Q102"
    category = "quote"
    severity = "major"

    def check(self, pair: SegmentPair):
        rq = pair.context.memo(quotes, pair.ref)
        if not rq:
            return
        cq = pair.context.memo(quotes, pair.cand)
        for r, c, sim in _pair_quotes(rq, cq):
            if c is not None and not (sim < 0.35 and _words_in(r.words, pair.cand)):
                continue
            rtext = pair.ref[r.start:r.end]
            if _words_in(r.words, pair.cand):
                yield self.flag(pair, f'quotation marks around "{rtext}" were lost', (r.start, r.end), None, severity="minor")
            else:
                yield self.flag(pair, f'quotation "{rtext}" is missing from the copy', (r.start, r.end), None)
