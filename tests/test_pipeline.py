"""compare() end to end: the JSON contract, identical and unrelated documents, options."""

import json
import subprocess
import sys

import pytest

import mtqe
from conftest import DATA, SEEDS
from mtqe.errors import ConfigError


def test_json_contract(seed_report):
    d = seed_report.to_dict()
    assert d["schema_version"] == 1 and d["mtqe_version"] == mtqe.__version__
    assert set(d["reference"]) == {"path", "sentences", "language"}
    assert d["reference"]["language"] == "en"
    assert {"bleu", "chrf", "comet"} <= set(d["scores"]) and d["scores"]["comet"] is None
    assert d["signatures"]["chrf"].startswith("nrefs:1|case:mixed|eff:yes|nc:6|nw:0")
    assert set(d["document"]) == {"coverage", "relation", "evidence", "confidence", "flag_counts"}
    assert d["document"]["flag_counts"]["name"]["total"] == sum(
        1 for s in d["segments"] for f in s["flags"] if f["category"] == "name")
    for i, seg in enumerate(d["segments"]):
        assert seg["index"] == i
        assert set(seg) == {"index", "ref_ids", "cand_ids", "ref", "cand", "scores", "risk", "flags", "moved"}
        assert 0.0 <= seg["risk"] <= 1.0
        assert bool(seg["ref_ids"]) == (seg["scores"]["chrf"] is not None) or not seg["cand_ids"]
        for f in seg["flags"]:
            assert f["severity"] in {"minor", "major", "critical"}
    json.dumps(d)  # serialisable as is


def test_identical_documents(seed_texts):
    r = mtqe.compare(seed_texts[0], seed_texts[0])
    assert r.scores["chrf"] == 100.0 and r.coverage == 1.0
    assert r.relation == "identical"
    assert all(s.kind == "1-1" and s.risk == 0.0 and not s.flags for s in r.segments)


def test_unrelated_documents(seed_texts):
    r = mtqe.compare(seed_texts[0], (DATA / "unrelated.txt").read_text(encoding="utf-8"))
    assert r.coverage < 0.2
    assert r.relation == "unrelated"


def test_different_language(seed_texts):
    german = ("Ein Einwanderungsrichter hat am Mittwoch einem chinesischen Staatsbürger Asyl gewährt, der nach "
              "eigenen Angaben Menschenrechtsverletzungen in seiner Heimat aufgedeckt hatte. Die Behörden wollten "
              "ihn zunächst nach Uganda abschieben, gaben den Plan aber im Dezember auf.")
    r = mtqe.compare(seed_texts[0], german)
    assert r.candidate.language == "de" and r.relation == "different-language"


def test_light_edit():
    ref = "The council met on Monday. It approved the budget after a long debate."
    cand = "The council met on Monday. It approved the budget after a long debate!"
    r = mtqe.compare(ref, cand)
    assert r.relation == "light-edit"


def test_opt_in_metrics(seed_texts):
    r = mtqe.compare(*seed_texts, metrics="bleu,chrf,chrf++,ter")
    assert {"chrf++", "ter"} <= set(r.scores) and "ter" in r.signatures
    aligned = [s for s in r.segments if s.ref_ids and s.cand_ids]
    assert all("ter" in s.scores for s in aligned)


def test_select_and_ignore(seed_texts):
    only_names = mtqe.compare(*seed_texts, select=["N"])
    assert {f.category for f in only_names.flags} == {"name"}
    no_names = mtqe.compare(*seed_texts, ignore="N,Q")
    assert not {"name", "quote"} & {f.category for f in no_names.flags}


def test_unknown_option_names_the_key():
    with pytest.raises(ConfigError, match="colour"):
        mtqe.compare("a b c", "a b c", colour=True)


def test_import_is_light():
    code = "import sys, mtqe; print(sorted(m for m in ('torch', 'comet', 'sacrebleu', 'langdetect') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_cli_json_equals_api(tmp_path, seed_report):
    from typer.testing import CliRunner

    from mtqe.cli import app

    out = tmp_path / "r.json"
    res = CliRunner().invoke(app, ["score", str(SEEDS / "original.txt"), str(SEEDS / "roundtrip.txt"),
                                   "--format", "json", "--output", str(out)])
    assert res.exit_code == 0, res.output
    d = json.loads(out.read_text())
    api = seed_report.to_dict()
    assert d["reference"]["path"].endswith("original.txt")
    assert [s["flags"] for s in d["segments"]] == [s["flags"] for s in api["segments"]]
    assert d["scores"] == api["scores"]


def test_cli_text_lists_riskiest_first():
    res = subprocess.run([sys.executable, "-m", "mtqe", "score", str(SEEDS / "original.txt"),
                          str(SEEDS / "roundtrip.txt"), "--top", "3"], capture_output=True, text=True)
    assert res.returncode == 0
    assert "\x1b[" not in res.stdout  # piped: no colour codes
    assert res.stdout.index("Top 3 riskiest") < res.stdout.index("All segments")
    top = res.stdout[: res.stdout.index("All segments")]  # severity first: both critical misquotes lead
    assert "well founded fear" in top and "I sympathized with the Uyghurs" in top and "round-trip-suspect" in top
    assert "A102" in res.stdout and "round-trip-suspect" in res.stdout  # the promo line is in the table
