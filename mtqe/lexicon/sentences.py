"""Where sentences start, and the function words that are no names even when capitalised."""

from __future__ import annotations

from ..text import Token

_OPENERS = frozenset('"\'([{-*•\u201c\u2018')
_ENDERS = frozenset(".!?")
# Abbreviations after which a full stop does not end the sentence.
ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof st sr jr vs etc no nos approx gen col lt sgt capt cmdr adm gov sen rep rev fig ca "
    "jan feb mar apr jun jul aug sep sept oct nov dec inc ltd co corp dept est vol pp op".split()
)
FUNCTION_WORDS = frozenset(
    "a an the and or but nor of to in on at by for with from into onto as than that this these those which who "
    "whom whose is are was were be been being has have had do does did will would shall should can could may "
    "might must not no its their his her our your my it they we he she them him us me".split()
)


def sentence_first_words(tokens: tuple[Token, ...], starts: tuple[int, ...], length: int) -> tuple[Token, ...]:
    """The first word token of every sentence of a text of ``length`` characters: at the given start
    offsets and after . ! ? marks (not after an abbreviation or an initial)."""
    pending = sorted(set(starts) | {0}, reverse=True)
    next_start = pending.pop()
    firsts: list[Token] = []
    expect = False
    prev_word = None
    for tok in tokens:
        if tok.start >= next_start:
            expect = True
            while pending and pending[-1] <= tok.start:
                pending.pop()
            next_start = pending.pop() if pending else length + 1
        if tok.is_word or tok.is_number:
            if expect and tok.is_word:
                firsts.append(tok)
            expect = False
            prev_word = tok
            continue
        ch = tok.text[0]
        if ch in _ENDERS:
            if tok.text == "." and prev_word is not None and prev_word.end == tok.start and (
                prev_word.lower in ABBREVIATIONS or len(prev_word.text) == 1
            ):
                continue
            expect = True
        elif ch in _OPENERS:
            continue
        else:
            expect = False
    return tuple(firsts)


def title_case(tokens: tuple[Token, ...]) -> bool:
    """A headline in title case (every content word capitalised): its capitals mark neither names nor a
    word glued in mid-sentence."""
    words = [t.text for t in tokens if t.is_word and t.text.lower() not in FUNCTION_WORDS]
    return len(words) >= 3 and sum(not w[0].isupper() for w in words) <= len(words) // 8
