"""The detectors' cheap pre-tests skip work only where the full reading finds nothing.

Each pre-test answers "could there be anything here?" with set or string tests in C before a Python loop
or an expensive regex; a pre-test that said no where the full reading finds something would silently
drop flags. Each is compared with the reading it guards on English sentences written for the test.
"""

from __future__ import annotations

import re

import pytest

from mtqe.detectors import fluency
from mtqe.detectors.dates import _CALENDAR_KEYS, _calendar_words
from mtqe.lexicon import figures
from mtqe.lexicon.names import NameKeys
from mtqe.lexicon import negation
from mtqe.lexicon.negation import cues
from mtqe.lexicon.words import words_of
from mtqe.text import tokenize

SENTENCES = [
    "The council met on Monday and approved the plan.",
    "A million people live there, and a third of them are children.",
    "The five-year plan failed; a year-and-a-half later it was revived.",
    "Twenty-one delegates voted, the fifth-seeded player lost.",
    "He arrived in the fifties, with half the money and a dozen bags.",
    "Covid-19 cases rose 10% in 2025.",
    "The well-known author said nothing new.",
    "Officials did not comment on the non-violent protest.",
    "It wasn't clear whether the ill-prepared team would play.",
    "She said the bridge was closed for repairs.",
    "The meeting moved to Sept. 5, a Tuesday.",
    "The report is due in May, said the minister.",
    "the the council met",
    "in the city in the city",
    "He said he did n't know , and left .",
    "Prices rose ( sharply ) this year",
    "Shares rose 3% on Tuesday",
    "Shares rose 3% on Tuesday.\u00a0",
    "Is it over?\n",
]


def _full_read(text: str):
    tokens = tokenize(text)
    words = words_of(text, tokens)
    return tokens, words


@pytest.mark.parametrize("text", SENTENCES)
def test_figures_pretest_never_hides_a_figure(text, monkeypatch):
    tokens, words = _full_read(text)
    found = figures.read_numbers(text, tokens, words)
    monkeypatch.setattr(figures, "_may_have_figures", lambda *_: True)
    assert figures.read_numbers(text, tokens, words) == found


@pytest.mark.parametrize("text", ["The council met on Monday.", "She lives in a small town."])
def test_figures_pretest_skips_sentences_without_figures(text):
    assert not figures._may_have_figures(*_full_read(text))


@pytest.mark.parametrize("text, has", [
    ("A million people live there.", True), ("The five-year plan.", True), ("A year-and-a-half later.", True),
    ("The well-known author.", False), ("A short walk.", False),
])
def test_figures_pretest_table(text, has):
    assert figures._may_have_figures(*_full_read(text)) is has


@pytest.mark.parametrize("text", SENTENCES)
def test_negation_pretest_is_necessary(text):
    _, words = _full_read(text)
    if any(map(negation._opens_cue, words)):
        assert negation.may_negate(words)
    else:
        assert cues(text, *_full_read(text)) == ()


@pytest.mark.parametrize("text, negates", [
    ("Officials did not comment.", True), ("It wasn't clear.", True), ("A non-violent protest.", True),
    ("The ill-prepared team lost.", True), ("The council met on Monday.", False),
])
def test_negation_pretest_table(text, negates):
    assert negation.may_negate(_full_read(text)[1]) is negates


@pytest.mark.parametrize("text", SENTENCES)
def test_calendar_pretest_is_necessary(text):
    tokens = tokenize(text)
    if _calendar_words(tokens):
        assert not _CALENDAR_KEYS.isdisjoint(NameKeys.of(tokens).caps)


_END_PUNCT = re.compile(r"[.!?…\"')\]]\s*$")  # the regex F103 used


@pytest.mark.parametrize("text", SENTENCES + ["", "   ", "x )", "done]\t\n"])
def test_closing_mark_test_agrees_with_the_regex(text):
    assert fluency._ends_punctuated(text) is bool(_END_PUNCT.search(text))


@pytest.mark.parametrize("text", SENTENCES)
def test_repeat_and_spacing_hints_are_necessary(text):
    if fluency._REPEAT.search(text):
        assert fluency._may_repeat(text)
    if fluency._TOKEN_SPACE.search(text):
        assert fluency._TOKEN_SPACE_HINT.search(text)


def test_repeat_hint_rejects_a_word_that_merely_recurs():
    assert not fluency._may_repeat("the city and the river")
    assert fluency._may_repeat("in the city in the city")
