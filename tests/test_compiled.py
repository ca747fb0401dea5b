"""The Cython build of the comparison path (setup.py): the same results as the source, and never stale."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

import pytest

import mtqe
from mtqe import compiled

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = Path(mtqe.__file__).parent


def _built(module: str) -> bool:
    stem = PACKAGE.joinpath(*module.split(".")[1:])
    return any(stem.with_name(stem.name + suffix).exists() for suffix in EXTENSION_SUFFIXES)


def _finder(pure: bool = False):
    return compiled._PreferFreshSource(pure)


def _fake_package(tmp_path: Path) -> tuple[Path, Path]:
    """A module with a source and a 'build' beside it (an empty file: the finder only reads its date)."""
    source = tmp_path / "probe.py"
    source.write_text("VALUE = 1\n", encoding="utf-8")
    build = tmp_path / ("probe" + EXTENSION_SUFFIXES[0])
    build.write_bytes(b"")
    return source, build


def _dated(path: Path, when: float) -> None:
    os.utime(path, (when, when))


def test_a_build_newer_than_its_source_is_used(tmp_path):
    source, build = _fake_package(tmp_path)
    now = time.time()
    _dated(source, now - 60)
    _dated(build, now)
    spec = _finder().find_spec("mtqe.probe", [str(tmp_path)])
    assert spec.origin == str(build)
    assert compiled.loaded.pop("mtqe.probe") == "compiled"


def test_a_source_edited_after_its_build_runs_instead_of_the_build(tmp_path):
    source, build = _fake_package(tmp_path)
    now = time.time()
    _dated(build, now - 60)
    _dated(source, now)
    spec = _finder().find_spec("mtqe.probe", [str(tmp_path)])
    assert spec.origin == str(source)
    assert compiled.loaded.pop("mtqe.probe") == "source"


def test_pure_python_asked_for_runs_the_source_whatever_the_dates(tmp_path):
    source, build = _fake_package(tmp_path)
    now = time.time()
    _dated(source, now - 60)
    _dated(build, now)
    assert _finder(pure=True).find_spec("mtqe.probe", [str(tmp_path)]).origin == str(source)
    compiled.loaded.pop("mtqe.probe")


def test_modules_outside_mtqe_are_left_to_the_usual_finders(tmp_path):
    _fake_package(tmp_path)
    assert _finder().find_spec("probe", [str(tmp_path)]) is None
    assert _finder().find_spec("mtqe", None) is None


@pytest.mark.skipif(not _built("mtqe.wordalign"),
                    reason="no compiled build in this checkout (installed with MTQE_PURE_PYTHON or without a C compiler)")
def test_the_comparison_path_runs_compiled_when_built():
    import mtqe.pipeline  # noqa: F401
    import mtqe.wordalign

    assert compiled.loaded.get("mtqe.wordalign") == "compiled", "wordalign.py is newer than its build: run `make build`"
    assert Path(mtqe.wordalign.__file__).suffix != ".py"


_REPORT = """
import json, sys
from mtqe import compare
from mtqe.compiled import loaded
ref, cand = (open(p, encoding="utf-8").read() for p in sys.argv[1:3])
report = compare(ref, cand).to_dict()
print(json.dumps({"report": report, "compiled": sorted(k for k, v in loaded.items() if v == "compiled")}))
"""


def _report(env: dict, ref: Path, cand: Path) -> dict:
    out = subprocess.run([sys.executable, "-c", _REPORT, str(ref), str(cand)], cwd=ROOT, env=env,
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


@pytest.mark.skipif(not _built("mtqe.wordalign"), reason="no compiled build in this checkout: nothing to compare")
def test_compiled_and_pure_python_reports_are_identical(tmp_path):
    """The seed pair and a copy with damage of every kind: byte-identical reports either way."""
    ref = ROOT / "seeds" / "original.txt"
    damaged = tmp_path / "damaged.txt"
    text = (ROOT / "seeds" / "roundtrip.txt").read_text(encoding="utf-8")
    damaged.write_text(text.replace("was", "was not", 1).replace("Guan", "Kwan") + "\n\nSubscribe to our newsletter!",
                       encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "MTQE_PURE_PYTHON"}
    for cand in (ROOT / "seeds" / "roundtrip.txt", damaged):
        fast = _report(env, ref, cand)
        pure = _report({**env, "MTQE_PURE_PYTHON": "1"}, ref, cand)
        assert "mtqe.wordalign" in fast["compiled"] and not pure["compiled"]
        assert fast["report"]["segments"], "an empty report proves nothing"
        assert json.dumps(fast["report"], sort_keys=True) == json.dumps(pure["report"], sort_keys=True)
