"""The rule catalog (mtqe/catalog.py) against the detectors, and `mtqe rules [CODE]`."""

import subprocess
import sys

import pytest
from typer.testing import CliRunner

from conftest import ROOT
from mtqe.catalog import CATEGORIES, RULES, Rule, expand
from mtqe.cli import app
from mtqe.errors import ConfigError

runner = CliRunner()


def test_catalog_equals_the_detector_registry():
    from mtqe.detectors import all_detectors

    registry = {d.code: (d.code, d.category, d.severity) for d in all_detectors()}
    catalog = {c: (r.code, r.category, r.severity) for c, r in RULES.items()}
    missing = sorted(set(registry) - set(catalog))
    assert not missing, f"add a Rule row to mtqe/catalog.py for {', '.join(missing)}"
    assert catalog == registry
    assert all(isinstance(r, Rule) and r.summary for r in RULES.values())
    assert {r.category for r in RULES.values()} <= set(CATEGORIES)


def test_validating_settings_imports_no_detector():
    code = ("import sys; from mtqe.config import resolve; from mtqe import gate; import mtqe.cli; "
            "resolve(options={'select': 'quote,N1'}, gate={'fail_on': 'name'}); "
            "print(sorted(m for m in sys.modules if m.startswith('mtqe.detectors')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize("selectors, codes", [
    (["quote"], ("Q101", "Q102")),
    (["Q101"], ("Q101",)),
    (["q1"], ("Q101", "Q102")),  # prefixes are case-insensitive, like ruff's
    (["N10", "name"], tuple(c for c in RULES if c.startswith("N"))),
    (["", " "], ()),
])
def test_expand(selectors, codes):
    assert expand(selectors) == codes


@pytest.mark.parametrize("bad", ["Z9", "quotes", "N9"])
def test_expand_unknown_names_it(bad):
    with pytest.raises(ConfigError, match=f"unknown rule code or category '{bad}'"):
        expand(["quote", bad])


def test_rules_lists_every_code_with_its_example():
    result = runner.invoke(app, ["rules"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    for code in RULES:
        assert any(line.startswith(code + " ") for line in lines), code
    head = next(i for i, line in enumerate(lines) if line.startswith("T101 "))
    assert lines[head + 1].strip() == "ref:  The asylum approval rate dropped to 10% in 2025."
    assert lines[head + 2].strip() == "copy: Asylum approval rates will drop to 10% in 2025."


def test_rules_code_explains_one_rule():
    result = runner.invoke(app, ["rules", "n102"])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith("N102: A name written in another accepted spelling")
    assert "category:          name" in out and "default severity:  minor" in out
    assert "evidence weight:   " in out
    assert "reference:  members of ethnic minorities, especially the Uyghurs" in out
    assert "copy:       members of ethnic minorities, particularly Uighurs" in out
    # the example is run: what mtqe reports on it is shown, and it is this rule's finding
    assert 'mtqe says:  name "Uyghurs" spelled "Uighurs"' in out


def test_rules_code_shows_the_evidence_weight():
    from mtqe.detectors import all_detectors

    weight = next(d for d in all_detectors() if d.code == "F101").evidence
    assert weight > 0  # a repetition is surely machine output
    result = runner.invoke(app, ["rules", "F101"])
    assert result.exit_code == 0 and f"evidence weight:   {weight:g}\n" in result.stdout


def test_rules_category_lists_only_that_category():
    result = runner.invoke(app, ["rules", "quote"])
    assert result.exit_code == 0
    heads = [line.split()[0] for line in result.stdout.splitlines() if not line.startswith(" ")]
    assert heads == ["Q101", "Q102"]


def test_rules_help_usage_line():
    result = runner.invoke(app, ["rules", "--help"], prog_name="mtqe")
    assert result.exit_code == 0 and result.stdout.startswith("Usage: mtqe rules [OPTIONS] [CODE]\n")


@pytest.mark.parametrize("bad", ["Z999", "nonsense"])
def test_rules_unknown_code_exits_2(bad):
    result = runner.invoke(app, ["rules", bad])
    assert result.exit_code == 2
    assert result.stderr == f"mtqe: error: unknown rule code or category '{bad}' (see `mtqe rules`)\n"
    assert result.stdout == ""
