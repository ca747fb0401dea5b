"""Config files: discovery by walking up, mtqe.toml vs pyproject.toml, --config, CLI overrides, and errors."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import SEEDS
from mtqe.cli import app
from mtqe.config import Config, load_config, resolve
from mtqe.errors import ConfigError, ModelError
from mtqe.gate import Gate
from mtqe.options import Options

runner = CliRunner()
ORIGINAL, ROUNDTRIP = str(SEEDS / "original.txt"), str(SEEDS / "roundtrip.txt")

# A [gate] body that lets the seed copy through.
LOOSE_GATE = "min_chrf = 0\nmin_coverage = 0\nmax_critical = 99\nfail_on = []\n"


@pytest.fixture
def home(tmp_path, monkeypatch):
    """An empty working directory with no config above it (tmp_path is outside the repository)."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _check(*args):
    return runner.invoke(app, ["check", ORIGINAL, ROUNDTRIP, "--format", "json", *args])


# --- discovery ---------------------------------------------------------------------------------------

def test_no_config_found_means_defaults(home):
    cfg = load_config(None)
    assert cfg == Config() and cfg.source is None
    assert resolve(cfg) == (Options(), Gate())


def test_pyproject_found_by_walking_up(home, monkeypatch):
    pyproject = _write(home / "pyproject.toml", f"[project]\nname = 'x'\n\n[tool.mtqe]\nmetrics = ['chrf']\n\n"
                                                f"[tool.mtqe.gate]\n{LOOSE_GATE}")
    deep = home / "sub" / "dir"
    deep.mkdir(parents=True)
    monkeypatch.chdir(deep)
    cfg = load_config(None)
    assert cfg.source == pyproject.resolve()
    assert cfg.options == {"metrics": ("chrf",)} and cfg.gate["min_chrf"] == 0
    result = _check()
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["scores"]["bleu"] is None  # metrics came from the file


def test_pyproject_without_tool_mtqe_is_skipped(home, monkeypatch):
    found = _write(home / "mtqe.toml", f"[gate]\n{LOOSE_GATE}")
    _write(home / "proj" / "pyproject.toml", "[project]\nname = 'x'\n")
    monkeypatch.chdir(home / "proj")
    assert load_config(None).source == found.resolve()
    assert _check().exit_code == 0


def test_mtqe_toml_wins_over_pyproject_in_the_same_directory(home):
    _write(home / "pyproject.toml", "[tool.mtqe.gate]\nmin_chrf = 99\n")
    mtqe_toml = _write(home / "mtqe.toml", f"[gate]\n{LOOSE_GATE}")
    assert load_config(None).source == mtqe_toml.resolve()
    assert _check().exit_code == 0


def test_nearest_file_wins(home, monkeypatch):
    _write(home / "mtqe.toml", f"[gate]\n{LOOSE_GATE}")
    _write(home / "a" / "mtqe.toml", "[gate]\nmax_flags = { name = 0 }\n")
    monkeypatch.chdir(home / "a")
    assert load_config(None).gate == {"max_flags": {"name": 0}}


def test_load_config_start_argument(home):
    _write(home / "x" / "mtqe.toml", "max_mb = 2\n")
    (home / "x" / "y").mkdir()
    assert load_config(None, start=home / "x" / "y").options == {"max_mb": 2.0}
    assert load_config(None).source is None


@pytest.mark.parametrize("name, body", [
    ("settings.toml", f"metrics = 'chrf'\n[gate]\n{LOOSE_GATE}"),
    ("pyproject.toml", f"[tool.mtqe]\nmetrics = 'chrf'\n[tool.mtqe.gate]\n{LOOSE_GATE}"),
])
def test_explicit_config_file(home, name, body):
    _write(home / "mtqe.toml", "[gate]\nmin_chrf = 99\n")  # ignored: --config wins over discovery
    path = _write(home / "conf" / name, body)
    result = _check("--config", str(path))
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["scores"]["bleu"] is None


def test_score_reads_the_config_too(home):
    _write(home / "mtqe.toml", "metrics = ['bleu']\n")
    result = runner.invoke(app, ["score", ORIGINAL, ROUNDTRIP, "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["scores"]["chrf"] is None
    result = runner.invoke(app, ["score", ORIGINAL, ROUNDTRIP, "--format", "json", "--metrics", "chrf"])
    assert json.loads(result.stdout)["scores"]["bleu"] is None


# --- command line overrides the file -------------------------------------------------------------------

@pytest.mark.parametrize("gate_body, args, code", [
    (LOOSE_GATE, [], 0),
    (LOOSE_GATE, ["--max-critical", "0"], 1),
    (LOOSE_GATE, ["--fail-on", "quote"], 1),
    (LOOSE_GATE + "max_flags = { name = 0 }\n", [], 1),
    (LOOSE_GATE + "max_flags = { name = 0 }\n", ["--max-flags", "name=99"], 0),
    ("min_chrf = 99\nmin_coverage = 0\nmax_critical = 99\nfail_on = []\n", [], 1),
    ("min_chrf = 99\nmin_coverage = 0\nmax_critical = 99\nfail_on = []\n", ["--min-chrf", "10"], 0),
    ("min_chrf = 0\nmin_coverage = 0\nmax_critical = 99\nfail_on = ['tense']\nfail_on_severity = 'critical'\n", [], 0),
    ("min_chrf = 0\nmin_coverage = 0\nmax_critical = 99\nfail_on = ['tense']\nfail_on_severity = 'critical'\n",
     ["--fail-on-severity", "major"], 1),
])
def test_command_line_overrides_config(home, gate_body, args, code):
    _write(home / "mtqe.toml", f"[gate]\n{gate_body}")
    result = _check(*args)
    assert result.exit_code == code, result.output


def test_resolve_merges_and_normalises():
    cfg = Config(options={"comet": True, "metrics": ("chrf",)},
                 gate={"max_flags": {"name": 0, "quote": 0}, "fail_on": (("quote", None), ("name", "minor")),
                       "fail_on_severity": "critical"})
    opts, gate = resolve(cfg, options={"batch_size": 4, "select": None}, gate={"max_flags": "quote=2"})
    assert (opts.comet, opts.comet_required, opts.batch_size, opts.metrics) == (True, False, 4, ("chrf",))
    assert gate.max_flags == {"name": 0, "quote": 2}
    assert gate.fail_on == (("quote", "critical"), ("name", "minor"))
    assert gate.min_bleu is None and gate.min_chrf == 80
    opts, _ = resolve(cfg, options={"comet": True})
    assert opts.comet_required is True
    opts, _ = resolve(cfg, options={"comet": False})
    assert opts.comet is False


def test_fail_on_table_form_and_severity_alone(home):
    path = _write(home / "mtqe.toml", "[gate]\nfail_on = { quote = 'minor', name = 'critical' }\n")
    assert resolve(load_config(path))[1].fail_on == (("quote", "minor"), ("name", "critical"))
    path = _write(home / "mtqe.toml", "[gate]\nfail_on_severity = 'minor'\n")
    assert {sev for _, sev in resolve(load_config(path))[1].fail_on} == {"minor"}


def test_comet_from_config_warns_and_continues(home, monkeypatch):
    import mtqe.comet

    def unavailable(*a, **k):
        raise ModelError("no COMET model here")

    monkeypatch.setattr(mtqe.comet, "get_scorer", unavailable)
    _write(home / "mtqe.toml", "comet = true\ncomet_model = 'nowhere'\n")
    ok = runner.invoke(app, ["check", ORIGINAL, ORIGINAL, "--format", "json"])
    assert ok.exit_code == 0, ok.output
    assert any("COMET skipped" in n for n in json.loads(ok.stdout)["notes"])
    required = runner.invoke(app, ["check", ORIGINAL, ORIGINAL, "--comet"])
    assert required.exit_code == 2 and "no COMET model here" in required.stderr


# --- errors: exit 2, one line, naming the key ----------------------------------------------------------

BAD = [
    ("unknown-top", "colour = 'red'\n", "'colour'"),
    ("gate-key-at-top", "min_chrf = 50\n", "gate thresholds go in [gate]"),
    ("unknown-gate", "[gate]\nmin_chfr = 50\n", "[gate] 'min_chfr'"),
    ("gate-not-table", "gate = 3\n", "gate must be a table"),
    ("string-for-number", "[gate]\nmin_chrf = 'high'\n", "[gate] min_chrf must be a number, got 'high'"),
    ("bool-for-number", "[gate]\nmin_chrf = true\n", "min_chrf must be a number, got true"),
    ("chrf-range", "[gate]\nmin_chrf = 101\n", "min_chrf must be between 0 and 100"),
    ("coverage-range", "[gate]\nmin_coverage = 1.5\n", "min_coverage must be between 0 and 1"),
    ("risk-range", "[gate]\nrisk_level = -0.1\n", "risk_level must be between 0 and 1"),
    ("negative-max", "[gate]\nmax_critical = -1\n", "max_critical must be at least 0"),
    ("fractional-max", "[gate]\nmax_major = 1.5\n", "max_major must be a whole number"),
    ("max-flags-category", "[gate]\nmax_flags = { names = 0 }\n", "unknown category 'names'"),
    ("max-flags-value", "[gate]\nmax_flags = { name = -1 }\n", "max_flags name must be at least 0"),
    ("fail-on-category", "[gate]\nfail_on = ['quotes']\n", "fail_on has unknown rule code or category 'quotes'"),
    ("fail-on-severity", "[gate]\nfail_on_severity = 'fatal'\n", "fail_on_severity must be one of"),
    ("comet-bool", "comet = 'yes'\n", "comet must be true or false"),
    ("batch-size", "batch_size = 0\n", "batch_size must be at least 1"),
    ("metrics", "metrics = ['meteor']\n", "metrics has unknown metric 'meteor'"),
    ("max-mb", "max_mb = 0\n", "max_mb must be positive"),
    ("select-type", "select = 3\n", "select must be a list of"),
    ("select-unknown", "select = ['name', 'Z9']\n", "select has unknown rule code or category 'Z9'"),
    ("ignore-unknown", "ignore = ['quotes']\n", "ignore has unknown rule code or category 'quotes'"),
    ("gpus-range", "gpus = 2\n", "gpus must be 0 or 1, got 2"),
    ("min-comet-without-comet", "[gate]\nmin_comet = 0.8\n", "min_comet needs COMET"),
    ("min-bleu-without-bleu", "metrics = ['chrf']\n[gate]\nmin_bleu = 20\n", "min_bleu needs the bleu metric"),
    ("invalid-toml", "[gate\nmin_chrf = 1\n", "not valid TOML"),
]


@pytest.mark.parametrize("body, needle", [b[1:] for b in BAD], ids=[b[0] for b in BAD])
def test_bad_mtqe_toml_exits_2_naming_the_key(home, body, needle):
    _write(home / "mtqe.toml", body)
    result = _check()
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("mtqe: error: ")
    assert needle in lines[0]
    if "needs" not in needle:
        assert "config mtqe.toml: " in lines[0]


def test_bad_pyproject_value_names_the_tool_table(home):
    _write(home / "pyproject.toml", "[tool.mtqe.gate]\nmin_chrf = 'high'\n")
    result = _check()
    assert result.exit_code == 2
    assert "config pyproject.toml: [tool.mtqe.gate] min_chrf must be a number, got 'high'" in result.stderr


@pytest.mark.parametrize("make, needle", [
    (lambda d: d / "missing.toml", "no such file"),
    (lambda d: d, "is a directory"),
    (lambda d: _write(d / "pyproject.toml", "[project]\nname = 'x'\n"), "no [tool.mtqe] table"),
])
def test_bad_config_path_exits_2(home, make, needle):
    result = _check("--config", str(make(home)))
    assert result.exit_code == 2
    assert result.stderr.startswith("mtqe: error: config ") and needle in result.stderr


def test_load_config_raises_config_error(home):
    with pytest.raises(ConfigError, match="no such file"):
        load_config(home / "nope.toml")
