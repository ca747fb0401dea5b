"""Renderers: golden structure on the seed pair (html, csv, markdown, text), escaping, CLI output modes."""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import os
import re
import subprocess
import sys
from dataclasses import replace
from html.parser import HTMLParser

import pytest

import mtqe
from mtqe.render import View
from mtqe.render import csv as csv_render
from mtqe.render import html as html_render
from mtqe.render import markdown as md_render
from mtqe.render import text as text_render
from mtqe.report import Flag, Report, Segment, Side, Verdict

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"

XSS_REF = (
    "The mayor said <script>alert(1)</script> was found on the city website. "
    "Officials saw <img src=x onerror=alert(2)> in the page. "
    "He called it \"serious\" & 'urgent' on Monday."
)
XSS_CAND = (
    "The mayor says <script>alert(1)</script> was found on the town website. "
    "Officials saw <img src=x onerror=alert(2)> on the page. "
    "He called it \"grave\" & 'urgent' on Monday. "
    "Read more at <a href=\"javascript:alert(3)\">here</a> | now."
)


class Elements(HTMLParser):
    """Every start tag with its attributes, and the text inside <script>/<style>."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.raw: dict[str, list[str]] = {"script": [], "style": []}
        self._in: str | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag in self.raw:
            self._in = tag
            self.raw[tag].append("")

    def handle_endtag(self, tag):
        if tag == self._in:
            self._in = None

    def handle_data(self, data):
        if self._in:
            self.raw[self._in][-1] += data


def parse(html: str) -> Elements:
    p = Elements()
    p.feed(html)
    p.close()
    return p


def badges(html: str) -> list[tuple[str, str, str, str]]:
    """(segment id, category, severity, inner html) for every flag badge."""
    return re.findall(r'<li id="seg-(\d+)-f\d+" class="badge-item cat-([\w-]+) sev-(\w+)">(.*?)</li>', html, re.S)


def seg_body(html: str, index: int) -> str:
    m = re.search(rf'<tbody [^>]*id="seg-{index}".*?</tbody>', html, re.S)
    assert m, f"no tbody for segment {index}"
    return m.group(0)


@pytest.fixture(scope="module")
def seed_html(seed_report) -> str:
    return html_render.render(seed_report)


def _seg_with(report: Report, cand_word: str) -> Segment:
    return next(s for s in report.segments if cand_word in s.cand and s.ref_ids)


# ---------------------------------------------------------------- HTML: seed pair structure


def test_html_one_row_per_segment_in_document_order(seed_report, seed_html):
    assert seed_html.count('<tr class="seg">') == len(seed_report.segments)
    ids = [int(i) for i in re.findall(r'<tbody class="segment[^"]*" id="seg-(\d+)"', seed_html)]
    assert ids == [s.index for s in seed_report.segments]
    assert seed_html.lstrip().startswith("<!DOCTYPE html>")


def test_html_header_scores_relation_and_counts(seed_report, seed_html):
    s = seed_report.scores
    assert f'id="doc-bleu">{s["bleu"]:.1f}<' in seed_html
    assert f'id="doc-chrf">{s["chrf"]:.1f}<' in seed_html
    assert 'id="doc-comet">' in seed_html
    assert f'id="relation">{seed_report.relation}<' in seed_html
    named = replace(seed_report, reference=Side("seeds/original.txt", 22, "en"), candidate=Side("seeds/roundtrip.txt", 22, "en"))
    page = html_render.render(named)
    assert "<title>mtqe: original.txt vs roundtrip.txt</title>" in page and "seeds/roundtrip.txt" in page
    for cat, c in seed_report.flag_counts().items():
        row = re.search(rf'<tr data-cat="{cat}">.*?</tr>', seed_html, re.S)
        assert row, cat
        assert f"<td>{c['total']}</td>" in row.group(0)
        assert f'<option value="{cat}">{cat} ({c["total"]})</option>' in seed_html
    assert 'id="gate"' not in seed_html  # no gate applied


def test_html_gate_result_shown_when_applied(seed_report):
    failed = replace(seed_report, verdict=Verdict(False, ("chrF 74.9 is below 80", "quote altered in segment 2")))
    page = html_render.render(failed)
    assert 'id="gate">FAIL<' in page and "quote altered in segment 2" in page
    passed = replace(seed_report, verdict=Verdict(True))
    assert 'id="gate">PASS<' in html_render.render(passed)


def test_html_name_badges_and_highlights(seed_report, seed_html):
    found = badges(seed_html)
    name_badges = [b for b in found if b[1] == "name"]
    assert any("Kwan" in b[3] and "Guan" in b[3] for b in name_badges)
    assert any("Napannock" in b[3] for b in name_badges)
    # every flag of the report has one badge, carrying its category and severity as text
    assert len(found) == len(seed_report.flags)
    for _, cat, sev, inner in found:
        assert f'<span class="cat">{cat}</span>' in inner and f'<span class="sev">{sev}</span>' in inner
    # the garbled names are marked in the copy text, with a flag marker
    kwan = _seg_with(seed_report, "Kwan")
    body = seg_body(seed_html, kwan.index)
    assert re.search(r'<td class="text cand">.*<mark class="flag sev-\w+ cat-name"[^>]*>(<ins>)?Kwan', body, re.S)
    assert re.search(r'<td class="text ref">.*<mark class="flag sev-\w+ cat-name"[^>]*>(<del>)?Guan', body, re.S)
    nap = _seg_with(seed_report, "Napannock")
    assert re.search(r'<mark class="flag [^"]*cat-name[^"]*"[^>]*>(<ins>)?Napannock', seg_body(seed_html, nap.index))


def test_html_tense_quote_merge_marked(seed_report, seed_html):
    for cat, word in (("merge", "EcuadorChinese"), ("quote", "well-founded concerns"), ("tense", "will drop")):
        seg = _seg_with(seed_report, word)
        body = seg_body(seed_html, seg.index)
        assert re.search(rf'<mark class="flag [^"]*cat-{cat}[^"]*"', body), (cat, word)
        assert any(b[1] == cat for b in badges(body)), cat
        assert word in re.sub(r"<[^>]+>", "", body)


def test_html_one_sided_rows(seed_report, seed_html):
    added = next(s for s in seed_report.segments if not s.ref_ids)
    body = seg_body(seed_html, added.index)
    assert "kind-addition" in body and "not in the reference" in body
    assert "Add thelocalreport.in As A Trusted Source" in body
    assert any(b[1] == "addition" for b in badges(body))
    omitted = next(s for s in seed_report.segments if not s.cand_ids)
    body = seg_body(seed_html, omitted.index)
    assert "kind-omission" in body and "missing from the copy" in body
    assert any(b[1] == "omission" for b in badges(body))


def test_html_word_diff_styles(seed_report, seed_html):
    assert "<del>" in seed_html and "<ins>" in seed_html
    deleted, inserted = html_render.word_diff("He went to the old market today.", "He went to the new market today.")
    assert [("He went to the old market today."[a:b]) for a, b in deleted] == ["old"]
    assert [("He went to the new market today."[a:b]) for a, b in inserted] == ["new"]
    # curly vs straight quotes are not a word difference
    assert html_render.word_diff("He didn't go.", "He didn\u2019t go.") == ([], [])


def test_html_scores_risk_and_chart(seed_report, seed_html):
    for s in seed_report.segments:
        body = seg_body(seed_html, s.index)
        assert f'data-risk="{s.risk}"' in body
        assert f"{s.risk:.2f}" in body
        if s.scores.get("chrf") is not None:
            assert f"{s.scores['chrf']:.1f}" in body
    svg = re.search(r'<svg class="chart-svg".*?</svg>', seed_html, re.S).group(0)
    assert svg.count('class="hit"') == len(seed_report.segments)
    assert '<polyline class="line chrf"' in svg
    assert "<title>" in svg


def test_html_controls_and_print(seed_html):
    assert 'id="controls" hidden' in seed_html  # only the script reveals the controls
    assert 'id="sort"' in seed_html and 'value="risk"' in seed_html and 'id="filter"' in seed_html
    css = parse(seed_html).raw["style"][0]
    print_css = css[css.index("@media print"):]
    assert ".controls" in print_css and "break-inside: avoid" in print_css


def test_html_self_contained_and_csp_hashes_match(seed_html):
    p = parse(seed_html)
    tags = [t for t, _ in p.tags]
    assert tags.count("script") == 1 and tags.count("style") == 1
    assert "link" not in tags and "iframe" not in tags and "img" not in tags
    for tag, attrs in p.tags:
        assert "src" not in attrs, tag
        href = attrs.get("href")
        assert href is None or href.startswith("#"), href
    assert "url(" not in seed_html and "@import" not in seed_html and "@font-face" not in seed_html
    assert not re.search(r"https?://", seed_html)
    csp = next(a["content"] for t, a in p.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in csp
    for kind, body in (("script", p.raw["script"][0]), ("style", p.raw["style"][0])):
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"{kind}-src 'sha256-{digest}'" in csp, kind


# ---------------------------------------------------------------- HTML: escaping


@pytest.fixture(scope="module")
def xss_report():
    return mtqe.compare(XSS_REF, XSS_CAND)


def test_html_escapes_article_text(xss_report):
    page = html_render.render(xss_report)
    assert "<script>alert" not in page and "<img src=x" not in page and "<a href=\"javascript" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(2)&gt;" in page
    assert "&amp;" in page and ("&#34;" in page or "&quot;" in page) and ("&#39;" in page or "&#x27;" in page)
    p = parse(page)
    assert [t for t, _ in p.tags].count("script") == 1
    assert not {"img", "a", "iframe"} & {t for t, a in p.tags if t != "a" or not a.get("href", "").startswith("#")}
    for tag, attrs in p.tags:
        assert not any(k.startswith("on") for k in attrs), (tag, attrs)
    # the visible text still reads as the article wrote it
    text = re.sub(r"<[^>]+>", "", page)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text


def test_html_escapes_paths_and_flag_texts():
    seg = Segment(0, (0,), (0,), 'Said "<b>Guan</b>" & co', 'Said "<b>Kwan</b>" & co', {"chrf": 50.0, "bleu": 20.0, "comet": None},
                  0.6, (Flag("N101", "name", "major", 'name "<b>Guan</b>" became "<i>Kwan</i>"', (9, 13), (9, 13), "Guan", "Kwan"),))
    report = Report("0", Side('<script>alert("p")</script>.txt', 1, "en"), Side("x'onmouseover='alert(1).txt", 1, "en"),
                    {"bleu": 20.0, "chrf": 50.0, "comet": None}, {}, 1.0, "<i>rel</i>", (seg,))
    page = html_render.render(report)
    p = parse(page)
    for raw in ("<b>Guan</b>", "<b>Kwan</b>", "<i>Kwan</i>", "<i>rel</i>", "<script>alert"):
        assert raw not in page
    assert "&lt;i&gt;rel&lt;/i&gt;" in page and "&lt;i&gt;Kwan&lt;/i&gt;" in page
    assert [t for t, _ in p.tags].count("script") == 1
    for tag, attrs in p.tags:
        assert not any(k.startswith("on") for k in attrs)
    assert "&lt;script&gt;alert(&#34;p&#34;)&lt;/script&gt;.txt" in page


def test_highlight_overlaps_and_escapes():
    text = "a <b> & c"
    flags = [html_render._Mark(0, 5, 1, Flag("X1", "quote", "critical", "m<1>")),
             html_render._Mark(2, 5, 2, Flag("X2", "name", "minor", "m2"))]
    out = str(html_render.highlight(text, [(2, 5)], flags, "ins"))
    assert "<b>" not in out and "&lt;b&gt;" in out
    assert out.count('<sup class="fn') == 2
    assert 'class="flag sev-critical cat-name cat-quote"' in out  # the overlap takes the stronger severity
    assert re.sub(r"<[^>]+>", "", out).startswith("a &lt;b&gt;")
    # spans outside the text are clipped, empty ones ignored
    out = str(html_render.highlight("abc", [(5, 9)], [html_render._Mark(2, 2, 1, Flag("X", "case", "minor", ""))], "del"))
    assert re.sub(r"<[^>]+>", "", out) == "abc"


def _synthetic_report(n: int) -> Report:
    segs = []
    for i in range(n):
        ref = f"Sentence {i} says Guan went to the market on Tuesday with {i % 7} friends."
        cand = f"Sentence {i} says Kwan went to a market on Tuesday with {i % 7} friends."
        flags = (Flag("N101", "name", "major", 'proper noun "Guan" became "Kwan"', (18, 22), (18, 22), "Guan", "Kwan"),) if i % 3 == 0 else ()
        segs.append(Segment(i, (i,), (i,), ref, cand, {"bleu": 40.0 + i % 50, "chrf": 50.0 + i % 40, "comet": 0.5 + (i % 5) / 10},
                            round((i * 37 % 100) / 100, 2), flags))
    return Report("0", Side("a.txt", n, "en"), Side("b.txt", n, "en"), {"bleu": 50.0, "chrf": 70.0, "comet": 0.7},
                  {}, 1.0, "round-trip-suspect", tuple(segs), comet_model="test")


def test_html_large_document_stays_light():
    report = _synthetic_report(300)
    page = html_render.render(report)
    assert page.count('<tr class="seg">') == 300
    assert len(page) < 3_000_000
    assert 'value="comet"' in page and '<polyline class="line comet"' in page


# ---------------------------------------------------------------- CSV


def test_csv_seed(seed_report):
    out = csv_render.render(seed_report)
    rows = list(csv.reader(io.StringIO(out)))
    assert tuple(rows[0]) == csv_render.HEADER == ("index", "ref_ids", "cand_ids", "ref", "cand", "bleu", "chrf",
                                                   "comet", "risk", "flags")
    assert len(rows) == len(seed_report.segments) + 1
    by_index = {int(r[0]): dict(zip(rows[0], r)) for r in rows[1:]}
    for seg in seed_report.segments:
        row = by_index[seg.index]
        assert row["ref"] == seg.ref and row["cand"] == seg.cand
        assert row["ref_ids"] == " ".join(map(str, seg.ref_ids))
        assert float(row["risk"]) == pytest.approx(seg.risk)
        assert (row["chrf"] == "") == (seg.scores.get("chrf") is None)
        assert len([x for x in row["flags"].split("; ") if x]) == len(seg.flags)
    kwan = by_index[_seg_with(seed_report, "Kwan").index]
    assert re.search(r'N101:name:(minor|major|critical):"Guan"->"Kwan"', kwan["flags"])
    added = next(r for r in by_index.values() if r["ref_ids"] == "")
    assert added["flags"].startswith("A10") and ":addition:" in added["flags"]


def test_csv_quoting_and_formula_guard():
    seg = Segment(0, (0, 1), (0,), 'He said "no, never"\nthen left', "=HYPERLINK(\"http://x\",\"y\")", {"bleu": None, "chrf": 12.5, "comet": None},
                  0.5, (Flag("Q101", "quote", "critical", "m", (8, 19), None, '"no, never"', None),))
    report = Report("0", Side(None, 2, "en"), Side(None, 1, "en"), {}, {}, 1.0, None, (seg,))
    rows = list(csv.DictReader(io.StringIO(csv_render.render(report))))
    assert rows[0]["ref"] == 'He said "no, never"\nthen left'
    assert rows[0]["cand"].startswith("'=HYPERLINK")
    assert rows[0]["ref_ids"] == "0 1" and rows[0]["bleu"] == "" and rows[0]["chrf"] == "12.5"
    assert rows[0]["flags"] == 'Q101:quote:critical:"\\"no, never\\""->""'


# ---------------------------------------------------------------- Markdown


def test_markdown_seed(seed_report):
    out = md_render.render(seed_report)
    s = seed_report.scores
    assert "| Score | Document |" in out
    assert f"| BLEU | {s['bleu']:.1f} |" in out and f"| chrF | {s['chrf']:.1f} |" in out
    assert f"**Relation:** {seed_report.relation}" in out
    assert "Top 5 riskiest segments" in out
    for cat in seed_report.flag_counts():
        assert re.search(rf"^\| {re.escape(md_render.escape(cat))} \| ", out, re.M)
    top = seed_report.ranked()[0]
    assert f"#### Segment {top.index} " in out
    for f in top.flags:
        assert f"`{f.code}`" in out
    # tables keep their shape: every row of a table has the same number of unescaped pipes
    for block in re.findall(r"(?:^\|.*\n)+", out, re.M):
        widths = {len(re.findall(r"(?<!\\)\|", line)) for line in block.splitlines()}
        assert len(widths) == 1, block
    more = md_render.render(seed_report, View(top=len(seed_report.segments)))
    assert "**Kwan**" in more


def test_markdown_escapes_article_text(xss_report):
    out = md_render.render(xss_report, View(top=10))
    assert not re.search(r"(?<!\\)<", out.replace("<sub>", "").replace("</sub>", ""))  # every < escaped
    assert "\\<img src=x onerror=alert(2)\\>" in out  # ... and the text is kept whole
    assert "\\<script\\>" in out
    assert "\\|" in out  # the pipe in the copy cannot split a table cell or line
    assert md_render.escape("a|b *c* [d](e) `f` _g_ ~h~ $i$ &amp; ![j]") == \
        "a\\|b \\*c\\* \\[d\\](e) \\`f\\` \\_g\\_ \\~h\\~ \\$i\\$ \\&amp; \\!\\[j\\]"
    assert md_render.escape("two\nlines") == "two lines"
    # no @mention or #issue link survives (a word joiner follows the mark); e-mail and C# stay as written
    assert md_render.escape("ping @octocat about #12, a@b.c, C#") == "ping @\u2060octocat about #\u206012, a@b.c, C#"


# ---------------------------------------------------------------- terminal text and the CLI


def test_text_render_plain(seed_report):
    out = text_render.render(seed_report, View(top=3, width=100))
    assert "\x1b[" not in out
    assert "Top 3 riskiest segments" in out and "All segments (document order)" in out
    assert max(len(line) for line in out.splitlines()) <= 100
    full = text_render.render(seed_report, View(top=len(seed_report.segments), width=100))
    assert "[[Kwan]]" in full and "[[Guan]]" in full and "[[Napannock]]" in full
    assert text_render.verdict_line(seed_report).startswith("relation: ")


def _cli(*args: str, env: dict | None = None, **kw) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "COLUMNS", "TTY_COMPATIBLE")}
    base.update(env or {})
    return subprocess.run([sys.executable, "-m", "mtqe", *args], capture_output=True, text=True, env=base,
                          cwd=ROOT, timeout=300, **kw)


SEED_ARGS = (str(SEEDS / "original.txt"), str(SEEDS / "roundtrip.txt"))


def test_cli_text_piped_has_no_escape_codes():
    r = _cli("score", *SEED_ARGS, env={"COLUMNS": "90"})
    assert r.returncode in (0, 1), r.stderr
    assert "\x1b[" not in r.stdout
    assert "riskiest segments" in r.stdout and "[[" in r.stdout
    assert max(len(line) for line in r.stdout.splitlines()) <= 90


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pty")
@pytest.mark.parametrize("no_color", [False, True])
def test_cli_text_tty_colours_and_no_color(no_color):
    import pty

    master, slave = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    env.update({"TERM": "xterm-256color", "COLUMNS": "100"})
    if no_color:
        env["NO_COLOR"] = "1"
    proc = subprocess.Popen([sys.executable, "-m", "mtqe", "score", *SEED_ARGS], stdout=slave, stderr=subprocess.PIPE,
                            cwd=ROOT, env=env)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=300)
    os.close(master)
    out = b"".join(chunks).decode("utf-8", "replace")
    params = [p for seq in re.findall(r"\x1b\[([\d;]*)m", out) for p in seq.split(";") if p]
    colour = [p for p in params if p.isdigit() and (30 <= int(p) <= 49 or 90 <= int(p) <= 107)]
    if no_color:
        assert not colour
        assert "[[" in out  # flagged spans stay visible without colour
    else:
        assert colour


def test_cli_quiet_prints_only_the_verdict_line(tmp_path, seed_report):
    r = _cli("score", *SEED_ARGS, "--quiet")
    assert r.returncode in (0, 1), r.stderr
    lines = r.stdout.splitlines()
    assert len(lines) == 1 and "chrF" in lines[0] and "relation:" in lines[0]
    out = tmp_path / "r.html"
    r = _cli("score", *SEED_ARGS, "--quiet", "--format", "html", "--output", str(out))
    assert r.stdout == ""  # -q prints less, never more: the report went to the file
    assert out.read_text(encoding="utf-8").count('<tr class="seg">') == len(seed_report.segments)


@pytest.mark.parametrize("fmt,marker", [("html", "<!DOCTYPE html>"), ("csv", "index,ref_ids,cand_ids"),
                                        ("markdown", "| Score | Document |"), ("text", "riskiest segments")])
def test_cli_formats_to_file(tmp_path, fmt, marker):
    out = tmp_path / f"report.{fmt}"
    r = _cli("score", *SEED_ARGS, "--format", fmt, "--output", str(out))
    assert r.returncode in (0, 1), r.stderr
    assert r.stdout == ""
    body = out.read_text(encoding="utf-8")
    assert marker in body and "\x1b[" not in body
