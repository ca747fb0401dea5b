"""COMET through compare() and the CLI, on a tiny real COMET checkpoint built by the tests."""

import json
import sys

import pytest
from typer.testing import CliRunner

import mtqe
from conftest import SEEDS
from mtqe.cli import app
from tiny_comet import build_tiny_comet

pytestmark = pytest.mark.slow
runner = CliRunner()


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory):
    return str(build_tiny_comet(tmp_path_factory.mktemp("comet") / "tiny-comet"))


def test_comet_per_segment_and_document(seed_texts, tiny_model):
    r = mtqe.compare(*seed_texts, comet=True, comet_model=tiny_model, batch_size=4)
    aligned = [s for s in r.segments if s.ref_ids and s.cand_ids]
    unaligned = [s for s in r.segments if not (s.ref_ids and s.cand_ids)]
    assert unaligned and all(s.scores["comet"] is None for s in unaligned)
    assert all(isinstance(s.scores["comet"], float) for s in aligned)
    mean = sum(s.scores["comet"] for s in aligned) / len(aligned)
    assert r.scores["comet"] == pytest.approx(mean, abs=1e-3)
    assert r.comet_model and r.to_dict()["comet_model"] == r.comet_model


def test_comet_is_deterministic(seed_texts, tiny_model):
    a = mtqe.compare(*seed_texts, comet=True, comet_model=tiny_model, batch_size=2)
    b = mtqe.compare(*seed_texts, comet=True, comet_model=tiny_model, batch_size=8)
    assert [s.scores["comet"] for s in a.segments] == pytest.approx([s.scores["comet"] for s in b.segments], abs=1e-4)


def test_one_model_load_for_many_documents(seed_texts, tiny_model, monkeypatch):
    import comet as comet_lib

    from mtqe import comet as adapter
    from mtqe.options import Options
    from mtqe.pipeline import Comparer

    adapter.clear_cache()
    loads = []
    real = comet_lib.load_from_checkpoint
    monkeypatch.setattr(comet_lib, "load_from_checkpoint", lambda *a, **k: loads.append(1) or real(*a, **k))
    comparer = Comparer(Options(comet=True, comet_model=tiny_model))
    for _ in range(3):
        comparer.compare_texts(*seed_texts)
    assert len(loads) == 1


def test_cli_comet_json(tiny_model):
    res = runner.invoke(app, ["score", str(SEEDS / "original.txt"), str(SEEDS / "roundtrip.txt"),
                              "--comet", "--comet-model", tiny_model, "--format", "json"])
    assert res.exit_code == 0, res.stderr
    d = json.loads(res.stdout)
    assert d["scores"]["comet"] is not None
    assert "Lightning" not in res.stderr and "GPU available" not in res.stderr


@pytest.mark.parametrize("model, needle", [
    ("/nonexistent/model.ckpt", "not found"),
    ("Unbabel/wmt22-comet-da", "mtqe models download"),
])
def test_cli_comet_errors_exit_2(model, needle, monkeypatch, tmp_path):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    monkeypatch.delenv("HF_HUB_CACHE", raising=False)
    res = runner.invoke(app, ["score", str(SEEDS / "original.txt"), str(SEEDS / "roundtrip.txt"),
                              "--comet", "--comet-model", model])
    assert res.exit_code == 2
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and needle in lines[0].lower() or needle in lines[0], res.stderr


def test_corrupted_checkpoint_exit_2(tmp_path):
    bad = tmp_path / "broken.ckpt"
    bad.write_bytes(b"not a checkpoint at all" * 10)
    res = runner.invoke(app, ["score", str(SEEDS / "original.txt"), str(SEEDS / "roundtrip.txt"),
                              "--comet", "--comet-model", str(bad)])
    assert res.exit_code == 2 and len(res.stderr.strip().splitlines()) == 1


def test_missing_extra_exit_2(monkeypatch):
    from mtqe import comet as adapter

    adapter.clear_cache()
    monkeypatch.setitem(sys.modules, "comet", None)
    res = runner.invoke(app, ["score", str(SEEDS / "original.txt"), str(SEEDS / "roundtrip.txt"), "--comet"])
    assert res.exit_code == 2 and "mtqe[comet]" in res.stderr


def test_optional_comet_failure_is_a_note(seed_texts):
    r = mtqe.compare(*seed_texts, comet=True, comet_model="/nonexistent/model.ckpt", comet_required=False)
    assert r.scores["comet"] is None and r.comet_model is None
    assert r.notes and "COMET skipped" in r.notes[0]
