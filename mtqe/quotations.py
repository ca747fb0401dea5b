"""Direct quotations of a text: the spans inside double quotes (straight or curly) and their words.

A quotation mark's direction comes from the character itself (curly ones) or from its neighbours
(straight ones); a closing mark with no opening before it closes a quotation that began earlier.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .text import fold

_WORD = re.compile(r"\w+(?:'\w+)*")


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


def quotations(text: str) -> tuple[Quote, ...]:
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
