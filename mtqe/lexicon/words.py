"""A tokenised text's words as detectors compare them: folded (curly quotes, dashes) and lower-cased."""

from __future__ import annotations

from ..text import Token, fold


def words_of(text: str, tokens: tuple[Token, ...]) -> tuple[str, ...]:
    """Folded, lower-cased token texts, one per token of ``text``."""
    low = fold(text).lower()
    if len(low) == len(text):
        return tuple([low[t.start:t.end] for t in tokens])
    return tuple(fold(t.text).lower() for t in tokens)
