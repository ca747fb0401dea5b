"""COMET scoring on a tiny real checkpoint built offline (see tests/tiny_comet.py)."""

from __future__ import annotations

import logging
import math
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

from mtqe import comet as mc
from mtqe.errors import InputError, ModelError

sys.path.insert(0, str(Path(__file__).parent))
from tiny_comet import build_tiny_comet  # noqa: E402

pytestmark = pytest.mark.slow

TRIPLES = [
    ("The judge granted asylum on Wednesday.", "On Wednesday the judge gave asylum.", "The judge granted asylum on Wednesday."),
    ("He has been in custody since August.", "He is in custody since august.", "He has been in custody since August."),
    ("Both cyanuric acid and melamine were found.", "Melamine was found.", "Both cyanuric acid and melamine were found."),
    ("Pets died after eating contaminated food.", "Pets died after eating contaminated food.", "Pets died after eating contaminated food."),
    ("A short one.", "A very much longer candidate sentence than the reference was.", "A short one."),
]


@pytest.fixture(scope="session")
def tiny_comet(tmp_path_factory) -> Path:
    return build_tiny_comet(tmp_path_factory.mktemp("tiny-comet"))


@pytest.fixture(autouse=True)
def _fresh_cache():
    mc.clear_cache()
    yield
    mc.clear_cache()


def test_scores_one_float_per_triple(tiny_comet):
    out = mc.get_scorer(tiny_comet, batch_size=2, gpus=0).score(TRIPLES)
    assert len(out.scores) == len(TRIPLES)
    assert all(isinstance(s, float) and math.isfinite(s) for s in out.scores)
    assert out.system == pytest.approx(sum(out.scores) / len(out.scores))
    assert out.error_spans is None
    assert len(set(out.scores)) > 1  # different inputs, different scores


def test_deterministic_across_runs_and_batch_sizes(tiny_comet):
    first = mc.get_scorer(tiny_comet, batch_size=2, gpus=0).score(TRIPLES).scores
    mc.clear_cache()  # a fresh load must give the same numbers
    again = mc.get_scorer(tiny_comet, batch_size=2, gpus=0).score(TRIPLES).scores
    for batch_size in (1, 3, 16):
        other = mc.get_scorer(tiny_comet, batch_size=batch_size, gpus=0).score(TRIPLES).scores
        assert other == pytest.approx(first, abs=1e-5)
    assert again == pytest.approx(first, abs=1e-5)


def test_order_kept_and_single_triple_matches(tiny_comet):
    scorer = mc.get_scorer(tiny_comet, gpus=0)
    full = scorer.score(TRIPLES).scores
    reversed_scores = scorer.score(TRIPLES[::-1]).scores
    assert reversed_scores[::-1] == pytest.approx(full, abs=1e-5)
    assert scorer.score(TRIPLES[2:3]).scores[0] == pytest.approx(full[2], abs=1e-5)


def test_empty_input(tiny_comet):
    out = mc.get_scorer(tiny_comet, gpus=0).score([])
    assert out.scores == () and math.isnan(out.system)


def test_model_loaded_once(tiny_comet, monkeypatch):
    import comet

    loads = []
    real = comet.load_from_checkpoint

    def counting(*args, **kwargs):
        loads.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(comet, "load_from_checkpoint", counting)
    a = mc.get_scorer(tiny_comet, gpus=0)
    b = mc.get_scorer(tiny_comet / "checkpoints" / "model.ckpt", gpus=0)  # same checkpoint, other spelling
    c = mc.get_scorer(str(tiny_comet), batch_size=3, gpus=0)
    d = mc.CometScorer(tiny_comet, gpus=0)
    for scorer in (a, b, c, d):
        scorer.score(TRIPLES[:2])
    assert len(loads) == 1
    assert a is b and a.model is c.model is d.model and c.batch_size == 3


@pytest.fixture(scope="session")
def tiny_qe(tmp_path_factory) -> Path:
    return build_tiny_comet(tmp_path_factory.mktemp("tiny-qe"), reference_free=True)


def test_reference_free_model_ignores_refs(tiny_qe):
    scorer = mc.get_scorer(tiny_qe, gpus=0)
    assert scorer.reference_free is True
    with_refs = scorer.score(TRIPLES).scores
    without = scorer.score([(src, mt, None) for src, mt, _ in TRIPLES]).scores
    assert without == pytest.approx(with_refs, abs=1e-5)


def test_error_spans_passed_through(tiny_comet, monkeypatch):
    from comet.models.utils import Prediction

    scorer = mc.get_scorer(tiny_comet, gpus=0)
    spans = [[{"text": "cat", "start": 2, "end": 5, "severity": "major", "confidence": 0.8}], []]

    def fake_predict(samples, **kwargs):
        return Prediction(scores=[0.5, 0.7], system_score=0.6, metadata=Prediction(error_spans=spans))

    monkeypatch.setattr(scorer.model, "predict", fake_predict)
    out = scorer.score([("a cat", "a cat", "a cat"), ("b", "b", "b")])
    assert out.scores == (0.5, 0.7) and out.system == pytest.approx(0.6)
    assert out.error_spans == (({"text": "cat", "start": 2, "end": 5, "severity": "major", "confidence": 0.8},), ())
    (flag,) = mc.error_span_flags(out.error_spans[0], "a cat")
    assert flag.cand_span == (2, 5) and flag.severity == "major"


@pytest.mark.filterwarnings("ignore:.*LeafSpec")  # Lightning's own deprecation, let through by verbose
def test_verbose_lets_banners_through(tiny_comet, caplog):
    # Under pytest the root logger has handlers, so Lightning's banners propagate into caplog.
    with caplog.at_level(logging.INFO):
        mc.get_scorer(tiny_comet, gpus=0, verbose=True).score(TRIPLES[:1])
    assert "GPU available" in caplog.text


def test_reference_based_needs_refs(tiny_comet):
    scorer = mc.get_scorer(tiny_comet, gpus=0)
    assert scorer.reference_free is False
    with pytest.raises(InputError):
        scorer.score([("a b", "a b", None)])


def test_quiet_by_default(tiny_comet, capfd, caplog):
    with caplog.at_level(logging.INFO), warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        mc.get_scorer(tiny_comet, gpus=0).score(TRIPLES)
    captured = capfd.readouterr()
    assert captured.out == "" and captured.err == ""
    assert caplog.text == "" and caught == []


def test_bad_path(tmp_path):
    with pytest.raises(ModelError, match="not found"):
        mc.get_scorer(tmp_path / "nope.ckpt")
    with pytest.raises(ModelError, match="checkpoints/model.ckpt"):
        mc.get_scorer(tmp_path)


def test_corrupted_checkpoint(tiny_comet, tmp_path):
    (tmp_path / "checkpoints").mkdir()
    (tmp_path / "hparams.yaml").write_bytes((tiny_comet / "hparams.yaml").read_bytes())
    (tmp_path / "checkpoints" / "model.ckpt").write_bytes(b"\x80\x04garbage" * 100)
    with pytest.raises(ModelError, match="corrupted") as info:
        mc.get_scorer(tmp_path, gpus=0)
    assert "\n" not in str(info.value)


@pytest.mark.parametrize("keep", [0.01, 0.2, 0.5, 0.99])
def test_truncated_checkpoint_names_the_file(tiny_comet, tmp_path, keep):
    """A download cut short: the message names model.ckpt, never the encoder (torch's seek past the end
    of a truncated file is an OSError, like the encoder's missing files)."""
    import shutil

    model = shutil.copytree(tiny_comet, tmp_path / "model")
    ckpt = model / "checkpoints" / "model.ckpt"
    data = ckpt.read_bytes()
    ckpt.write_bytes(data[: int(len(data) * keep)])
    with pytest.raises(ModelError) as info:
        mc.get_scorer(model, gpus=0)
    message = str(info.value)
    assert f"cannot load COMET checkpoint {ckpt}" in message and "truncated" in message
    assert "encoder" not in message and "\n" not in message


def test_truncated_checkpoint_cli(tiny_comet, tmp_path):
    import shutil

    from typer.testing import CliRunner

    from conftest import SEEDS
    from mtqe.cli import app

    model = shutil.copytree(tiny_comet, tmp_path / "model")
    ckpt = model / "checkpoints" / "model.ckpt"
    ckpt.write_bytes(ckpt.read_bytes()[:50_000])
    seed = str(SEEDS / "original.txt")
    result = CliRunner().invoke(app, ["score", seed, seed, "--comet", "--comet-model", str(model), "--gpus", "0"])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"mtqe: error: cannot load COMET checkpoint {ckpt} (")
    assert result.stderr.count("\n") == 1


def test_gpus_rule_is_the_config_rule(tiny_comet):
    from mtqe.errors import ConfigError

    with pytest.raises(ConfigError, match="^gpus must be 0 or 1, got 2$"):
        mc.CometScorer(tiny_comet, gpus=2)
    with pytest.raises(ConfigError, match="^batch_size must be at least 1, got 0$"):
        mc.CometScorer(tiny_comet, batch_size=0, gpus=0)


def test_hub_name_offline_empty_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_HOME", str(tmp_path))
    monkeypatch.delenv("HF_HUB_CACHE", raising=False)
    with pytest.raises(ModelError, match="mtqe models download") as info:
        mc.get_scorer("Unbabel/wmt22-comet-da")
    assert "\n" not in str(info.value) and "wmt22-comet-da" in str(info.value)


def test_missing_extra(tiny_comet, monkeypatch):
    monkeypatch.setitem(sys.modules, "comet", None)  # `import comet` now raises ImportError
    with pytest.raises(ModelError, match=r"mtqe\[comet\]"):
        mc.get_scorer(tiny_comet)


def test_import_mtqe_does_not_import_torch():
    code = (
        "import sys, mtqe, mtqe.comet, mtqe.models, mtqe.cli_models\n"
        "bad = [m for m in ('torch', 'comet', 'pytorch_lightning', 'transformers') if m in sys.modules]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_error_span_flags():
    cand = "The cat sat on the mat yesterday."
    spans = [
        {"text": "cat", "start": 4, "end": 7, "severity": "minor", "confidence": 0.4},
        {"text": " mat", "start": 18, "end": 22, "severity": "major", "confidence": 0.9},
        {"text": "yesterday", "start": 0, "end": 3, "severity": "critical", "confidence": 0.7},  # bad offsets
        {"text": "", "start": 50, "end": 60, "severity": "major", "confidence": 0.5},  # out of range: dropped
    ]
    flags = mc.error_span_flags(spans, cand)
    assert [f.severity for f in flags] == ["minor", "major", "critical"]
    assert all(f.code == "C001" and f.category == "comet-span" for f in flags)
    assert [cand[f.cand_span[0]:f.cand_span[1]] for f in flags] == ["cat", " mat", "yesterday"]
    assert flags[2].cand_text == "yesterday"
    assert mc.error_span_flags(None, cand) == []


def test_models_list_cli(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from mtqe.cli_models import models_app

    monkeypatch.setenv("HF_HOME", str(tmp_path))
    result = CliRunner().invoke(models_app, ["list"])
    assert result.exit_code == 0, result.output
    assert "Unbabel/wmt22-comet-da" in result.output and "cc-by-nc-sa-4.0" in result.output


def test_models_download_offline_cli(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from mtqe.cli_models import models_app

    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    result = CliRunner().invoke(models_app, ["download", "Unbabel/wmt22-comet-da", "--dir", str(tmp_path)])
    assert result.exit_code == 2
    assert "HF_HUB_OFFLINE" in result.output and "Traceback" not in result.output


def test_list_models_sees_cache(tiny_comet, tmp_path, monkeypatch):
    """A model in HF-cache layout is reported cached and resolves by hub name, offline."""
    import shutil

    from mtqe.models import list_models

    # Real HF cache layout: snapshot files are symlinks into blobs/.
    repo = tmp_path / "hub" / "models--Unbabel--wmt22-comet-da"
    shutil.copytree(tiny_comet, repo / "blobs")
    snap = repo / "snapshots" / "abc123"
    for name in ("hparams.yaml", "checkpoints/model.ckpt"):
        (snap / name).parent.mkdir(parents=True, exist_ok=True)
        (snap / name).symlink_to(repo / "blobs" / name)
    (repo / "refs").mkdir()
    (repo / "refs" / "main").write_text("abc123")
    monkeypatch.setenv("HF_HOME", str(tmp_path))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.delenv("HF_HUB_CACHE", raising=False)
    cached = {m.name: m.cached for m in list_models()}
    assert cached["Unbabel/wmt22-comet-da"] and not cached["Unbabel/XCOMET-XL"]
    assert mc.resolve_model("wmt22-comet-da") == snap / "checkpoints" / "model.ckpt"
    assert mc.get_scorer("Unbabel/wmt22-comet-da", gpus=0).name == "Unbabel/wmt22-comet-da"


def test_missing_encoder_files(tmp_path):
    """The checkpoint loads its encoder's tokenizer/config locally; without them: one clear line."""
    import shutil

    model_dir = build_tiny_comet(tmp_path / "m")
    shutil.rmtree(model_dir / "encoder")
    with pytest.raises(ModelError, match="encoder") as info:
        mc.get_scorer(model_dir, gpus=0)
    assert "\n" not in str(info.value) and "mtqe models download" in str(info.value)
