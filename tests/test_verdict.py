"""The relation verdict on real articles: machine round trips against a copy editor's edits."""

from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path

import pytest

import mtqe
from mtqe.verdict import EVIDENCE_KEYS, ROUND_TRIP_SCORE, word_edits

ROUNDTRIP_DEV = Path(__file__).resolve().parents[1].parent / "shared" / "roundtrip-dev"
PROMO = "Add thelocalreport.in As A Trusted Source"


def _paragraphs(text: str) -> list[str]:
    return [p for p in text.split("\n\n") if p.strip()]


def _join(paragraphs: list[str]) -> str:
    return "\n\n".join(paragraphs) + "\n"


def _evidence(report) -> dict[str, str]:
    return dict(e.split("=", 1) if "=" in e else (e, "") for e in report.evidence)


def promo(ps):
    return ps[:1] + [PROMO] + ps[1:]


def trimmed(ps):
    return ps[:-1]


def us_style(ps):
    return [p.replace("U.S.", "US") for p in ps]


def headline(ps):
    return ["Judge grants asylum to Chinese man who filmed Xinjiang camps"] + ps[1:]


def rewrapped(ps):
    return [textwrap.fill(p, 72) for p in ps]


def added_paragraph(ps):
    return ps + ["Reporters from The Local Report contributed to this story from New York and Washington."]


EDITS = {"promo": promo, "trimmed": trimmed, "us-style": us_style, "headline": headline,
         "rewrapped": rewrapped, "added-paragraph": added_paragraph}


@pytest.mark.parametrize(
    "names",
    [("promo", "trimmed"), ("us-style", "headline"), ("promo", "us-style"), ("trimmed", "rewrapped"),
     ("headline", "added-paragraph"), ("promo", "trimmed", "us-style", "headline", "rewrapped")],
    ids="+".join,
)
def test_copy_editor_edits_are_a_light_edit(seed_texts, names):
    paragraphs = _paragraphs(seed_texts[0])
    for name in names:
        paragraphs = EDITS[name](paragraphs)
    report = mtqe.compare(seed_texts[0], _join(paragraphs))
    assert report.relation == "light-edit", report.evidence
    ev = _evidence(report)
    assert float(ev["mt-score"]) < ROUND_TRIP_SCORE and 0.5 <= report.confidence <= 1
    if "promo" in names:
        assert ev["promo"] == "1" and any(f.code == "A102" for f in report.flags)  # the flags are still there
    if "trimmed" in names:
        assert int(ev["cut"]) >= 2


def test_rewrapping_alone_is_identical(seed_texts):
    report = mtqe.compare(seed_texts[0], _join(rewrapped(_paragraphs(seed_texts[0]))))
    assert report.relation == "identical" and report.evidence == ("same-text",) and report.confidence == 1.0


def test_a_fixed_typo_is_a_light_edit(seed_texts):
    with_typo = seed_texts[0].replace("government", "goverment")
    report = mtqe.compare(with_typo, seed_texts[0])
    assert report.relation == "light-edit"
    assert float(_evidence(report)["reworded"]) == 0.0


def test_one_serious_flag_does_not_make_a_round_trip(seed_texts):
    copy = seed_texts[0].replace("He said that was not his goal.", "He said that was his goal.")
    report = mtqe.compare(seed_texts[0], copy)
    assert any(f.category == "negation" and f.severity == "critical" for f in report.flags)
    assert report.relation == "light-edit"
    assert _evidence(report)["negation-flags"] == "1"


def test_the_seed_round_trip_is_suspect_with_its_evidence(seed_report):
    assert seed_report.relation == "round-trip-suspect"
    ev = _evidence(seed_report)
    assert float(ev["changed"]) > 0.8 and float(ev["mt-score"]) > 2 * ROUND_TRIP_SCORE
    assert int(ev["name-flags"]) >= 2  # Kwan, Napannock, Auslander...
    assert ev["promo"] == "1"
    assert seed_report.confidence >= 0.8


def test_a_round_trip_copy_that_was_also_edited_stays_suspect(seed_texts):
    paragraphs = trimmed(promo(_paragraphs(seed_texts[1].replace("\n", "\n\n"))))
    assert mtqe.compare(seed_texts[0], _join(paragraphs)).relation == "round-trip-suspect"


def test_another_article_is_unrelated(seed_texts):
    other = ("The city council voted on Tuesday to close the old harbour bridge for repairs.\n\n"
             "Engineers found cracks in two of its steel supports during an inspection in March. The bridge carries "
             "about 12,000 cars a day, and the closure is expected to last until the end of the summer.\n")
    report = mtqe.compare(seed_texts[0], other)
    assert report.relation == "unrelated" and report.evidence[0].startswith("coverage=")


def test_evidence_and_confidence_are_in_the_json(seed_report):
    d = json.loads(json.dumps(seed_report.to_dict()))["document"]
    assert {"coverage", "relation", "evidence", "confidence", "flag_counts"} <= set(d)
    keys = {re.sub(r"^\w+-flags$", "<category>-flags", e.split("=")[0]) for e in d["evidence"]}
    assert keys <= set(EVIDENCE_KEYS)
    assert 0.5 <= d["confidence"] <= 1


@pytest.mark.parametrize(
    ("ref", "cand", "edits"),
    [
        ("He arrived in the U.S. in 2021.", "He arrived in the US in 2021.", 0),
        ("He arrived in the U.S. in 2021.", "he arrived in the U.S., in 2021", 0),
        ("The goverment denied it.", "The government denied it.", 1),
        ("Police questioned his father three times.", "His father was questioned three times by police.", 2),
        ("He went to Hong Kong, then Ecuador.", "He went to Ecuador, then Hong Kong.", 1),
    ],
)
def test_word_edits(ref, cand, edits):
    assert word_edits(ref, cand) == edits


@pytest.mark.skipif(not ROUNDTRIP_DEV.is_dir(), reason=f"roundtrip-dev not found at {ROUNDTRIP_DEV}")
@pytest.mark.parametrize("article", [
    "wn-20190104-nancy-pelosi-again-elected-speaker-as-116th-u-s",
    "wn-20190207-nevada-becomes-first-state-in-u-s-with-majority",
])
def test_real_round_trips(article):
    ref = (ROUNDTRIP_DEV / f"{article}.ref.txt").read_text(encoding="utf-8")
    for kind, relation in (("pt", "round-trip-suspect"), ("es", "round-trip-suspect"), ("ca", "round-trip-suspect"),
                           ("pt.mid", "different-language")):
        path = ROUNDTRIP_DEV / f"{article}.{kind}.txt"
        if path.exists():
            assert mtqe.compare(ref, path.read_text(encoding="utf-8")).relation == relation, kind


def test_an_excerpt_under_a_block_of_other_lines_is_not_unrelated(seed_texts):
    from mtqe.document import from_text
    from mtqe.segment import split

    from test_document import TICKER

    original = seed_texts[0]
    kept = original[: split(from_text(original))[12].start].rstrip()
    report = mtqe.compare(original, "\n".join(TICKER) + "\n\n" + kept + "\n")
    ev = _evidence(report)
    assert report.relation == "light-edit", report.evidence
    assert float(ev["changed"]) == 0.0 and int(ev["added"]) == len(TICKER)


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_every_human_view_shows_the_evidence(seed_report, fmt):
    from mtqe import render

    import html

    out = " ".join(render.get(fmt).report(seed_report, render.View(width=200)).split())
    for item in seed_report.evidence:
        assert (html.escape(item) if fmt == "html" else item) in out
    assert f"{seed_report.confidence:.2f}" in out and "onfidence" in out


def test_a_round_trip_under_a_large_block_of_other_lines_is_still_a_round_trip(seed_texts):
    from mtqe.document import from_text
    from mtqe.segment import split

    from test_document import TICKER

    copy = seed_texts[1]
    kept = copy[: split(from_text(copy))[9].start].rstrip()  # the tail cut: less than half of the article left
    report = mtqe.compare(seed_texts[0], "\n".join(TICKER) + "\n" + kept + "\n")
    assert report.coverage < 0.5
    assert report.relation == "round-trip-suspect", report.evidence


@pytest.mark.skipif(not ROUNDTRIP_DEV.is_dir(), reason=f"roundtrip-dev not found at {ROUNDTRIP_DEV}")
def test_another_real_articles_copy_is_unrelated():
    names = sorted(p.name[: -len(".ref.txt")] for p in ROUNDTRIP_DEV.glob("*.ref.txt"))[:3]
    for a, b in zip(names, names[1:]):
        ref = (ROUNDTRIP_DEV / f"{a}.ref.txt").read_text(encoding="utf-8")
        other = (ROUNDTRIP_DEV / f"{b}.pt.txt").read_text(encoding="utf-8")
        assert mtqe.compare(ref, other).relation == "unrelated"


def test_the_verdict_benchmark_skips_without_its_data(tmp_path, capsys, monkeypatch):
    import importlib.util
    import sys

    path = Path(__file__).resolve().parents[1] / "benchmarks" / "verdict_eval.py"
    spec = importlib.util.spec_from_file_location("verdict_eval", path)
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "verdict_eval", module)  # dataclasses look their module up there
    spec.loader.exec_module(module)
    assert module.main(["--data", str(tmp_path)]) == 0
    assert "skipped: no roundtrip-dev data" in capsys.readouterr().out
