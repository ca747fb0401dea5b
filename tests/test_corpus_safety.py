"""mtqe corpus refuses, before writing anything, what cannot succeed: a bad --scheduler, a resume
over results made with other options, a manifest column it cannot mean, a summary format it does
not write. Each case is a CLI run asserting the exit code, the one-line message and the files."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mtqe import __version__
from mtqe.catalog import expand
from mtqe.cli import app

_N = ",".join(expand(["N"]))
_T1 = ",".join(expand(["T1"]))

REF = "Guan Heng arrived in Boston on Monday. He met 12 officials. The talks lasted three hours. Everyone agreed."
CAND = "Kwan Heng arrives in Boston on Monday. He met 21 officials. The talks lasted three hours. Everyone agreed."


def _corpus(*args: str):
    return CliRunner().invoke(app, ["corpus", *args])


def _one_error_line(res, *expected: str) -> str:
    """The run failed with exit 2 and exactly one 'mtqe: error:' line mentioning every expected piece."""
    assert res.exit_code == 2, res.output
    lines = res.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("mtqe: error: "), res.output
    for piece in expected:
        assert piece in lines[0], lines[0]
    return lines[0]


@pytest.fixture()
def manifest(tmp_path: Path) -> Path:
    rows = [{"id": "same", "reference_text": REF, "candidate_text": REF},
            {"id": "moved", "reference_text": REF, "candidate_text": CAND}]
    m = tmp_path / "m.jsonl"
    m.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return m


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


# ---- --scheduler ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("address", ["bogus", "tcp://scheduler", "http://10.0.0.5:8786", "tcp://10.0.0.5:99999",
                                     "tcp://:8786", "inproc://x"])
def test_bad_scheduler_is_exit_2_and_nothing_is_written(manifest, tmp_path, address):
    out = tmp_path / "out.jsonl"
    line = _one_error_line(_corpus(str(manifest), "-o", str(out), "--scheduler", address), "scheduler", repr(address))
    assert "tcp://HOST:PORT" in line
    assert not out.exists()


def test_bad_scheduler_leaves_earlier_results_alone(manifest, tmp_path):
    out = tmp_path / "out.jsonl"
    assert _corpus(str(manifest), "-o", str(out), "-j", "1", "-q").exit_code == 0
    before = out.read_bytes()
    for extra in ([], ["--resume"]):
        _one_error_line(_corpus(str(manifest), "-o", str(out), "--scheduler", "bogus", *extra), "'bogus'")
        assert out.read_bytes() == before


def test_bad_scheduler_from_the_shell_is_one_line_no_traceback(manifest, tmp_path):
    out = tmp_path / "out.jsonl"
    proc = subprocess.run([sys.executable, "-m", "mtqe", "corpus", str(manifest), "-o", str(out), "--scheduler", "bogus"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == [proc.stderr.strip()] and "Traceback" not in proc.stderr
    assert proc.stderr.startswith("mtqe: error: scheduler: 'bogus'")
    assert not out.exists()


def test_unreachable_scheduler_writes_nothing(manifest, tmp_path):
    dask = pytest.importorskip("dask")
    pytest.importorskip("distributed")
    out = tmp_path / "out.jsonl"
    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        _one_error_line(_corpus(str(manifest), "-o", str(out), "--scheduler", "tcp://127.0.0.1:9", "-q"),
                        "cannot reach the Dask scheduler")
    assert not out.exists()


# ---- the fingerprint and --resume ---------------------------------------------------------------------

def test_every_record_carries_the_options_that_produced_it(manifest, tmp_path):
    out = tmp_path / "out.jsonl"
    res = _corpus(str(manifest), "-o", str(out), "-j", "1", "-q", "--gate", "--metrics", "bleu,chrf,ter",
                  "--ignore", "T")
    assert res.exit_code == 1, res.output  # "moved" fails the gate
    records = _lines(out)
    assert len(records) == 2 and all(list(r)[:2] == ["id", "fingerprint"] for r in records)
    fp = records[0]["fingerprint"]
    assert all(r["fingerprint"] == fp for r in records)
    assert fp["mtqe"] == __version__ and fp["schema_version"] == records[0]["report"]["schema_version"]
    assert fp["options"]["metrics"] == ["bleu", "chrf", "ter"] and fp["options"]["ignore"] == list(expand(["T"]))  # selectors are stored as the codes they name
    assert fp["options"]["comet"] is False and fp["options"]["comet_model"] is None
    assert fp["gate"]["min_chrf"] == 80 and ["name", "major"] in fp["gate"]["fail_on"]
    # speed and verbosity do not change a report, so they are not part of it
    assert not {"batch_size", "gpus", "verbose"} & set(fp["options"])


def _half_then(manifest: Path, tmp_path: Path, first: list[str], second: list[str]):
    """Score the first item with ``first`` options, then resume the whole manifest with ``second``."""
    rows = manifest.read_text(encoding="utf-8").splitlines()
    half = tmp_path / "half.jsonl"
    half.write_text(rows[0] + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert _corpus(str(half), "-o", str(out), "-j", "1", "-q", *first).exit_code in (0, 1)
    before = out.read_bytes()
    res = _corpus(str(manifest), "-o", str(out), "-j", "1", "-q", "--resume", *second)
    return res, out, before


# selectors are compared as the rule codes they name (mtqe.catalog.expand)
_N, _T1 = ",".join(expand(["N"])), ",".join(expand(["T1"]))


@pytest.mark.parametrize("first, second, expected", [
    ([], ["--gate"], ["--gate: the results are ungated, this run gates"]),
    (["--gate"], [], ["--gate: the results are gated, this run is not"]),
    ([], ["--metrics", "ter"], ["metrics: bleu,chrf in the results, ter here"]),
    (["--metrics", "bleu,chrf,ter"], ["--metrics", "bleu,chrf"], ["metrics: bleu,chrf,ter in the results, bleu,chrf here"]),
    (["--select", "N"], [], [f"select: {_N} in the results, none here"]),
    ([], ["--ignore", "T1,N"], [f"ignore: none in the results, {_N},{_T1} here"]),
    ([], ["--max-mb", "1", "--ignore", "N"], [f"ignore: none in the results, {_N} here", "max-mb: 5.0 in the results, 1.0 here"]),
])
def test_resume_with_other_options_is_exit_2_naming_each_difference(manifest, tmp_path, first, second, expected):
    res, out, before = _half_then(manifest, tmp_path, first, second)
    line = _one_error_line(res, "out.jsonl:1: cannot resume", *expected)
    assert "without --resume" in line
    assert out.read_bytes() == before  # refused: not a byte appended or cut


def test_resume_with_other_gate_thresholds_names_them(manifest, tmp_path):
    (tmp_path / "strict.toml").write_text("[gate]\nmin_chrf = 95\nfail_on = []\n", encoding="utf-8")
    (tmp_path / "lax.toml").write_text("[gate]\nmin_chrf = 50\nfail_on = []\n", encoding="utf-8")
    res, _, _ = _half_then(manifest, tmp_path, ["--gate", "--config", str(tmp_path / "strict.toml")],
                           ["--gate", "--config", str(tmp_path / "lax.toml")])
    _one_error_line(res, "gate min-chrf: 95.0 in the results, 50.0 here")


def test_resume_with_the_same_options_goes_on(manifest, tmp_path):
    # --jobs and --batch-size change how fast, not what: not a difference
    res, out, before = _half_then(manifest, tmp_path, ["--gate", "--metrics", "ter"],
                                  ["--gate", "--metrics", "ter", "--batch-size", "4", "-j", "2"])
    assert res.exit_code == 1, res.output  # "moved" fails the gate
    assert out.read_bytes().startswith(before)
    assert [r["id"] for r in _lines(out)] == ["same", "moved"]
    assert all("ter" in r["report"]["scores"] for r in _lines(out))


def test_resume_refuses_results_without_a_fingerprint(manifest, tmp_path):
    out = tmp_path / "out.jsonl"
    assert _corpus(str(manifest), "-o", str(out), "-j", "1", "-q").exit_code == 0
    old = [{k: v for k, v in r.items() if k != "fingerprint"} for r in _lines(out)]  # as mtqe 0.1 wrote them
    out.write_text("".join(json.dumps(r) + "\n" for r in old), encoding="utf-8")
    _one_error_line(_corpus(str(manifest), "-o", str(out), "--resume"), "out.jsonl:1: no options fingerprint")


def test_resume_refuses_a_file_mixing_two_runs(manifest, tmp_path):
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    assert _corpus(str(manifest), "-o", str(a), "-j", "1", "-q").exit_code == 0
    assert _corpus(str(manifest), "-o", str(b), "-j", "1", "-q", "--metrics", "ter").exit_code == 0
    mixed = tmp_path / "mixed.jsonl"
    mixed.write_text(a.read_text().splitlines()[0] + "\n" + b.read_text().splitlines()[1] + "\n", encoding="utf-8")
    _one_error_line(_corpus(str(manifest), "-o", str(mixed), "--resume"), "mixed.jsonl:2: cannot resume", "metrics")


# ---- manifest columns -----------------------------------------------------------------------------------

@pytest.mark.parametrize("name, content, expected", [
    ("m.csv", f"id,reference_text\na,{REF}\n", ["m.csv:1", "no candidate column", "'candidate'", "'candidate_text'"]),
    ("m.csv", f"id,candidate_text\na,{CAND}\n", ["m.csv:1", "no reference column"]),
    ("m.csv", f"id,reference_text,candidat\na,{REF},x.txt\n", ["m.csv:1", "unknown column 'candidat'", "did you mean 'candidate'?"]),
    ("m.csv", f"id,reference_text,candidate_text,Reference\na,{REF},{CAND},x\n", ["unknown column 'Reference'", "'reference'"]),
    ("m.csv", f"id,reference_txt,candidate_text\na,{REF},{CAND}\n", ["unknown column 'reference_txt'", "'reference_text'"]),
    ("m.tsv", f"id\treference_text\tcandidat\na\t{REF}\tx\n", ["m.tsv:1", "unknown column 'candidat'"]),
    ("m.jsonl", json.dumps({"id": "a", "reference_text": REF, "candidate_text": CAND}) + "\n"
     + json.dumps({"id": "b", "reference_text": REF, "candidat": "x.txt"}) + "\n",
     ["m.jsonl:2", "unknown key 'candidat'", "did you mean 'candidate'?"]),
    ("m.jsonl", json.dumps({"id": "a", "ref": "r.txt", "cand": "c.txt"}) + "\n",
     ["m.jsonl:1", "no reference", "unknown key 'ref'"]),
])
def test_manifest_columns_are_checked_before_any_work(tmp_path, name, content, expected):
    m = tmp_path / name
    m.write_text(content, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    _one_error_line(_corpus(str(m), "-o", str(out), "-j", "1"), *expected)
    assert not out.exists()


def test_extra_columns_are_allowed_and_tsv_is_tab_separated(tmp_path):
    m = tmp_path / "m.tsv"
    m.write_text(f"id\treference_text\tcandidate_text\turl\tnote\na\t{REF}\t{CAND}\thttps://example.org/a\tlede\n",
                 encoding="utf-8")
    out = tmp_path / "out.jsonl"
    res = _corpus(str(m), "-o", str(out), "-j", "1", "-q")
    assert res.exit_code == 0, res.output
    (record,) = _lines(out)
    assert record["id"] == "a" and record["report"]["scores"]["chrf"] < 100


# ---- --summary ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name, expected", [
    ("s.pdf", "unknown format .pdf; use .txt, .html, .htm, .json or .md"),
    ("summary", "unknown format (no extension)"),
    ("missing/s.json", "no such directory"),
])
def test_unwritable_summary_is_exit_2_before_the_run(manifest, tmp_path, name, expected):
    out = tmp_path / "out.jsonl"
    _one_error_line(_corpus(str(manifest), "-o", str(out), "--summary", str(tmp_path / name)), "summary:", expected)
    assert not out.exists() and not (tmp_path / name).exists()


@pytest.mark.parametrize("suffix, check", [
    (".json", lambda text: json.loads(text)["items"] == 2),
    (".HTML", lambda text: text.startswith("<!DOCTYPE html>")),
    (".txt", lambda text: text.startswith("items: 2")),
])
def test_known_summary_formats_are_written(manifest, tmp_path, suffix, check):
    s = tmp_path / f"s{suffix}"
    assert _corpus(str(manifest), "-o", str(tmp_path / "o.jsonl"), "-j", "1", "--summary", str(s)).exit_code == 0
    assert check(s.read_text(encoding="utf-8"))


# ---- a run that fails before its first item ----------------------------------------------------------

@pytest.mark.slow  # COMET and torch are imported before the model is looked up
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_model_that_cannot_load_leaves_earlier_results_alone(manifest, tmp_path, jobs):
    out = tmp_path / "out.jsonl"
    bad = ["--comet", "--comet-model", str(tmp_path / "no-such-model")]
    _one_error_line(_corpus(str(manifest), "-o", str(out), "-j", jobs, *bad), "COMET model not found", "no-such-model")
    assert not out.exists()  # not even an empty file
    assert _corpus(str(manifest), "-o", str(out), "-j", "1", "-q").exit_code == 0
    before = out.read_bytes()
    _one_error_line(_corpus(str(manifest), "-o", str(out), "-j", jobs, *bad), "COMET model not found")
    assert out.read_bytes() == before  # a failed rerun without --resume did not truncate it


def test_an_unwritable_output_is_refused_before_the_run(manifest, tmp_path):
    (tmp_path / "taken").mkdir()
    _one_error_line(_corpus(str(manifest), "-o", str(tmp_path / "taken"), "-j", "1"), "taken: cannot write results")


def test_nothing_to_do_still_leaves_a_results_file(tmp_path):
    m = tmp_path / "m.jsonl"
    m.write_text("\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    res = _corpus(str(m), "-o", str(out), "-j", "1", "-q")
    assert res.exit_code == 0, res.output
    assert out.exists() and out.read_text() == ""
