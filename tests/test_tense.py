"""Tense and aspect detectors (T101-T103) on English sentence pairs: which differences of form are a
paraphrase by English grammar, and which move the time of an event.

CHANGED holds the pairs the paraphrase rules decide (each was flagged, or missed, before them); KEPT holds
the grammar's exceptions, where the same pair of forms does change what is said, and the last table faithful
renderings of "be to": a looser or a stricter rule fails there.
"""

from __future__ import annotations

import pytest

from mtqe import compare, detectors
from mtqe.detectors import SegmentPair
from mtqe.detectors.tense import groups

QUIET = ()


def _codes(ref: str, cand: str) -> list[str]:
    pair = SegmentPair(ref=ref, cand=cand, ref_doc=ref, cand_doc=cand)
    return [f.code for f in detectors.run(detectors.selected(("T1",), ()), pair)]


CHANGED = [
    # a present perfect and a simple past of a finished event tell the same news
    ("perfect-to-past", "The city council has approved the new budget.",
     "The city council approved the new budget.", QUIET),
    ("past-to-perfect", "Other researchers confirmed key parts of the study.",
     "Other researchers have confirmed key parts of the study.", QUIET),
    ("passive-perfect-to-past", "A total of 17 deaths have been recorded in the region.",
     "A total of 17 deaths were recorded in the region.", QUIET),
    ("date-of-another-clause", "The institute has reported that there were more fires in 2019 than in 2018.",
     "The institute reported that there were more fires in 2019 than in 2018.", QUIET),
    ("from-yesterday-is-no-date", "As of yesterday, no oil slicks have been found along the route.",
     "From yesterday, no oil slicks were found along the route.", QUIET),
    ("up-to-is-no-since", "Mortality rates have been at least 25%, up to 90% in some outbreaks.",
     "Mortality rates were at least 25%, up to 90% in some outbreaks.", QUIET),
    # a past perfect may always give way to the simple past ...
    ("past-perfect-dropped", "Under his leadership, the diocese had protested against the mine.",
     "Under his leadership, the diocese protested against the mine.", QUIET),
    ("past-perfect-dropped-in-report", "The newspaper wrote that the plane had hit a balloon.",
     "The newspaper wrote that the plane hit a balloon.", QUIET),
    # ... and may be added where an earlier past verb or "after" gives it its reference point
    ("past-perfect-under-said", "The utility said it scheduled the blackouts because of high winds.",
     "The utility said it had scheduled the blackouts because of high winds.", QUIET),
    ("past-perfect-after", "After the dam was built, the floods stopped.",
     "After the dam had been built, the floods stopped.", QUIET),
    # "still" makes a simple past and a past progressive tell one ongoing situation
    ("still-progressive", "The resolution still awaited approval by the government.",
     "The resolution was still awaiting approval by the government.", QUIET),
    # a perfect infinitive has no tense of its own
    ("perfect-infinitive", "Police arrested three men believed to have taken part in the robbery.",
     "Police arrested three men who they believed took part in the robbery.", QUIET),
    # across verbs, a perfect the copy dropped to a simple past changes nothing of the mix
    ("dropped-perfect-other-verb", "Legal groups have also called for the bill to be withdrawn.",
     "Legal groups also asked for the bill to be withdrawn.", QUIET),
    # a verb-or-plural-noun form with an object straight after it is the verb: the reference has a present
    ("object-after-verb-form", "The bacterium causes Lyme disease, a sometimes-serious illness.",
     "The bacterium causes Lyme disease, an illness that is sometimes serious.", QUIET),
    # after a past verb of saying, English shifts a reported present (or future) back
    ("backshift-present", "The lawyer said the department reserves the right to appeal.",
     "The lawyer said the department reserved the right to appeal.", QUIET),
    ("backshift-future", "A spokesman said no staff will be sent into the building.",
     "A spokesman said no staff would be sent into the building.", QUIET),
    ("backshift-perfect", "Officials said the company has paid the fine.",
     "Officials said the company had paid the fine.", QUIET),
    # "be to" is an arrangement: "will" says the same ...
    ("be-to-as-will", "The minister is to announce the results on Monday.",
     "The minister will announce the results on Monday.", QUIET),
    # ... "should", "may" or a plain past do not
    ("be-to-as-should", "The two older drugs are to be retired.",
     "The two older drugs should be retired.", ("T101",)),
    ("is-to-as-should", "The Vatican is to decide within a month whether an inquiry is needed.",
     "The Vatican should decide within a month whether an inquiry is needed.", ("T101",)),
    ("was-to-have-as-should-have", "The president cancelled a speech he was to have given that evening.",
     "The president cancelled a speech he should have given that evening.", ("T101",)),
    ("planned-presented-as-done", "Investigators were to examine the wreckage on Monday.",
     "Investigators examined the wreckage on Monday.", ("T101",)),
]

KEPT = [
    # "since" and "for the past year" make the perfect mean "and still now"
    ("since-perfect-to-past", "He has worked for the police since 2003.",
     "He worked for the police since 2003.", "T101"),
    ("for-duration", "The region has suffered an outbreak of the disease for the past year.",
     "The region suffered an outbreak of the disease for the past year.", "T101"),
    # a verb of continuing in the perfect says the state goes on
    ("remained", "After the hotel closed, the building has remained a private home.",
     "After the hotel closed, the building remained a private home.", "T101"),
    # a dated past rules the present perfect out
    ("dated-past", "The company opened a second plant in 2019.",
     "The company has opened a second plant in 2019.", "T101"),
    # "by 1976" demands the past perfect
    ("by-a-date", "By 1976, a third of the site had been restored.",
     "By 1976, a third of the site was restored.", "T102"),
    # a past perfect added with nothing to be earlier than asserts an order the original did not
    ("unanchored-past-perfect", "The storm began in the Atlantic on Monday.",
     "The storm had begun in the Atlantic on Monday.", "T102"),
    # "be to" with an aspect added is no plain future
    ("be-to-progressive", "The team is to play a warm-up match first.",
     "The team will be playing a warm-up match first.", "T1"),
    # a direct quotation keeps its tenses, and with no verb of saying there is nothing to shift back to
    ("quoted-present", 'He said: "The attacker is using two guns."', 'He said: "The attacker was using two guns."',
     "T101"),
    ("no-reporting-verb", "The department reserves the right to appeal.",
     "The department reserved the right to appeal.", "T101"),
    ("progressive-without-still", "Investigators found traces of the chemical in the water.",
     "Investigators were finding traces of the chemical in the water.", "T102"),
]


@pytest.mark.parametrize(("ref", "cand", "expect"), [c[1:] for c in CHANGED], ids=[c[0] for c in CHANGED])
def test_paraphrase_rules(ref, cand, expect):
    assert sorted(set(_codes(ref, cand))) == sorted(expect)


@pytest.mark.parametrize(("ref", "cand", "code"), [c[1:] for c in KEPT], ids=[c[0] for c in KEPT])
def test_grammar_exceptions_keep_the_flag(ref, cand, code):
    codes = _codes(ref, cand)
    assert any(c.startswith(code) for c in codes), codes


@pytest.mark.parametrize(("ref", "cand"), [
    ("Officials said the team was to play against the champions.",
     "Officials said the team would play against the champions."),
    ("The aim of the programme is to reduce the risk of wildfires.",
     "The aim of the program is to reduce the risk of forest fires."),
    ("NBC News reported he is to be sentenced in June.", "NBC News reported he is expected to be sentenced in June."),
], ids=["was-to-as-would", "copula-before-infinitive", "be-to-as-expected-to"])
def test_be_to_rendered_faithfully_stays_quiet(ref, cand):
    assert _codes(ref, cand) == []


@pytest.mark.parametrize(("text", "lemma", "tense", "perfect"), [
    ("The two older drugs are to be retired.", "retire", "present", False),
    ("He cancelled a speech he was to have given.", "give", "past", True),
    ("The study is to involve random assignment.", "involve", "present", False),
])
def test_be_to_is_read_as_an_arrangement(text, lemma, tense, perfect):
    pair = SegmentPair(ref=text, cand=text)
    g = next(g for g in groups(text, pair.ref_tokens) if g.lemma == lemma)
    assert (g.planned, g.tense, g.perfect) == (True, tense, perfect)


def _severities(ref: str, cand: str) -> list[str]:
    return [f.severity for s in compare(ref, cand).segments for f in s.flags if f.code == "T101"]


@pytest.mark.parametrize(("ref", "cand", "severity"), [
    # an arrangement made a recommendation misinforms as much as a past made a future
    ("The Vatican is to decide within a month.", "The Vatican should decide within a month.", "major"),
    # a synonym of the verb is read as the same verb
    ("Under the deal, patients are to be permitted to choose.", "Under the deal, patients should be allowed to choose.",
     "major"),
    ("The council dropped the plan in May.", "The council will abandon the plan in May.", "major"),
    ("The two drugs are to be retired.", "The two drugs were retired.", "minor"),
])
def test_t101_severity(ref, cand, severity):
    assert _severities(ref, cand) == [severity]
