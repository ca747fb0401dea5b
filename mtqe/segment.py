"""Sentences with character offsets into the original text.

Lines are hard boundaries (a headline or a promotional line stays its own unit); inside a line,
sentencex splits sentences. It was chosen over pysbd by measurement: the same splits on the seed
pair, fewer false splits on DEMETR (12 vs 24 of 3,000 single sentences), and ~400x faster.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .document import Document

_TITLES = "Mr Mrs Ms Dr Gen Sen Rep Gov Lt Col Capt Sgt Prof Rev St Mt No Nos Adm Maj Supt".split()
_TITLE = re.compile(r"(?:\b(?:" + "|".join(_TITLES) + r")\.|\b[A-Z]\.)\s*$")
# A match is a title and its dot at the end (spaces aside); ``\b`` also reads the character before it.
_TITLE_REACH = max(map(len, _TITLES)) + 2
_LINE = re.compile(r"[^\n]+")


@dataclass(frozen=True)
class Sentence:
    """One sentence: its text (stripped) and [start, end) in the document; ``line`` is its line number."""

    index: int
    text: str
    start: int
    end: int
    line: int


def _split_line(line: str) -> list[tuple[int, int]]:
    """Sentence spans within one line, with sentencex's title/initial false splits merged back."""
    import sentencex  # a light import, deferred so `mtqe --help` stays fast

    spans: list[tuple[int, int]] = []
    cursor = 0
    for piece in sentencex.segment("en", line):
        piece = piece.strip()
        if not piece:
            continue
        start = line.find(piece, cursor)
        if start < 0:  # sentencex never rewrites text, but stay safe
            start = cursor
        end = start + len(piece)
        if spans and _ends_in_title(line[spans[-1][0]:spans[-1][1]]):
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
        cursor = end
    return spans


def _ends_in_title(span: str) -> bool:
    """``_TITLE`` searched over the span's last characters only: the same answer as over the whole span, in
    a sixth of the time (the search would try every position of the sentence)."""
    body = len(span.rstrip())
    return _TITLE.search(span[max(0, body - _TITLE_REACH):]) is not None


def split(doc: Document) -> tuple[Sentence, ...]:
    """All sentences of a document in order; blank lines and whitespace are skipped."""
    out: list[Sentence] = []
    for line_no, m in enumerate(_LINE.finditer(doc.text)):
        if not m.group().strip():
            continue
        for s, e in _split_line(m.group()):
            out.append(Sentence(len(out), m.group()[s:e], m.start() + s, m.start() + e, line_no))
    return tuple(out)
