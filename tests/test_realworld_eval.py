"""benchmarks/realworld_eval.py on two annotated real round trips: the figures exist, add up and are located right."""

from __future__ import annotations

import importlib.util
import json
import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ROUNDTRIP = Path(os.environ.get("MTQE_ROUNDTRIP") or ROOT.parent / "shared" / "roundtrip-dev")

pytestmark = pytest.mark.skipif(
    not (ROUNDTRIP / "gold").is_dir(),
    reason=f"annotated round trips not found at {ROUNDTRIP}/gold (set MTQE_ROUNDTRIP to a roundtrip-dev checkout)",
)


def _load_benchmark():
    spec = importlib.util.spec_from_file_location("realworld_eval", ROOT / "benchmarks" / "realworld_eval.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def rw():
    return _load_benchmark()


@pytest.fixture(scope="module")
def result(rw):
    return rw.evaluate(ROUNDTRIP, "dev", limit=2)


def test_halves_split_the_articles_deterministically(rw):
    names = [p.stem for p in (ROUNDTRIP / "gold").glob("*.json")]
    dev, check = rw.split_half(names, "dev"), rw.split_half(names, "check")
    assert not set(dev) & set(check)
    assert sorted(dev + check) == sorted(names) == rw.split_half(names, "all")
    assert abs(len(dev) - len(check)) <= 1
    assert rw.split_half(list(reversed(names)), "dev") == dev


def test_two_articles_report_every_figure(result):
    assert len(result["articles"]) == 2 and len(result["copies"]) == 2
    for view in ("quotes_aside", "with_quotes"):
        fig = result[view]
        for key in ("all", "serious", "sev:major"):
            row = fig["recall"][key]
            assert 0 <= row["touched"] <= row["errors"]
        assert fig["recall"]["all"]["errors"] == sum(fig["recall"][f"sev:{s}"]["errors"] for s in ("minor", "major", "critical")
                                                     if f"sev:{s}" in fig["recall"])
        prec = fig["precision"]["all"]
        assert prec["flags"] > 0 and 0 <= prec["hits"] <= prec["flags"]
        seg = fig["segments"]
        assert seg["positive"] > 0 and seg["negative"] > 0
        assert 0.0 <= seg["risk_auc"] <= 1.0 and 0.0 <= seg["chrf_auc"] <= 1.0
        assert seg["clean_with_serious_flag"] <= seg["clean"] == seg["negative"]
    assert "cat:quote" not in result["quotes_aside"]["precision"]
    assert "cat:quote" not in result["quotes_aside"]["recall"]
    assert result["with_quotes"]["recall"]["all"]["errors"] >= result["quotes_aside"]["recall"]["all"]["errors"]
    for copy in result["copies"]:
        assert isinstance(copy["passed"], bool) and copy["relation"]
    json.dumps({k: v for k, v in result.items() if k != "_articles"})  # the --json payload serialises


def test_gold_spans_and_flag_spans_land_on_their_text(result):
    for art in result["_articles"]:
        for e in art["gold"]:
            for span, doc, text in ((e.ref, art["ref_doc"], e.ref_text), (e.cand, art["cand_doc"], e.cand_text)):
                assert (span is None) == (not text)
                if span:
                    assert " ".join(doc[span[0]:span[1]].split()) == " ".join(text.split())
        for f in art["flags"]:
            if f.side == "cand" and f.cand_text:
                assert " ".join(art["cand_doc"][f.cand[0]:f.cand[1]].split()) == " ".join(f.cand_text.split())


def test_overlap_and_segment_mapping(rw):
    assert rw.overlaps((0, 5), (4, 9)) and not rw.overlaps((0, 4), (4, 9)) and not rw.overlaps(None, (0, 1))
    assert rw.overlaps((4, 4), (0, 4))  # an insertion point at the end of a span touches it
    from mtqe.document import from_text
    from mtqe.segment import split

    doc = "Headline here\n\nOne sentence.  Two  sentences here.\n"
    sents = split(from_text(doc))
    seg = rw.SegmentMap(sents, (1, 2))
    joined = " ".join(s.text for s in sents[1:3])
    at = joined.index("sentences")
    start, end = seg.span((at, at + len("sentences")))
    assert doc[start:end] == "sentences"
    assert seg.extent == (sents[1].start, sents[2].end)
    assert rw.locate(doc, rw.paragraphs(doc)[1], "sentence. Two") == (doc.index("sentence."), doc.index("Two") + 3)


def test_missing_data_is_a_clear_skip(rw, tmp_path, capsys):
    assert rw.main(["--data", str(tmp_path)]) == 0
    assert "skipped: no annotated round trips" in capsys.readouterr().err
