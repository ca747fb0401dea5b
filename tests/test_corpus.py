"""mtqe corpus: manifests, recorded item errors, streaming output, resume after SIGKILL, workers, Dask, summary."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mtqe import corpus
from mtqe.corpus import executors, item
from mtqe.cli import app
from mtqe.options import Options
from mtqe.summary import Summary, quantile

SEEDS = Path(__file__).resolve().parents[1] / "seeds"

PY = sys.executable
SHORT_REF = "Guan Heng arrived in Boston on Monday. He met 12 officials. The talks lasted three hours. Everyone agreed."
SHORT_CAND = "Kwan Heng arrives in Boston on Monday. He met 21 officials. The talks lasted three hours. Everyone agreed."


def _write(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.fixture()
def docs(tmp_path: Path) -> Path:
    """A folder with the seed pair and a short pair, for manifests to point at."""
    d = tmp_path / "docs"
    d.mkdir()
    (d / "orig.txt").write_text((SEEDS / "original.txt").read_text(encoding="utf-8"), encoding="utf-8")
    (d / "copy.txt").write_text((SEEDS / "roundtrip.txt").read_text(encoding="utf-8"), encoding="utf-8")
    (d / "short.ref.txt").write_text(SHORT_REF, encoding="utf-8")
    (d / "short.cand.txt").write_text(SHORT_CAND, encoding="utf-8")
    return d


def _manifest(docs: Path, n_seed: int = 2, n_short: int = 6) -> Path:
    rows = [{"id": f"seed{i}", "reference": "docs/orig.txt", "candidate": "docs/copy.txt"} for i in range(n_seed)]
    rows += [{"id": f"short{i}", "reference_text": SHORT_REF, "candidate_text": SHORT_CAND} for i in range(n_short)]
    return _write(docs.parent / "manifest.jsonl", rows)


def _records(path: Path) -> list[dict]:
    text = path.read_text(encoding="utf-8")
    assert text.endswith("\n")
    return [json.loads(line) for line in text.splitlines()]


def _invoke(*args: str):
    result = CliRunner().invoke(app, ["corpus", *args])
    return result


def _by_id(records: list[dict]) -> dict[str, dict]:
    ids = [r["id"] for r in records]
    assert len(ids) == len(set(ids)), "an id appears twice"
    return {r["id"]: r for r in records}


# ---- manifests ----------------------------------------------------------------------------------------

def test_jsonl_paths_and_inline_text(docs, tmp_path):
    out = tmp_path / "out.jsonl"
    res = _invoke(str(_manifest(docs)), "-o", str(out), "-j", "1", "-q")
    assert res.exit_code == 0, res.output
    got = _by_id(_records(out))
    assert set(got) == {"seed0", "seed1"} | {f"short{i}" for i in range(6)}
    seed = got["seed0"]["report"]
    assert seed["schema_version"] == 1 and seed["scores"]["chrf"] > 50
    assert seed["reference"]["path"].endswith("orig.txt")
    short = got["short0"]["report"]
    assert short["reference"]["path"] is None
    categories = set(short["document"]["flag_counts"])
    assert {"name", "number"} <= categories


def test_csv_manifest(docs, tmp_path):
    m = tmp_path / "m.csv"
    m.write_text(
        "id,reference,candidate,reference_text,candidate_text,note\n"
        "a,docs/orig.txt,docs/copy.txt,,,x\n"
        f'b,,,"{SHORT_REF}","{SHORT_CAND}",\n'
        "\n"
        "c,docs/short.ref.txt,,,\"Inline, quoted \"\"copy\"\".\",\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    res = _invoke(str(m), "-o", str(out), "-j", "1", "-q")
    assert res.exit_code == 0, res.output
    got = _by_id(_records(out))
    assert set(got) == {"a", "b", "c"}
    assert all("report" in r for r in got.values())
    assert got["c"]["report"]["candidate"]["sentences"] == 1


def test_directory_of_pairs(docs, tmp_path):
    d = tmp_path / "pairs"
    d.mkdir()
    for name in ("one", "two"):
        (d / f"{name}.ref.txt").write_text(SHORT_REF, encoding="utf-8")
        (d / f"{name}.cand.txt").write_text(SHORT_CAND, encoding="utf-8")
    (d / "lonely.ref.txt").write_text(SHORT_REF, encoding="utf-8")
    (d / "notes.md").write_text("ignored", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    res = _invoke(str(d), "-o", str(out), "-j", "1", "-q")
    assert res.exit_code == 0, res.output
    got = _by_id(_records(out))
    assert set(got) == {"one", "two", "lonely"}
    assert got["lonely"]["error"]["type"] == "InputError"
    assert "lonely.cand.txt" in got["lonely"]["error"]["message"]


def test_bad_items_are_recorded_and_the_run_goes_on(docs, tmp_path):
    (docs / "binary.txt").write_bytes(b"\x00\x01\x02binary" * 10)
    rows = [
        {"id": "ok1", "reference_text": SHORT_REF, "candidate_text": SHORT_CAND},
        {"id": "missing", "reference": "docs/nope.txt", "candidate": "docs/copy.txt"},
        {"id": "empty", "reference_text": "   \n", "candidate_text": SHORT_CAND},
        {"id": "binary", "reference": "docs/orig.txt", "candidate": "docs/binary.txt"},
        {"id": "both", "reference": "docs/orig.txt", "reference_text": "x", "candidate_text": SHORT_CAND},
        {"id": "nocand", "reference_text": SHORT_REF},
        {"id": "notstr", "reference_text": 5, "candidate_text": SHORT_CAND},
        {"id": 7, "reference_text": SHORT_REF, "candidate_text": SHORT_CAND},
    ]
    m = _write(tmp_path / "m.jsonl", rows)
    out = tmp_path / "out.jsonl"
    res = _invoke(str(m), "-o", str(out), "-j", "1", "-q")
    assert res.exit_code == 0, res.output
    got = _by_id(_records(out))
    assert set(got) == {"ok1", "missing", "empty", "binary", "both", "nocand", "notstr", "7"}
    assert "report" in got["ok1"] and "report" in got["7"]
    messages = {k: v["error"]["message"] for k, v in got.items() if "error" in v}
    assert set(messages) == {"missing", "empty", "binary", "both", "nocand", "notstr"}
    assert all(v["error"]["type"] == "InputError" for v in got.values() if "error" in v)
    assert "no such file" in messages["missing"]
    assert messages["empty"].startswith("reference_text:") and "empty" in messages["empty"]
    assert "binary" in messages["binary"]
    assert "not both" in messages["both"]
    assert "no candidate" in messages["nocand"]


@pytest.mark.parametrize(
    "content, suffix, expect",
    [
        ('{"id": "a", "reference_text": "x", "candidate_text": "y"}\n{"id": "b", oops}\n', ".jsonl", ":2: not valid JSON"),
        ('{"reference_text": "x", "candidate_text": "y"}\n', ".jsonl", ":1: missing or bad 'id'"),
        ('{"id": "a", "reference_text": "x", "candidate_text": "y"}\n\n{"id": "a"}\n', ".jsonl", ":3: duplicate id 'a'"),
        ('["a", "b"]\n', ".jsonl", ":1: expected a JSON object"),
        ("ref,cand\nx,y\n", ".csv", ":1: CSV header has no 'id' column"),
        ("id,reference_text,candidate_text\na,x,y\na,x,y\n", ".csv", ":3: duplicate id 'a'"),
        (None, ".jsonl", "no such manifest"),
    ],
)
def test_bad_manifest_exits_2_naming_the_line(tmp_path, content, suffix, expect):
    m = tmp_path / f"manifest{suffix}"
    if content is not None:
        m.write_text(content, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    res = _invoke(str(m), "-o", str(out), "-j", "1")
    assert res.exit_code == 2
    lines = res.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("mtqe: error: ") and expect in lines[0], res.output
    # nothing was scored or written: the manifest is checked before any work starts
    assert not out.exists()


def test_resume_needs_output(docs):
    res = _invoke(str(_manifest(docs)), "--resume")
    assert res.exit_code == 2 and "--output" in res.output


# ---- output, resume, workers --------------------------------------------------------------------------

def test_stdout_streaming_and_no_progress_bar_off_a_tty(docs):
    res = CliRunner().invoke(app, ["corpus", str(_manifest(docs, 1, 2)), "-j", "1"])
    assert res.exit_code == 0
    lines = [line for line in res.stdout.splitlines() if line.startswith("{")]
    assert sorted(json.loads(line)["id"] for line in lines) == ["seed0", "short0", "short1"]
    assert "items/s" not in res.stdout and "ETA" not in res.output
    assert "items: 3" in res.stderr  # the summary goes to stderr when results go to stdout


def test_resume_skips_ids_already_done(docs, tmp_path):
    full = _manifest(docs, 1, 6)
    rows = [json.loads(line) for line in full.read_text().splitlines()]
    half = _write(tmp_path / "half.jsonl", rows[:3])
    out = tmp_path / "out.jsonl"
    assert _invoke(str(half), "-o", str(out), "-j", "1", "-q").exit_code == 0
    first = out.read_text()
    res = _invoke(str(full), "-o", str(out), "-j", "1", "--resume", "--summary", str(tmp_path / "s.json"))
    assert res.exit_code == 0, res.output
    assert "3 skipped" in res.output
    assert out.read_text().startswith(first)
    assert set(_by_id(_records(out))) == {r["id"] for r in rows}
    assert json.loads((tmp_path / "s.json").read_text())["items"] == 7  # the summary covers resumed items too


def test_resume_refuses_a_foreign_file(docs, tmp_path):
    out = tmp_path / "out.jsonl"
    out.write_text("hello\nworld\n")
    res = _invoke(str(_manifest(docs)), "-o", str(out), "--resume")
    assert res.exit_code == 2 and "out.jsonl:1" in res.output


def _run_cli(*args: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([PY, "-m", "mtqe", "corpus", *args], capture_output=True, text=True, timeout=300, **kw)


def test_jobs_2_same_results_as_jobs_1(docs, tmp_path):
    m = _manifest(docs, 3, 9)
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert _invoke(str(m), "-o", str(one), "-j", "1", "-q").exit_code == 0
    proc = _run_cli(str(m), "-o", str(two), "--jobs", "2")
    assert proc.returncode == 0, proc.stderr
    a, b = _by_id(_records(one)), _by_id(_records(two))
    assert set(a) == set(b)
    for k in a:
        assert a[k]["report"]["scores"] == b[k]["report"]["scores"]
        assert a[k]["report"]["segments"] == b[k]["report"]["segments"]


def test_resume_after_sigkill_mid_run(docs, tmp_path):
    """A real `kill -9` mid-run, then a partial last line; the resumed run has every id exactly once."""
    n = 60
    m = _write(tmp_path / "m.jsonl", [
        {"id": f"d{i:03}", "reference": "docs/orig.txt", "candidate": "docs/copy.txt"} for i in range(n)])
    out = tmp_path / "out.jsonl"
    proc = subprocess.Popen([PY, "-m", "mtqe", "corpus", str(m), "-o", str(out), "--jobs", "2", "-q"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if out.exists() and out.read_bytes().count(b"\n") >= 5:
                break
            assert proc.poll() is None, "the run ended before it could be killed"
            time.sleep(0.02)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(10)
    finally:
        try:
            os.killpg(proc.pid, signal.SIGKILL)  # orphaned workers, if any
        except ProcessLookupError:
            pass
    assert proc.returncode == -signal.SIGKILL
    before = out.read_bytes().count(b"\n")
    assert 5 <= before < n, f"killed after {before} of {n}: not mid-run"
    # As if the kill had landed mid-write: a cut-off line with no newline.
    with out.open("ab") as fh:
        fh.write(b'{"id":"d999","report":{"schema_vers')
    done = subprocess.run([PY, "-m", "mtqe", "corpus", str(m), "-o", str(out), "--jobs", "2", "--resume"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    records = _records(out)  # every line parses: the partial line is gone
    got = _by_id(records)
    assert set(got) == {f"d{i:03}" for i in range(n)}
    assert all("report" in r for r in records)
    assert f"{before} skipped" in done.stderr


def test_in_flight_items_are_bounded():
    """The manifest is pulled lazily: never more than the window ahead of the results."""
    pulled = 0

    def items():
        nonlocal pulled
        for i in range(40):
            pulled += 1
            yield corpus.Item(f"i{i}", reference_text=SHORT_REF, candidate_text=SHORT_CAND)

    window = 2 * corpus.IN_FLIGHT_PER_WORKER
    seen = 0
    with executors.Local(Options(), None, jobs=2) as pool:
        for _ in pool.map(items()):
            seen += 1
            assert pulled - seen <= window
    assert seen == 40


def test_one_comparer_per_process():
    opts = Options()
    assert item.comparer_for(opts) is item.comparer_for(Options())


def test_dask_is_imported_lazily():
    code = "import sys, mtqe.corpus, mtqe.cli; assert 'distributed' not in sys.modules and 'dask' not in sys.modules"
    subprocess.run([PY, "-c", code], check=True)


# ---- summary ------------------------------------------------------------------------------------------

def test_quantile_matches_linear_interpolation():
    vals = [1.0, 2.0, 3.0, 4.0, 10.0]
    assert quantile(vals, 0.5) == 3.0
    assert quantile(vals, 0.1) == pytest.approx(1.4)
    assert quantile(vals, 0.9) == pytest.approx(7.6)
    assert quantile([5.0], 0.9) == 5.0


def test_summary_json_and_html(docs, tmp_path):
    rows = [
        {"id": "seed", "reference": "docs/orig.txt", "candidate": "docs/copy.txt"},
        {"id": "same", "reference_text": SHORT_REF, "candidate_text": SHORT_REF},
        {"id": "<script>alert(1)</script>", "reference_text": SHORT_REF, "candidate_text": SHORT_CAND},
        {"id": "bad", "reference": "docs/none.txt", "candidate": "docs/copy.txt"},
    ]
    m = _write(tmp_path / "m.jsonl", rows)
    out, sj, sh = tmp_path / "out.jsonl", tmp_path / "s.json", tmp_path / "s.html"
    assert _invoke(str(m), "-o", str(out), "-j", "1", "--summary", str(sj)).exit_code == 0
    s = json.loads(sj.read_text())
    assert (s["items"], s["reports"], s["errors"]) == (4, 3, 1)
    assert s["error_types"] == {"InputError": 1} and s["error_examples"][0]["id"] == "bad"
    chrf = s["scores"]["chrf"]
    assert chrf["n"] == 3 and chrf["p10"] <= chrf["p50"] <= chrf["p90"] and chrf["p90"] <= 100
    assert s["scores"]["comet"] is None
    assert s["relations"]["identical"] == 1
    assert s["flags"]["name"]["items"] == 2
    assert [w["id"] for w in s["worst_chrf"]] == ["seed", "<script>alert(1)</script>", "same"]
    assert s["worst_chrf"][0]["chrf"] <= s["worst_chrf"][1]["chrf"] <= s["worst_chrf"][2]["chrf"] == 100
    assert s["worst_risk"][-1]["max_risk"] == 0.0

    assert _invoke(str(m), "-o", str(out), "-j", "1", "--resume", "--summary", str(sh)).exit_code == 0
    page = sh.read_text()
    assert page.startswith("<!DOCTYPE html>") and page.count("<svg") == 2  # bleu and chrf; no comet
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "http://" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "") and "https://" not in page
    assert "src=" not in page and "<link" not in page
    sub = Summary()
    for line in out.read_text().splitlines():
        sub.add_line(json.loads(line))
    assert sub.to_dict() == s


# ---- gate -------------------------------------------------------------------------------------------

def test_gate_gives_every_item_a_verdict_and_fails_the_run(docs, tmp_path):
    rows = [
        {"id": "seed", "reference": "docs/orig.txt", "candidate": "docs/copy.txt"},
        {"id": "same", "reference_text": SHORT_REF, "candidate_text": SHORT_REF},
    ]
    m = _write(tmp_path / "m.jsonl", rows)
    out, summary = tmp_path / "out.jsonl", tmp_path / "s.json"
    res = _invoke(str(m), "-o", str(out), "-j", "2", "--gate", "--summary", str(summary))
    assert res.exit_code == 1, res.output
    assert "1 failed the gate" in res.output
    got = _by_id(_records(out))
    assert got["same"]["report"]["verdict"] == {"passed": True, "reasons": []}
    seed = got["seed"]["report"]["verdict"]
    assert not seed["passed"] and any('"Guan" -> "Kwan"' in r for r in seed["reasons"])
    gate = json.loads(summary.read_text())["gate"]
    assert gate == {"passed": 1, "failed": 1, "failed_ids": ["seed"]}

    assert _invoke(str(m), "-o", str(out), "-j", "1", "--gate", "--exit-zero", "-q").exit_code == 0
    res = _invoke(str(m), "-o", str(out), "-j", "1", "-q")  # no gate: no verdicts, exit 0
    assert res.exit_code == 0 and all("verdict" not in r["report"] for r in _records(out))


def test_gate_does_not_pass_an_item_it_could_not_score(docs, tmp_path):
    rows = [
        {"id": "same", "reference_text": SHORT_REF, "candidate_text": SHORT_REF},
        {"id": "missing", "reference": "docs/nope.txt", "candidate": "docs/copy.txt"},
    ]
    m = _write(tmp_path / "m.jsonl", rows)
    assert _invoke(str(m), "-o", str(tmp_path / "o.jsonl"), "-j", "1", "-q").exit_code == 0
    assert _invoke(str(m), "-o", str(tmp_path / "o.jsonl"), "-j", "1", "-q", "--gate").exit_code == 1


def test_gate_counts_survive_resume(docs, tmp_path):
    rows = [{"id": f"seed{i}", "reference": "docs/orig.txt", "candidate": "docs/copy.txt"} for i in range(2)]
    rows.append({"id": "same", "reference_text": SHORT_REF, "candidate_text": SHORT_REF})
    out = tmp_path / "out.jsonl"
    assert _invoke(str(_write(tmp_path / "half.jsonl", rows[:1])), "-o", str(out), "-j", "1", "-q", "--gate").exit_code == 1
    res = _invoke(str(_write(tmp_path / "m.jsonl", rows)), "-o", str(out), "-j", "1", "--gate", "--resume",
                  "--summary", str(tmp_path / "s.txt"))
    assert res.exit_code == 1 and "1 skipped" in res.output
    assert "gate: 1 passed, 2 failed (seed0, seed1)" in (tmp_path / "s.txt").read_text()


# ---- Dask -------------------------------------------------------------------------------------------

@pytest.mark.slow
def test_dask_local_cluster_matches_local_run(docs, tmp_path):
    distributed = pytest.importorskip("distributed")
    import logging

    m = _manifest(docs, 2, 6)
    rows = [json.loads(line) for line in m.read_text().splitlines()]
    rows.append({"id": "broken", "reference": "docs/missing.txt", "candidate": "docs/copy.txt"})
    _write(m, rows)
    local, remote = tmp_path / "local.jsonl", tmp_path / "dask.jsonl"
    assert _invoke(str(m), "-o", str(local), "-j", "1", "-q").exit_code == 0
    with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1,
                                  dashboard_address=None, silence_logs=logging.ERROR) as cluster:
        half = _write(tmp_path / "half.jsonl", rows[:4])
        res = _invoke(str(half), "-o", str(remote), "--scheduler", cluster.scheduler_address, "-q")
        assert res.exit_code == 0, res.output
        res = _invoke(str(m), "-o", str(remote), "--scheduler", cluster.scheduler_address, "--resume", "--summary", str(tmp_path / "s.txt"))
        assert res.exit_code == 0, res.output
        assert "4 skipped" in res.output
        gated = tmp_path / "gated.jsonl"  # the gate travels to the workers with the options
        res = _invoke(str(half), "-o", str(gated), "--scheduler", cluster.scheduler_address, "--gate", "-q")
        assert res.exit_code == 1 and all("verdict" in r["report"] for r in _records(gated) if "report" in r)
        with distributed.Client(cluster) as client:
            # one Comparer per worker process, reused across items
            counts = client.run(lambda: len(item._comparers))
            assert set(counts.values()) <= {0, 1}
    a, b = _by_id(_records(local)), _by_id(_records(remote))
    assert set(a) == set(b) == {r["id"] for r in rows}
    assert b["broken"]["error"]["type"] == "InputError"
    for k in a:
        if "report" in a[k]:
            assert a[k]["report"]["scores"] == b[k]["report"]["scores"]
            assert a[k]["report"]["segments"] == b[k]["report"]["segments"]


def test_unreachable_scheduler_is_a_config_error(docs):
    dask = pytest.importorskip("dask")
    pytest.importorskip("distributed")
    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        res = _invoke(str(_manifest(docs, 0, 1)), "--scheduler", "tcp://127.0.0.1:9", "-q")
    assert res.exit_code == 2 and "scheduler" in res.output


def test_progress_callbacks_report_resumed_items_first(docs, tmp_path):
    """The library reports progress only through callbacks: resumed items first, then each one scored."""
    full = _manifest(docs, 0, 4)
    rows = full.read_text().splitlines()
    half = tmp_path / "half.jsonl"
    half.write_text("\n".join(rows[:2]) + "\n")
    out = tmp_path / "out.jsonl"
    corpus.run(half, out, Options(), jobs=1)
    events: list = []
    result = corpus.run(full, out, Options(), jobs=1, resume=True,
                        on_start=lambda n: events.append(("start", n)), on_outcome=lambda o: events.append(o))
    assert [(e.id, e.resumed, e.seconds is None) for e in events if e != ("start", 2)] == [
        ("short0", True, True), ("short1", True, True), ("short2", False, False), ("short3", False, False)]
    assert events[2] == ("start", 2) and (result.skipped, result.done) == (2, 2)
    assert all(e.error is None and e.passed is None for e in events[3:])  # scored, ungated
