"""WordNet multi-word expressions found in a side's words (mtqe/expressions.py)."""

import pytest

from mtqe.expressions import occurrences
from mtqe.lexicon import wordnet
from mtqe.wordalign import words


def _found(text: str) -> list[str]:
    return [o.lemma for o in occurrences(words(text), text)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Power outages began at dawn.", ["power_outage"]),  # inflected last word
    ("The storm bore down on the islands.", ["bear_down_on"]),  # longest at its start, none inside it
    ("The figures were set out in a power-outage report.", ["set_out"]),  # a hyphenated word is one word
    ("They lost power, outages followed.", []),  # a comma does not
    ("Nothing here is fixed.", []),
    # "lay" is also the past of "lie": of two lemmas as long, the one written wins (lay_down: establish),
    # whatever order a set gives them
    ("The law may lay down new penalties.", ["lay_down"]),
])
def test_occurrences(text, expected):
    assert _found(text) == expected


def test_alternatives_climb_the_hierarchy():
    one, two = wordnet.expression_alternatives("air_gun"), wordnet.expression_alternatives("air_gun", levels=2)
    assert "gun" in one and "weapon" not in one and "weapon" in two
    assert "power_failure" in wordnet.expression_alternatives("power_outage", levels=0)


def test_parts_of_speech_of_expressions_and_words():
    assert wordnet.parts_of_speech("stand_by") >= {"v"}
    assert wordnet.parts_of_speech("power_outage") == {"n"}
    assert "n" in wordnet.parts_of_speech("house")


def _e102(ref: str, cand: str) -> list[tuple[str, str]]:
    from mtqe import compare

    return [(f.severity, f.message) for s in compare(ref, cand).segments for f in s.flags if f.code == "E102"]


@pytest.mark.parametrize(("ref", "cand", "severity"), [
    # the verb kept, the particle changed: another phrasal verb, another meaning
    ("The family said the old actor passed away at home on Sunday.",
     "The family said the old actor passed out at home on Sunday.", "major"),
    ("The tenants held up their keys for the cameras.", "The tenants held on their keys for the cameras.", "major"),
    # "on" / "in" are as often prepositions: a small worry
    ("The convoy left the square once the crowd moved on.", "The convoy left the square once the crowd moved in.", "minor"),
])
def test_particle_changed(ref, cand, severity):
    [(sev, message)] = _e102(ref, cand)
    assert sev == severity and "another phrasal verb" in message


@pytest.mark.parametrize(("ref", "cand"), [
    # WordNet puts "take over" and "take on" in one synset (assume a role)
    ("She will take over the running of the charity next year.", "She will take on the running of the charity next year."),
    ("The family said the old actor passed away at home on Sunday.", "The family said the old actor passed away at home on Sunday."),
])
def test_particle_kept_or_synonym_is_quiet(ref, cand):
    assert _e102(ref, cand) == []
