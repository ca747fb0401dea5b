"""Quotation detectors: a direct quotation must survive word for word.

A quotation is text inside double quotes (straight or curly, folded by ``text.fold``). Each quotation
of the reference is paired with the most similar quotation of the copy; any change of wording is
critical, a change of hyphenation, case or a leading article is minor, and a quotation with no
counterpart is major (or minor when its words survive without the quote marks).
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from rapidfuzz import fuzz

from ..quotations import Quote
from ..text import fold
from .base import Detector, SegmentPair, register

_WORD = re.compile(r"\w+(?:'\w+)*")
_ARTICLES = {"a", "an", "the"}


def _loose(words: tuple[str, ...]) -> str:
    """Letters with hyphenation, spacing and articles ignored: "a well-founded fear" ~ "well founded fear"."""
    return "".join(p for w in words for p in w.split("-") if p not in _ARTICLES)


def _changes(ref: str, cand: str, most: int = 3) -> str:
    """The words the copy changed inside a quotation, for the message: '"it" became "her", "soul" dropped'."""
    rw, cw = _WORD.findall(ref), _WORD.findall(cand)
    ops = [op for op in SequenceMatcher(None, [w.lower() for w in rw], [w.lower() for w in cw], autojunk=False).get_opcodes()
           if op[0] != "equal"]
    parts = []
    for tag, i1, i2, j1, j2 in ops[:most]:
        was, now = " ".join(rw[i1:i2]), " ".join(cw[j1:j2])
        parts.append(f'"{was}" dropped' if tag == "delete" else f'"{now}" added' if tag == "insert" else f'"{was}" became "{now}"')
    if len(ops) > most:
        parts.append(f"{len(ops) - most} more")
    return ", ".join(parts)


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
        rq = pair.context.quotations(pair.ref)
        if not rq:
            return
        cq = pair.context.quotations(pair.cand)
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
                    pair, f'quotation "{rtext}" is not verbatim in the copy: "{ctext}" ({_changes(rtext, ctext)})',
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
        rq = pair.context.quotations(pair.ref)
        if not rq:
            return
        cq = pair.context.quotations(pair.cand)
        for r, c, sim in _pair_quotes(rq, cq):
            if c is not None and not (sim < 0.35 and _words_in(r.words, pair.cand)):
                continue
            rtext = pair.ref[r.start:r.end]
            if _words_in(r.words, pair.cand):
                yield self.flag(pair, f'quotation marks around "{rtext}" were lost', (r.start, r.end), None, severity="minor")
            else:
                yield self.flag(pair, f'quotation "{rtext}" is missing from the copy', (r.start, r.end), None)
