"""The quality gate: pure evaluation of each threshold, and `mtqe check` exit codes, JSON verdict and stderr."""

import json
from dataclasses import replace

import pytest
from typer.testing import CliRunner

from conftest import SEEDS
from mtqe.cli import app
from mtqe.gate import CATEGORIES, Gate, apply, evaluate
from mtqe.report import Verdict

runner = CliRunner()
ORIGINAL, ROUNDTRIP = str(SEEDS / "original.txt"), str(SEEDS / "roundtrip.txt")

# A gate that checks nothing: the starting point for "one threshold makes it fail".
OPEN = Gate(min_chrf=None, min_coverage=None, max_critical=None, fail_on=())


@pytest.fixture(autouse=True)
def _no_config(tmp_path, monkeypatch):
    """Run from an empty directory so no mtqe.toml / pyproject.toml [tool.mtqe] is picked up."""
    monkeypatch.chdir(tmp_path)


def _count(report, **match):
    return sum(all(getattr(f, k) == v for k, v in match.items()) for f in report.flags)


def _risky(report, level):
    return sum(s.risk >= level for s in report.segments)


# (id, gate that fails the seed copy, gate that passes it, a fragment of the failing reason).
# Thresholds are derived from the report itself, so detector tuning does not break the table.
THRESHOLDS = [
    ("min_chrf", lambda r: dict(min_chrf=r.scores["chrf"] + 0.5), lambda r: dict(min_chrf=r.scores["chrf"] - 0.5), "chrF"),
    ("min_bleu", lambda r: dict(min_bleu=r.scores["bleu"] + 0.5), lambda r: dict(min_bleu=r.scores["bleu"] - 0.5), "BLEU"),
    ("min_coverage", lambda r: dict(min_coverage=r.coverage + 0.01), lambda r: dict(min_coverage=r.coverage), "coverage"),
    ("max_risky_segments", lambda r: dict(max_risky_segments=_risky(r, 0.5) - 1),
     lambda r: dict(max_risky_segments=_risky(r, 0.5)), "with risk >= 0.5"),
    ("risk_level", lambda r: dict(max_risky_segments=0, risk_level=0.5),
     lambda r: dict(max_risky_segments=0, risk_level=max(s.risk for s in r.segments) + 0.01), "with risk >="),
    ("max_critical", lambda r: dict(max_critical=_count(r, severity="critical") - 1),
     lambda r: dict(max_critical=_count(r, severity="critical")), "critical flag"),
    ("max_major", lambda r: dict(max_major=_count(r, severity="major") - 1),
     lambda r: dict(max_major=_count(r, severity="major")), "major flag"),
    ("max_minor", lambda r: dict(max_minor=_count(r, severity="minor") - 1),
     lambda r: dict(max_minor=_count(r, severity="minor")), "minor flag"),
    ("max_flags", lambda r: dict(max_flags={"name": _count(r, category="name") - 1}),
     lambda r: dict(max_flags={"name": _count(r, category="name"), "negation": 0}), "name flags (max"),
    ("fail_on", lambda r: dict(fail_on=(("quote", "critical"),)), lambda r: dict(fail_on=(("negation", "minor"),)),
     "quote altered in segment"),
    ("fail_on_severity", lambda r: dict(fail_on=(("tense", "major"),)), lambda r: dict(fail_on=(("tense", "critical"),)),
     "tense altered in segment"),
]


@pytest.mark.parametrize("fails, passes, reason", [t[1:] for t in THRESHOLDS], ids=[t[0] for t in THRESHOLDS])
def test_each_threshold_can_fail_and_pass_the_seed(seed_report, fails, passes, reason):
    assert evaluate(seed_report, OPEN) == Verdict(True, ())
    bad = evaluate(seed_report, replace(OPEN, **fails(seed_report)))
    assert not bad.passed and len(bad.reasons) >= 1
    assert any(reason in r for r in bad.reasons), bad.reasons
    assert evaluate(seed_report, replace(OPEN, **passes(seed_report))) == Verdict(True, ())


@pytest.mark.parametrize("comet, threshold, passed, reason", [
    (0.7, 0.8, False, "COMET 0.7 below min 0.8"),
    (0.9, 0.8, True, None),
    (None, 0.8, False, "COMET not scored (min 0.8)"),
])
def test_min_comet(seed_report, comet, threshold, passed, reason):
    report = replace(seed_report, scores={**seed_report.scores, "comet": comet})
    verdict = evaluate(report, replace(OPEN, min_comet=threshold))
    assert verdict.passed is passed
    assert verdict.reasons == ((reason,) if reason else ())


def test_default_gate_fails_the_seed_with_every_reason(seed_report):
    verdict = evaluate(seed_report, Gate())
    assert not verdict.passed
    reasons = verdict.reasons
    assert reasons[0].startswith("chrF ") and "below min 80" in reasons[0]
    critical = _count(seed_report, severity="critical")
    assert f"{critical} critical flags (max 0)" in reasons
    located = [r for r in reasons if " in segment " in r]
    # one located reason per (segment, category) with a flag of a default fail_on category, major or worse
    expected = {(s.index, f.category) for s in seed_report.segments for f in s.flags
                if f.category in {"name", "number", "negation", "quote", "antonym", "meaning"} and f.severity != "minor"}
    assert len(located) == len(expected) >= 3
    assert any(r.startswith("quote altered in segment ") and "(critical)" in r for r in located)
    assert any(r.startswith("name altered in segment ") and "(major)" in r for r in located)


def test_identical_copy_passes_the_default_gate(seed_texts):
    import mtqe

    report = apply(mtqe.compare(seed_texts[0], seed_texts[0]), Gate())
    assert report.verdict == Verdict(True, ())
    assert report.to_dict()["verdict"] == {"passed": True, "reasons": []}


def test_apply_returns_a_new_report(seed_report):
    gated = apply(seed_report, Gate())
    assert seed_report.verdict is None and gated.verdict is not None
    assert gated.segments is seed_report.segments


def test_default_gate_is_hashable_and_categories_are_known():
    assert hash(Gate()) == hash(Gate())
    assert {c for c, _ in Gate().fail_on} <= set(CATEGORIES)


# --- mtqe check -------------------------------------------------------------------------------------

def _check(*args):
    return runner.invoke(app, ["check", *args])


def test_check_identical_copy_passes():
    result = _check(ORIGINAL, ORIGINAL, "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["verdict"] == {"passed": True, "reasons": []}
    assert "FAIL" not in result.stderr


def test_check_seed_copy_fails_with_reasons_in_json_and_on_stderr():
    result = _check(ORIGINAL, ROUNDTRIP, "--format", "json")
    assert result.exit_code == 1
    verdict = json.loads(result.stdout)["verdict"]
    assert verdict["passed"] is False
    assert any(r.startswith("chrF ") for r in verdict["reasons"])
    assert any(r.startswith("quote altered in segment ") for r in verdict["reasons"])
    lines = result.stderr.strip().splitlines()
    assert lines == ["mtqe: FAIL: " + "; ".join(verdict["reasons"])]


def test_check_text_and_quiet_output_show_the_verdict():
    quiet = _check(ORIGINAL, ROUNDTRIP, "--quiet")
    assert quiet.exit_code == 1 and quiet.stdout.startswith("FAIL | relation: round-trip-suspect")
    text = _check(ORIGINAL, ORIGINAL)
    assert text.exit_code == 0 and "PASS" in text.stdout


def test_exit_zero_reports_but_does_not_fail():
    result = _check(ORIGINAL, ROUNDTRIP, "--format", "json", "--exit-zero")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["verdict"]["passed"] is False
    assert result.stderr.startswith("mtqe: FAIL: ")


LOOSE = ["--min-chrf", "0", "--min-coverage", "0", "--max-critical", "99", "--fail-on", ""]


@pytest.mark.parametrize("extra, code, reason", [
    ([], 0, None),
    (["--min-chrf", "99"], 1, "chrF"),
    (["--min-bleu", "99"], 1, "BLEU"),
    (["--min-coverage", "1"], 1, "coverage"),
    (["--max-risky-segments", "0"], 1, "with risk >= 0.5"),
    (["--max-risky-segments", "0", "--risk-level", "0.99"], 0, None),
    (["--max-critical", "0"], 1, "critical flags (max 0)"),
    (["--max-major", "0"], 1, "major flags (max 0)"),
    (["--max-minor", "0"], 1, "minor flags (max 0)"),
    (["--max-flags", "name=0,quote=0"], 1, "name flags (max 0)"),
    (["--max-flags", "negation=0"], 0, None),
    (["--fail-on", "quote"], 1, "quote altered in segment"),
    (["--fail-on", "quote", "--fail-on-severity", "critical"], 1, "quote altered in segment"),
    (["--fail-on", "name", "--fail-on-severity", "critical"], 0, None),
    (["--fail-on", "name:minor"], 1, "name altered in segment"),
], ids=lambda v: " ".join(v) if isinstance(v, list) else None)
def test_check_command_line_thresholds(extra, code, reason):
    result = _check(ORIGINAL, ROUNDTRIP, "--format", "json", *LOOSE, *extra)
    assert result.exit_code == code, result.output
    reasons = json.loads(result.stdout)["verdict"]["reasons"]
    if reason:
        assert any(reason in r for r in reasons), reasons
        assert reason in result.stderr
    else:
        assert reasons == []


@pytest.mark.parametrize("args, key", [
    (["--min-coverage", "1.5"], "--min-coverage"),
    (["--min-chrf", "-1"], "--min-chrf"),
    (["--max-critical", "-1"], "--max-critical"),
    (["--risk-level", "2"], "--risk-level"),
    (["--max-flags", "nmae=0"], "nmae"),
    (["--max-flags", "name"], "--max-flags"),
    (["--fail-on", "quotes"], "quotes"),
    (["--fail-on-severity", "fatal"], "--fail-on-severity"),
    (["--min-comet", "0.8"], "min_comet"),
    (["--metrics", "bleu", "--min-chrf", "50"], "min_chrf"),
])
def test_check_bad_thresholds_exit_2_naming_the_option(args, key):
    result = _check(ORIGINAL, ROUNDTRIP, *args)
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("mtqe: error: ") and key in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_default_chrf_threshold_is_dropped_when_chrf_is_not_computed():
    result = _check(ORIGINAL, ORIGINAL, "--metrics", "bleu", "--format", "json")
    assert result.exit_code == 0, result.output


def test_check_input_error_exits_2():
    result = _check(ORIGINAL, "no-such-file.txt")
    assert result.exit_code == 2 and "no such file" in result.stderr


def test_every_detector_category_can_be_gated():
    from mtqe import detectors
    from mtqe.gate import CATEGORIES

    assert {d.category for d in detectors.all_detectors()} | {"comet-span"} <= set(CATEGORIES)
