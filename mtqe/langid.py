"""Document language identification with langdetect, deterministic and only on enough text."""

from __future__ import annotations

from functools import lru_cache

MIN_LETTERS = 40
SAMPLE_CHARS = 2000


@lru_cache(maxsize=1)
def _factory_seeded() -> None:
    from langdetect import DetectorFactory

    DetectorFactory.seed = 0  # langdetect is randomised; a fixed seed makes results repeatable


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's main language, or None when the text is too short to tell."""
    sample = text[:SAMPLE_CHARS]
    if sum(ch.isalpha() for ch in sample) < MIN_LETTERS:
        return None
    _factory_seeded()
    from langdetect import detect
    from langdetect.lang_detect_exception import LangDetectException

    try:
        return detect(sample)
    except LangDetectException:
        return None
