"""The renderer registry, severity-first summaries, --sort, every requested metric in every format, the
corpus summary's formats: all on the seed pair (seeds/original.txt vs seeds/roundtrip.txt)."""

from __future__ import annotations

import csv
import html
import io
import json
import os
import re
import subprocess
import sys
import textwrap
from dataclasses import replace
from pathlib import Path

import pytest

import mtqe
from mtqe import render
from mtqe.errors import ConfigError
from mtqe.render import View
from mtqe.render import csv as csv_render
from mtqe.render import html as html_render
from mtqe.render import markdown as md_render
from mtqe.render import text as text_render
from mtqe.summary import Summary, digest

ROOT = Path(__file__).resolve().parents[1]
SEED_ARGS = (str(ROOT / "seeds" / "original.txt"), str(ROOT / "seeds" / "roundtrip.txt"))
# The seed's lede: a critical misquote, outranked on risk alone by segments with minor and major flags.
LEDE_QUOTE = ("well founded fear", "well-founded concerns")
ALL_METRICS = "bleu,chrf,chrf++,ter"


def _cli(*args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "COLUMNS")}
    env["COLUMNS"] = "100"
    return subprocess.run([sys.executable, "-m", "mtqe", *args], capture_output=True, text=True, cwd=ROOT,
                          env=env, timeout=300)


def _panels(text: str) -> list[int]:
    """Segment numbers of the text view's panels, in the order shown."""
    return [int(i) for i in re.findall(r"─ segment (\d+) \(", text)]


def _lede(report) -> int:
    return next(s.index for s in report.segments if LEDE_QUOTE[0] in s.ref)


@pytest.fixture(scope="module")
def all_metrics_report(seed_texts):
    return mtqe.compare(*seed_texts, metrics=ALL_METRICS)


# ---------------------------------------------------------------- registry


def test_formats_are_found_by_module_name_without_importing_them():
    code = ("import sys, mtqe.render as r; print(','.join(r.names())); "
            "print(any(m in sys.modules for m in ('jinja2', 'rich', 'mtqe.render.html', 'mtqe.render.text')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True).stdout
    assert out.split() == ["text,csv,html,json,markdown", "False"]
    for name in render.names():
        assert render.get(name).name == name


def test_unknown_format_is_a_config_error_listing_the_formats():
    with pytest.raises(ConfigError, match=r"unknown format 'pdf' \(expected one of: text, csv, html, json, markdown\)"):
        render.get("pdf")


def test_adding_a_format_is_one_file(tmp_path, seed_report):
    """A module dropped beside the others is a format: in the registry and among the CLI's --format choices."""
    extra = tmp_path / "plugins"
    extra.mkdir()
    (extra / "tsv.py").write_text(textwrap.dedent('''
        from mtqe.render import Renderer

        class Tsv(Renderer):
            name = "tsv"
            suffixes = (".tsv",)

            def report(self, report, view):
                return "".join(f"{s.index}\\t{s.risk}\\n" for s in report.ranked(view.sort)[: view.top])

        RENDERER = Tsv()
    '''), encoding="utf-8")
    code = textwrap.dedent(f'''
        import sys
        import mtqe.render
        mtqe.render.__path__.append({str(extra)!r})
        from mtqe.cli import app
        sys.argv = ["mtqe", "score", {SEED_ARGS[0]!r}, {SEED_ARGS[1]!r}, "-f", "tsv", "--top", "2"]
        app()
    ''')
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert r.returncode == 0, r.stderr
    first_two = seed_report.ranked()[:2]
    assert r.stdout == "".join(f"{s.index}\t{s.risk}\n" for s in first_two)
    assert {f.severity for s in first_two for f in s.flags} >= {"critical"}


@pytest.mark.parametrize("option,value", [("--format", "pdf"), ("--sort", "alphabetical")])
def test_cli_rejects_an_unknown_format_and_sort(option, value):
    r = _cli("score", *SEED_ARGS, option, value)
    assert r.returncode == 2 and value in r.stderr and option in r.stderr and r.stdout == ""


# ---------------------------------------------------------------- severity first


def test_ranked_severity_first_then_risk(seed_report):
    by_severity = seed_report.ranked()
    ranks = [s.severity_rank for s in by_severity]
    assert ranks == sorted(ranks, reverse=True)
    criticals = [s.index for s in by_severity if s.severity_rank == 3]
    assert len(criticals) >= 2 and _lede(seed_report) in criticals
    assert [s.index for s in by_severity[: len(criticals)]] == criticals
    for a, b in zip(by_severity, by_severity[1:]):  # within one severity, riskiest first
        if a.severity_rank == b.severity_rank:
            assert a.risk >= b.risk
    by_risk = seed_report.ranked("risk")
    assert [s.risk for s in by_risk] == sorted((s.risk for s in seed_report.segments), reverse=True)
    # on risk alone a segment without a critical flag outranks one with (what hid the lede's misquote)
    last_critical = max(k for k, s in enumerate(by_risk) if s.severity_rank == 3)
    assert any(s.severity_rank < 3 for s in by_risk[:last_critical])
    assert [s.index for s in seed_report.ranked("document")] == [s.index for s in seed_report.segments]
    with pytest.raises(ConfigError, match="unknown sort 'alpha'"):
        seed_report.ranked("alpha")


def test_default_text_top5_and_markdown_show_the_lede_misquote(seed_report):
    lede = next(s for s in seed_report.segments if s.index == _lede(seed_report))
    r = _cli("score", *SEED_ARGS)
    assert r.returncode == 0, r.stderr
    shown = r.stdout.split("All segments (document order)")[0]
    assert "Top 5 riskiest segments (worst flag first, then risk)" in shown
    assert len(_panels(shown)) == 5
    flat = " ".join(re.sub(r"[│╭╮╰╯─]", " ", shown).split())  # the panels' text, unwrapped
    assert f"“[[{LEDE_QUOTE[0]}]]”" in flat and f"“[[{LEDE_QUOTE[1]}]]”" in flat
    assert f"quotation \"{LEDE_QUOTE[0]}\" is not verbatim in the copy: \"{LEDE_QUOTE[1]}\"" in flat
    md = _cli("score", *SEED_ARGS, "-f", "markdown")
    assert md.returncode == 0, md.stderr
    assert re.search(rf"^#### Segment {lede.index} \(1-1\): risk {lede.risk:.2f}", md.stdout, re.M)
    assert re.search(rf"^\| {lede.index} \| 1-1 \| {lede.risk:.2f} \|.*quote/critical.* \|$", md.stdout, re.M)
    assert f"**{LEDE_QUOTE[1]}**" in md.stdout and "`Q101`" in md.stdout


@pytest.mark.parametrize("top", [0, 1])
def test_every_critical_finding_is_shown_whatever_the_top(seed_report, top):
    criticals = {s.index for s in seed_report.segments if s.severity_rank == 3}
    view = View(top=top)
    out = text_render.render(seed_report, view)
    assert criticals <= set(_panels(out))
    assert len(_panels(out)) == max(top, len(criticals))
    md = md_render.render(seed_report, view)
    for i in criticals:
        assert f"#### Segment {i} " in md
    if top == 0:
        assert f"Top 0 riskiest segments and {len(criticals)} more with a critical flag" in out


def test_every_critical_finding_however_many(seed_report):
    """Raise every flag of the seed to critical: each flagged segment appears in every summary, beyond --top."""
    segments = tuple(replace(s, flags=tuple(replace(f, severity="critical") for f in s.flags)) for s in seed_report.segments)
    report = replace(seed_report, segments=segments)
    flagged = [s.index for s in report.segments if s.flags]
    assert len(flagged) > 10
    view = View(top=3)
    assert sorted(_panels(text_render.render(report, view))) == flagged
    md = md_render.render(report, view)
    assert sorted(int(i) for i in re.findall(r"^#### Segment (\d+) ", md, re.M)) == flagged
    page = html_render.render(report, view)
    header = page[: page.index("</header>")]
    assert sorted(int(i) for i in re.findall(r'<li class="finding[^"]*" data-index="(\d+)"', header)) == flagged


@pytest.mark.parametrize("sort", ["severity", "risk", "document"])
def test_sort_orders_every_summary(seed_report, sort):
    view = View(top=5, sort=sort)
    expected = [s.index for s in seed_report.highlights(5, sort)]
    r = _cli("score", *SEED_ARGS, "--sort", sort)
    assert r.returncode == 0, r.stderr
    assert _panels(r.stdout) == expected
    md = md_render.render(seed_report, view)
    assert [int(i) for i in re.findall(r"^#### Segment (\d+) ", md, re.M)] == expected
    page = html_render.render(seed_report, view)
    assert [int(i) for i in re.findall(r'<li class="finding[^"]*" data-index="(\d+)"', page)] == expected
    if sort == "risk":  # the top 5 by risk, then the critical ones below them, riskiest first
        by_risk = seed_report.ranked("risk")
        below = [s.index for s in by_risk[5:] if s.severity_rank == 3]
        assert expected == [s.index for s in by_risk[:5]] + below
        more = f" and {len(below)} more with a critical flag" if below else ""
        assert f"Top 5 riskiest segments{more} (highest risk first)" in r.stdout
    if sort == "document":
        assert expected == sorted(expected) and set(expected) == {s.index for s in seed_report.highlights(5)}


def test_html_header_lists_the_findings_with_links(seed_report):
    page = html_render.render(seed_report)
    header = page[: page.index("</header>")]
    assert "Top 5 riskiest segments (worst flag first, then risk)" in header
    lede = _lede(seed_report)
    item = re.search(rf'<li class="finding sev-critical" data-index="{lede}">.*?</li>\s*</ul>', header, re.S).group(0)
    assert f'href="#seg-{lede}"' in item and f'href="#seg-{lede}-f1"' in item and "<code class=\"code\">Q101</code>" in item
    assert f"{LEDE_QUOTE[0]}" in item and "well-founded concerns" in item
    assert f'id="seg-{lede}-f1"' in page  # the link's target exists
    assert f'data-severity="3"' in page and 'value="severity"' in page  # the script can sort by worst flag


# ---------------------------------------------------------------- every requested metric


def test_requested_metrics(seed_report, all_metrics_report):
    assert seed_report.metrics == ("bleu", "chrf")
    assert all_metrics_report.metrics == ("bleu", "chrf", "chrf++", "ter")
    assert all(all_metrics_report.scores[m] is not None for m in all_metrics_report.metrics)


def test_every_metric_in_text(all_metrics_report):
    s = all_metrics_report.scores
    line = text_render.verdict_line(all_metrics_report)
    assert f"| BLEU {s['bleu']:.1f} | chrF {s['chrf']:.1f} | chrF++ {s['chrf++']:.1f} | TER {s['ter']:.1f} |" in line
    out = text_render.render(all_metrics_report, View(width=140))
    assert re.search(r"┃\s+BLEU ┃\s+chrF ┃\s+chrF\+\+ ┃\s+TER ┃", out)
    seg = next(x for x in all_metrics_report.segments if x.index == _lede(all_metrics_report))
    assert f"TER {seg.scores['ter']:.1f}" in out and f"chrF++ {seg.scores['chrf++']:.1f}" in out


def test_every_metric_in_csv(all_metrics_report):
    rows = list(csv.DictReader(io.StringIO(csv_render.render(all_metrics_report))))
    assert list(rows[0]) == ["index", "ref_ids", "cand_ids", "ref", "cand", "bleu", "chrf", "comet", "chrf++", "ter",
                             "risk", "flags"]
    for row, seg in zip(rows, all_metrics_report.segments):
        for m in ("chrf++", "ter"):
            assert row[m] == ("" if seg.scores.get(m) is None else repr(round(seg.scores[m], 4)))
    assert any(row["ter"] for row in rows) and any(row["ter"] == "" for row in rows)  # one-sided segments: no score


def test_every_metric_in_markdown_and_html(all_metrics_report):
    s = all_metrics_report.scores
    md = md_render.render(all_metrics_report)
    for name, m in (("BLEU", "bleu"), ("chrF", "chrf"), ("chrF++", "chrf++"), ("TER", "ter")):
        assert f"| {md_render.escape(name)} | {s[m]:.1f} |" in md
    assert "| COMET |" not in md  # not requested
    assert "| # | Kind | Risk | BLEU | chrF | chrF++ | TER | Flags |" in md
    page = html_render.render(all_metrics_report)
    for m in ("bleu", "chrf", "chrf++", "ter"):
        assert f'id="doc-{m}">{s[m]:.1f}<' in page
    lede = next(x for x in all_metrics_report.segments if x.index == _lede(all_metrics_report))
    body = re.search(rf'<tbody [^>]*id="seg-{lede.index}".*?</tbody>', page, re.S).group(0)
    assert f'<span class="label">TER</span> {lede.scores["ter"]:.1f}<' in body
    assert f'<span class="label">chrF++</span> {lede.scores["chrf++"]:.1f}<' in body


def test_every_metric_in_the_corpus_summary(all_metrics_report, seed_report):
    summary = Summary()
    summary.add("seed", digest(all_metrics_report))
    summary.add("seed-default", digest(seed_report))
    d = summary.to_dict()
    assert list(d["scores"]) == ["bleu", "chrf", "chrf++", "ter", "comet"]
    assert d["scores"]["ter"]["n"] == 1 and d["scores"]["bleu"]["n"] == 2 and d["scores"]["comet"] is None
    assert d["scores"]["ter"]["mean"] == round(all_metrics_report.scores["ter"], 4)
    text = summary.render("text")
    assert re.search(r"^chrF\+\+ +mean +\d", text, re.M) and re.search(r"^TER +mean +\d", text, re.M)
    md = summary.render("markdown")
    assert re.search(r"^\| chrF\+\+ \| 1 \|", md, re.M) and re.search(r"^\| TER \| 1 \|", md, re.M)
    page = summary.render("html")
    assert page.count("<svg") == 4 and "<figcaption>TER</figcaption>" in page


def test_quiet_verdict_line_shows_only_what_was_requested(seed_report):
    r = _cli("score", *SEED_ARGS, "--metrics", "ter", "-q")
    assert r.returncode == 0, r.stderr
    line = r.stdout.strip()
    assert re.match(r"relation: round-trip-suspect \| TER \d+\.\d \| coverage 95% \| flags 2 critical, ", line), line
    assert "BLEU" not in line and "chrF" not in line and " - " not in line


# ---------------------------------------------------------------- corpus summary


def _worst_not_first(report):
    """The seed with its risk raised to 1 on a segment whose first flag is not its most severe."""
    seg = next(s for s in report.segments if s.flags and s.flags[0].severity != s.worst_flag.severity)
    return replace(report, segments=tuple(replace(s, risk=1.0) if s is seg else s for s in report.segments)), seg


def test_worst_flag_is_the_most_severe_of_the_riskiest_segment(seed_report):
    riskiest = seed_report.ranked("risk")[0]
    d = digest(seed_report)
    assert d["max_risk"] == riskiest.risk and d["worst_flag"] == riskiest.worst_flag.code
    assert digest(seed_report.to_dict()) == d
    report, seg = _worst_not_first(seed_report)
    d = digest(report)
    assert d["max_risk"] == 1.0 and d["worst_flag"] == seg.worst_flag.code != seg.flags[0].code
    assert seg.worst_flag.severity == max((f.severity for f in seg.flags), key=["minor", "major", "critical"].index)


@pytest.mark.parametrize("name,fmt,marker", [
    ("s.json", "json", '"items": 1'), ("s.html", "html", "<!DOCTYPE html>"), ("s.htm", "html", "<!DOCTYPE html>"),
    ("s.md", "markdown", "### mtqe corpus summary"), ("s.txt", "text", "items: 1  reports: 1"),
])
def test_summary_written_in_the_format_its_extension_names(tmp_path, seed_report, name, fmt, marker):
    summary = Summary()
    summary.add("<b>seed</b>", digest(seed_report))
    worst = seed_report.ranked("risk")[0].worst_flag.code
    assert render.summary_format(name).name == fmt
    summary.write(tmp_path / name)
    body = (tmp_path / name).read_text(encoding="utf-8")
    assert marker in body and worst in body
    if fmt == "json":
        assert json.loads(body)["worst_risk"][0]["worst_flag"] == worst
    if fmt == "html":
        assert "<b>seed</b>" not in body and "&lt;b&gt;seed&lt;/b&gt;" in body
        assert "default-src 'none'" in html.unescape(body) and "<script" not in body


@pytest.mark.parametrize("name", ["s.pdf", "s.csv", "summary"])
def test_summary_unknown_extension_is_a_config_error(tmp_path, name, seed_report):
    ext = Path(name).suffix or "(no extension)"
    with pytest.raises(ConfigError, match=re.escape(f"summary: {name}: unknown format {ext}; use .txt, .html, .htm, .json or .md")):
        render.summary_format(name)
    summary = Summary()
    summary.add("seed", digest(seed_report))
    with pytest.raises(ConfigError):
        summary.write(tmp_path / name)
    assert not (tmp_path / name).exists()


# ---------------------------------------------------------------- HTML diff folds like the detectors


@pytest.mark.parametrize("ref,cand", [
    ("He didn't go.", "He didn\u2019t go."),              # curly apostrophe
    ("a well-founded fear", "a well\u2011founded fear"),    # non-breaking hyphen
    ('He said "no".', "He said \u00abno\u00bb."),            # guillemets
    ("in 2020 - 2021", "in 2020 \u2012 2021"),              # figure dash
    ("10 km away", "10\u202fkm away"),                      # narrow no-break space
])
def test_html_diff_ignores_what_the_detectors_fold(ref, cand):
    from mtqe.text import fold

    assert fold(ref) == fold(cand)
    assert html_render.word_diff(ref, cand) == ([], [])


def test_corpus_summary_in_markdown_with_every_metric(tmp_path, seed_report):
    """mtqe corpus --summary s.md --metrics ...: the Markdown summary, each requested metric, worst flags."""
    manifest = tmp_path / "m.jsonl"
    manifest.write_text(json.dumps({"id": "seed", "reference": SEED_ARGS[0], "candidate": SEED_ARGS[1]}) + "\n",
                        encoding="utf-8")
    summary = tmp_path / "s.md"
    r = _cli("corpus", str(manifest), "-o", str(tmp_path / "out.jsonl"), "-j", "1", "--metrics", ALL_METRICS,
             "--summary", str(summary))
    assert r.returncode == 0, r.stderr
    md = summary.read_text(encoding="utf-8")
    for name in ("BLEU", "chrF", "chrF++", "TER"):
        assert re.search(rf"^\| {re.escape(name)} \| 1 \| \d+\.\d\d \|", md, re.M), name
    d = digest(seed_report)
    assert f"| seed | {d['max_risk']:.2f} | {d['worst_flag']} | {d['scores']['chrf']:.1f} |" in md.splitlines()


# ---------------------------------------------------------------- the verdict's evidence


def test_evidence_and_confidence_in_every_human_view(seed_report):
    from mtqe.render._shared import evidence_line

    assert seed_report.evidence and seed_report.confidence is not None
    conf = f"{seed_report.confidence:.2f}"
    line = evidence_line(seed_report)
    assert ", ".join(seed_report.evidence) in line and f"(confidence {conf})" in line
    assert line in " ".join(text_render.render(seed_report, View(width=200)).split())
    assert f"\n*{md_render.escape(line)}*\n" in md_render.render(seed_report)
    page = html_render.render(seed_report)
    assert f'<span id="confidence">(confidence {conf})</span>' in page
    listed = re.search(r'<ul class="evidence" id="evidence">(.*?)</ul>', page, re.S).group(1)
    assert re.findall(r"<code>(.*?)</code>", listed) == [html.escape(e) for e in seed_report.evidence]
    bare = replace(seed_report, evidence=(), confidence=None)  # a report without them shows neither
    assert "evidence" not in text_render.render(bare).split("Top ")[0]
    assert "evidence" not in md_render.render(bare) and 'id="evidence"' not in html_render.render(bare)


def test_check_takes_sort_too(seed_report):
    r = _cli("check", *SEED_ARGS, "--sort", "document", "-f", "markdown", "--exit-zero")
    assert r.returncode == 0, r.stderr
    shown = [int(i) for i in re.findall(r"^#### Segment (\d+) ", r.stdout, re.M)]
    assert shown == sorted(shown) == [s.index for s in seed_report.highlights(5, "document")]
    assert "· **Gate:** FAIL" in r.stdout and "(in document order)" in r.stdout


def test_summaries_list_each_segments_flags_worst_first(seed_report):
    lede = next(s for s in seed_report.segments if s.index == _lede(seed_report))
    assert lede.flags[0].severity != "critical"  # the detectors' order puts the misquote after minor flags
    ranks = {"minor": 1, "major": 2, "critical": 3}
    expected = [f.code for f in sorted(lede.flags, key=lambda f: -ranks[f.severity])]
    out = text_render.render(seed_report, View(width=200))
    panel = out[out.index(f"─ segment {lede.index} ("):]
    panel = panel[: panel.index("╰")]
    assert re.findall(r"│\s+([A-Z]\d{3}) \w+/\w+  ", panel) == expected
    md = md_render.render(seed_report)
    section = md[md.index(f"#### Segment {lede.index} "):]
    section = section[: section.index("\n\n####") if "\n\n####" in section else len(section)]
    assert re.findall(r"^- \*\*\w+ / \w+\*\* `(\w+)`", section, re.M) == expected
    page = html_render.render(seed_report)
    item = re.search(rf'<li class="finding[^"]*" data-index="{lede.index}">.*?</ul>', page, re.S).group(0)
    assert re.findall(r'<code class="code">(\w+)</code>', item) == expected
