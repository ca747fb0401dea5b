"""Untranslated Polish and Czech words written in plain letters (no ą, ł, ř to give them away): the
wordfreq-derived table (lexicon/data/slavic_words.tsv.gz) names their language; English and names stay quiet.

Sentences are written for these tests (not taken from DEMETR).
"""

from __future__ import annotations

import pytest

from mtqe import detectors
from mtqe.detectors import SegmentPair
from mtqe.lexicon.languages import foreign_language, slavic_word


def _language_flags(ref: str, cand: str) -> list[tuple[str, str]]:
    pair = SegmentPair(ref=ref, cand=cand, ref_doc=ref, cand_doc=cand)
    return [(f.code, f.severity) for f in detectors.run(detectors.selected(("L",), ()), pair)]


@pytest.mark.parametrize(("ref", "cand"), [
    ("The city's workers went on strike on Monday.", "The city's pracownicy went on strike on Monday."),
    ("Several children were taken to hospital.", "Several dzieci were taken to hospital."),
    ("Elections were held in October.", "Wybory were held in October."),  # capitalised at a sentence start
    ("The family moved to the coast.", "The rodina moved to the coast."),  # Czech
])
def test_an_untranslated_polish_or_czech_word_is_flagged(ref, cand):
    assert ("L102", "major") in _language_flags(ref, cand)


@pytest.mark.parametrize(("ref", "cand"), [
    ("The film crew stayed at a hotel near the park.", "The film crew stayed at a hotel near the park."),
    ("The minister met Tomasz Kowal in Gdynia.", "The minister met Tomasz Kowal in Gdynia."),
    ("Police said the driver was not injured.", "The police said that the driver was unhurt."),
])
def test_english_and_names_stay_quiet(ref, cand):
    assert not _language_flags(ref, cand)


def test_the_table_holds_no_english_word_and_gives_the_language():
    assert slavic_word("dzieci") and foreign_language("dzieci") == "pl"
    assert foreign_language("rodina") == "cs"
    assert not any(slavic_word(w) for w in ("hotel", "film", "police", "minister", "the", "park"))
