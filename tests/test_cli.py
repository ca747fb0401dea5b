"""CLI conventions (issue 14): ruff-style selection, -q and -o -, plain usage errors, help text as written,
house rules, one rule per setting, and scores anyone can reproduce with sacrebleu."""

import json
import subprocess
import sys

import pytest
import sacrebleu
from typer.testing import CliRunner

from conftest import ROOT, SEEDS
from mtqe.catalog import RULES
from mtqe.cli import app
from mtqe.errors import ConfigError
from mtqe.options import Options, check
from mtqe.text import squeeze

runner = CliRunner()
ORIGINAL, ROUNDTRIP = str(SEEDS / "original.txt"), str(SEEDS / "roundtrip.txt")
LOOSE = ["--min-chrf", "0", "--min-coverage", "0", "--max-critical", "99", "--fail-on", ""]

KYIV_REF = "Officials in Kyiv said the talks would resume on Monday. The talks were held in Hong Kong last year.\n"
KYIV_CAND = "Officials in Kiev said the talks would resume on Monday. The talks were held in Hongkong last year.\n"


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # tmp_path is outside the repository: no config above it
    return tmp_path


@pytest.fixture
def kyiv(home):
    (home / "ref.txt").write_text(KYIV_REF, encoding="utf-8")
    (home / "cand.txt").write_text(KYIV_CAND, encoding="utf-8")
    return str(home / "ref.txt"), str(home / "cand.txt")


def _json(*args):
    result = runner.invoke(app, [*args, "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def _codes(report: dict) -> set[str]:
    return {f["code"] for s in report["segments"] for f in s["flags"]}


def _one_error_line(result, code: int = 2) -> str:
    assert result.exit_code == code, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("mtqe: error: "), result.stderr
    return lines[0]


# --- selection like ruff -----------------------------------------------------------------------------

@pytest.mark.parametrize("args, named", [
    (["--select", "Z9"], "--select has unknown rule code or category 'Z9'"),
    (["--ignore", "quote,Z9"], "--ignore has unknown rule code or category 'Z9'"),
    (["--ignore", "quotes"], "--ignore has unknown rule code or category 'quotes'"),
    (["--fail-on", "Z9"], "--fail-on has unknown rule code or category 'Z9'"),
])
def test_unknown_selector_is_exit_2_naming_it(args, named):
    line = _one_error_line(runner.invoke(app, ["check", ORIGINAL, ROUNDTRIP, *LOOSE[:-2], *args]))
    assert named in line


def test_ignore_takes_a_category():
    everything = _json("score", ORIGINAL, ROUNDTRIP)
    assert {"Q101", "N101"} <= _codes(everything)
    no_quotes = _json("score", ORIGINAL, ROUNDTRIP, "--ignore", "quote")
    assert not {c for c in _codes(no_quotes) if c.startswith("Q")}
    assert _codes(no_quotes) == _codes(everything) - {"Q101", "Q102"}


def test_select_a_category_in_the_config_file(home):
    (home / "mtqe.toml").write_text('select = ["name"]\n', encoding="utf-8")
    codes = _codes(_json("score", ORIGINAL, ROUNDTRIP))
    assert codes and all(RULES[c].category == "name" for c in codes)


def test_select_mixes_codes_prefixes_and_categories():
    codes = _codes(_json("score", ORIGINAL, ROUNDTRIP, "--select", "quote,n10"))
    assert codes and all(c.startswith(("Q", "N10")) for c in codes)


@pytest.mark.parametrize("fail_on, every, one", [
    ("quote", "quote altered in segment ", "quote altered in segment 2 (critical)"),
    ("Q101", "Q101 (quote) in segment ", "Q101 (quote) in segment 2 (critical)"),
    ("N1:minor", "N10", 'N102 (name) in segment 6 (minor): "Uyghurs" -> "Uighurs"'),
])
def test_fail_on_takes_categories_and_codes(fail_on, every, one):
    result = runner.invoke(app, ["check", ORIGINAL, ROUNDTRIP, *LOOSE[:-2], "--fail-on", fail_on, "-f", "json"])
    assert result.exit_code == 1, result.output
    reasons = json.loads(result.stdout)["verdict"]["reasons"]
    assert reasons and all(r.startswith(every) for r in reasons)
    assert any(r.startswith(one) for r in reasons), reasons


def test_options_api_takes_selectors_too():
    assert Options(select="quote").select == ("Q101", "Q102")
    with pytest.raises(ConfigError, match="select has unknown rule code or category 'Z9'"):
        Options.build(select=["Z9"])


# --- -q and -o - ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt, starts", [("json", "{"), ("html", "<!DOCTYPE html>"), ("csv", "index,"),
                                         ("markdown", "#")])
def test_quiet_never_changes_the_format(fmt, starts):
    loud = runner.invoke(app, ["score", ORIGINAL, ROUNDTRIP, "-f", fmt])
    quiet = runner.invoke(app, ["score", ORIGINAL, ROUNDTRIP, "-f", fmt, "-q"])
    assert quiet.exit_code == 0 and quiet.stdout.lstrip().startswith(starts)
    assert quiet.stdout == loud.stdout  # machine formats are always complete


def test_quiet_text_is_the_verdict_line():
    result = runner.invoke(app, ["check", ORIGINAL, ROUNDTRIP, "-q"])
    assert result.exit_code == 1
    assert result.stdout.count("\n") == 1 and result.stdout.startswith("FAIL | relation: round-trip-suspect")
    assert result.stderr.startswith("mtqe: FAIL: ")  # why it exits 1 is still said


def test_output_dash_is_stdout(home):
    result = runner.invoke(app, ["score", ORIGINAL, ROUNDTRIP, "-f", "json", "-o", "-"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["scores"]["chrf"] > 0
    assert not (home / "-").exists()


def test_corpus_output_dash_is_stdout(home):
    pairs = home / "pairs"
    pairs.mkdir()
    (pairs / "seed.ref.txt").write_text((SEEDS / "original.txt").read_text(encoding="utf-8"), encoding="utf-8")
    (pairs / "seed.cand.txt").write_text((SEEDS / "roundtrip.txt").read_text(encoding="utf-8"), encoding="utf-8")
    result = runner.invoke(app, ["corpus", str(pairs), "-o", "-", "-j", "1", "-q"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in records] == ["seed"] and records[0]["report"]["scores"]["chrf"] > 0
    assert not (home / "-").exists()


def test_output_file_prints_nothing_even_with_quiet(home):
    result = runner.invoke(app, ["score", ORIGINAL, ROUNDTRIP, "-o", "r.json", "-f", "json", "-q"])
    assert result.exit_code == 0 and result.stdout == ""
    assert json.loads((home / "r.json").read_text(encoding="utf-8"))["segments"]


# --- usage errors and help -----------------------------------------------------------------------------

def _mtqe(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mtqe", *args], capture_output=True, text=True, cwd=ROOT, timeout=300)


@pytest.mark.parametrize("args, message", [
    (["check", ORIGINAL, ROUNDTRIP, "--bogus"], "mtqe: error: No such option: --bogus"),
    (["check", ORIGINAL], "mtqe: error: Missing argument 'CANDIDATE'."),
    (["score", ORIGINAL, ROUNDTRIP, "--top", "x"], "mtqe: error: Invalid value for '--top'"),
    (["score", ORIGINAL, ROUNDTRIP, "-f", "pdf"], "mtqe: error: Invalid value for '--format'"),
    (["frobnicate"], "mtqe: error: No such command 'frobnicate'."),
])
def test_usage_errors_are_two_plain_lines(args, message):
    result = _mtqe(*args)
    assert result.returncode == 2 and result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[0].startswith(message), result.stderr
    assert len(lines) == 2 and lines[1].startswith("Try 'mtqe ") and lines[1].endswith(" --help' for help.")
    assert not set(result.stderr) & set("╭╮╰╯│─")


def test_help_text_is_printed_as_written():
    check_help = _mtqe("check", "--help")
    assert check_help.returncode == 0
    out = " ".join(check_help.stdout.split())  # undo line wrapping
    assert out.startswith("Usage: mtqe check [OPTIONS] REFERENCE CANDIDATE")
    assert "needs the mtqe[comet] extra" in out and "with a [tool.mtqe] table" in out
    assert "{" not in out and not set(out) & set("╭╮╰╯│")
    corpus_help = " ".join(_mtqe("corpus", "--help").stdout.split())
    assert "([tool.mtqe.gate] thresholds" in corpus_help and "(needs mtqe[dask])" in corpus_help
    assert "Usage: mtqe corpus [OPTIONS] MANIFEST" in corpus_help


def test_every_setting_with_a_cli_type_is_a_flag_of_the_commands_that_take_it():
    from mtqe.options import SETTINGS

    for command, sections in (("score", {""}), ("check", {"", "gate"}), ("corpus", {""})):
        text = runner.invoke(app, [command, "--help"]).stdout
        for s in SETTINGS:
            if s.cli is not None:
                assert (s.flag in text) == (s.section in sections), (command, s.flag)


# --- one rule per setting ----------------------------------------------------------------------------------

def test_gpus_has_one_rule_everywhere(home):
    flag = _one_error_line(runner.invoke(app, ["score", ORIGINAL, ROUNDTRIP, "--gpus", "2"]))
    assert flag == "mtqe: error: --gpus must be 0 or 1, got 2"
    (home / "mtqe.toml").write_text("gpus = 2\n", encoding="utf-8")
    config = _one_error_line(runner.invoke(app, ["score", ORIGINAL, ROUNDTRIP]))
    assert config == "mtqe: error: config mtqe.toml: gpus must be 0 or 1, got 2"
    with pytest.raises(ConfigError, match="^gpus must be 0 or 1, got 2$"):
        Options(gpus=2)
    with pytest.raises(ConfigError, match="^gpus must be 0 or 1, got 2$"):
        check("gpus", 2)  # what mtqe/comet.py applies to a scorer built directly
    assert Options(gpus=1).gpus == 1


# --- house rules -------------------------------------------------------------------------------------------

def test_equivalents_drop_name_flags_between_accepted_spellings(home, kyiv):
    before = _json("score", *kyiv)
    assert {"N102", "N103"} <= _codes(before)
    (home / "mtqe.toml").write_text('equivalents = [["Kyiv", "Kiev"], ["Hong Kong", "Hongkong"]]\n', encoding="utf-8")
    after = _json("score", *kyiv)
    assert not {"N102", "N103"} & _codes(after)
    assert after["segments"][0]["risk"] < before["segments"][0]["risk"]


def test_equivalents_leave_other_names_alone(home):
    (home / "mtqe.toml").write_text('equivalents = [["Kyiv", "Kiev"]]\n', encoding="utf-8")
    report = _json("score", ORIGINAL, ROUNDTRIP)
    assert "N101" in _codes(report)


def test_severity_overrides_reach_the_gate(home, kyiv):
    (home / "pyproject.toml").write_text('[tool.mtqe]\nseverity = { N102 = "critical" }\n', encoding="utf-8")
    result = runner.invoke(app, ["check", *kyiv, "-f", "json", "--min-chrf", "0"])
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert [f["severity"] for s in report["segments"] for f in s["flags"] if f["code"] == "N102"] == ["critical"]
    assert "1 critical flag (max 0)" in report["verdict"]["reasons"]


def test_severity_override_by_category_with_an_exact_code_winning(home):
    assert Options(severity={"N102": "major", "name": "critical"}).severity == tuple(
        sorted({**{c: "critical" for c in RULES if c.startswith("N")}, "N102": "major"}.items()))


@pytest.mark.parametrize("body, needle", [
    ('severity = { Z1 = "major" }\n', "config mtqe.toml: severity has unknown rule code or category 'Z1'"),
    ('severity = { N102 = "fatal" }\n', "config mtqe.toml: severity N102 must be one of minor, major, critical"),
    ('severity = "major"\n', "config mtqe.toml: severity must be a table of code = severity"),
    ('equivalents = [["Kyiv"]]\n', "config mtqe.toml: equivalents entries must be lists of two or more names"),
    ('equivalents = "Kyiv,Kiev"\n', "config mtqe.toml: equivalents must be a list of lists of names"),
])
def test_bad_house_rules_exit_2_naming_the_key(home, body, needle):
    (home / "mtqe.toml").write_text(body, encoding="utf-8")
    assert needle in _one_error_line(runner.invoke(app, ["score", ORIGINAL, ROUNDTRIP]))


# --- reproducible scores -----------------------------------------------------------------------------------

def test_document_scores_reproduce_with_sacrebleu_from_the_report():
    report = _json("score", ORIGINAL, ROUNDTRIP, "--metrics", "bleu,chrf,chrf++,ter")
    pairs = [(s["ref"], s["cand"]) for s in report["segments"] if s["ref_ids"] and s["cand_ids"]]
    refs, cands = [squeeze(r) for r, _ in pairs], [squeeze(c) for _, c in pairs]
    for name, metric in (("bleu", sacrebleu.BLEU()), ("chrf", sacrebleu.CHRF()),
                         ("chrf++", sacrebleu.CHRF(word_order=2)), ("ter", sacrebleu.TER())):
        assert report["scores"][name] == pytest.approx(metric.corpus_score(cands, [refs]).score, abs=1e-4), name
        assert report["signatures"][name].endswith("|norm:typo")
        assert report["signatures"][name].startswith(metric.get_signature().format().split("|version")[0])
    # the normalisation is named because it matters: the seed's curly quotes move chrF as written
    as_written = sacrebleu.CHRF().corpus_score([c for _, c in pairs], [[r for r, _ in pairs]]).score
    assert abs(as_written - report["scores"]["chrf"]) > 0.1
