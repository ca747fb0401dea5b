"""HTML input: a page's article is compared, not its markup, navigation or footer."""

from __future__ import annotations

import html
from collections import Counter

import pytest
from typer.testing import CliRunner

import mtqe
from mtqe.cli import app
from mtqe.document import from_text, looks_like_html, read_document
from mtqe.errors import InputError

runner = CliRunner()
ENTITIES = {"\u2019": "&rsquo;", "\u2018": "&lsquo;", "\u201c": "&ldquo;", "\u201d": "&rdquo;", "\u2014": "&mdash;"}


def _escape(text: str) -> str:
    out = html.escape(text, quote=False)
    for char, entity in ENTITIES.items():
        out = out.replace(char, entity)
    return out


def web_page(article: str, site: str = "The Local Report") -> str:
    """The article served as an ordinary page: nav, scripts, <h1> and <p>s, a related-links aside, a footer."""
    lines = [ln.strip() for ln in article.splitlines() if ln.strip()]
    headline, paragraphs = lines[0], lines[1:]
    body = "\n".join(f"      <p>{_escape(p)}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{_escape(headline)} | {site}</title>
<script>window.dataLayer = window.dataLayer || []; function gtag(){{dataLayer.push(arguments);}}</script>
<style>p {{ margin: 0 0 1em; }}</style></head>
<body>
  <nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/politics">Politics</a></li></ul></nav>
  <main><article>
      <h1>{_escape(headline)}</h1>
      <div class="byline">By Staff Reporter &middot; December 3, 2025</div>
{body}
  </article>
  <aside class="related"><h2>Related stories</h2><ul>
      <li><a href="/a">Judge blocks deportation flights to Uganda</a></li>
      <li><a href="/b">Asylum approvals fall to a record low</a></li></ul></aside></main>
  <footer><p>&copy; 2025 {site}. All rights reserved.</p><p><a href="/privacy">Privacy policy</a></p></footer>
  <script>gtag('config', 'G-XXXX');</script>
</body></html>
"""


@pytest.fixture(scope="module")
def seed_page(seed_texts) -> str:
    return web_page(seed_texts[1])


def _lines(text: str) -> list[str]:
    return [ln.strip() for ln in text.splitlines() if ln.strip()]


def test_the_page_reads_as_the_text_copy(seed_page, seed_texts):
    doc = from_text(seed_page)
    assert doc.format == "html"
    assert _lines(doc.text) == _lines(seed_texts[1])  # headline first, every paragraph, entities decoded
    for junk in ("&rsquo;", "rsquo", "<p>", "Related stories", "Privacy policy", "gtag", "World", "Staff Reporter"):
        assert junk not in doc.text


def test_the_page_gets_the_text_copys_findings(seed_page, seed_texts):
    original, copy = seed_texts
    as_text, as_page = mtqe.compare(original, copy), mtqe.compare(original, seed_page)
    assert Counter(f.code for f in as_page.flags) == Counter(f.code for f in as_text.flags)
    assert as_page.relation == as_text.relation
    assert not any(f.cand_text and ("rsquo" in f.cand_text or f.cand_text == "p") for f in as_page.flags)


def test_reading_the_page_as_text_sees_markup(seed_page, seed_texts):
    # what --input-format text does (and what mtqe did before HTML input): entity names become words
    report = mtqe.compare(seed_texts[0], seed_page, input_format="text")
    assert any(f.code == "L102" and "rsquo" in (f.cand_text or "") for f in report.flags)


@pytest.mark.parametrize(
    ("name", "text", "is_html"),
    [
        ("copy.html", "Plain words in a file named .html", True),
        ("copy.HTM", "Plain words", True),
        ("copy.txt", "<!DOCTYPE html><html><body><p>x</p></body></html>", True),
        (None, "\n  <p>Guan Heng, 38, applied for asylum.</p>\n<p>He said so.</p>", True),
        (None, "<!-- saved page -->\n<html><body><article><p>x</p></article></body></html>", True),
        ("copy.txt", "Guan Heng, 38, applied for asylum. He said 3 < 5 and <b> is a tag.", False),
        (None, "<Reuters> An immigration judge granted asylum on Wednesday.", False),
    ],
)
def test_html_is_detected_by_extension_or_content(name, text, is_html):
    assert looks_like_html(text, name) is is_html


def test_double_escaped_entities_are_decoded():
    page = ("<html><body><article><h1>Judge grants asylum</h1>"
            "<p>Guan&amp;rsquo;s lawyer said the judge didn&amp;rsquo;t hesitate, and that it was &amp;ldquo;a textbook"
            " example&amp;rdquo; of why asylum should exist for people who exposed abuses.</p></article></body></html>")
    text = from_text(page).text
    assert "Guan\u2019s lawyer said the judge didn\u2019t hesitate" in text and "&" not in text


def test_title_is_the_headline_when_the_page_has_no_h1():
    page = ("<html><head><title>Judge grants asylum to Chinese dissident | The Local Report</title></head><body>"
            "<div id='story'><p>An immigration judge on Wednesday granted asylum to a Chinese national who exposed"
            " human rights abuses in his homeland, saying he had a well founded fear of persecution.</p>"
            "<p>Guan Heng, 38, applied for asylum after arriving in the U.S. illegally in 2021.</p></div></body></html>")
    assert _lines(from_text(page).text)[0] == "Judge grants asylum to Chinese dissident"


def test_a_page_without_article_text_is_an_input_error(tmp_path):
    page = tmp_path / "empty.html"
    page.write_text("<html><head><script>var x = 1;</script></head><body><div class='ad'></div></body></html>")
    with pytest.raises(InputError, match="no article text"):
        read_document(page)
    good = tmp_path / "good.txt"
    good.write_text("Guan Heng, 38, applied for asylum.\n")
    result = runner.invoke(app, ["score", str(good), str(page)])
    assert result.exit_code == 2 and result.stderr.count("\n") == 1 and "--input-format text" in result.stderr


def test_a_page_in_its_declared_charset(tmp_path, seed_texts):
    page = tmp_path / "latin.html"
    page.write_bytes(("<html><head><meta charset=\"windows-1252\"></head><body><article><h1>Caf\u00e9 owners protest</h1>"
                      "<p>Caf\u00e9 owners in Montr\u00e9al said the new rules would force them to close before the"
                      " summer, and the city council agreed to hear them again.</p></article></body></html>").encode("cp1252"))
    assert "Montr\u00e9al" in read_document(page).text


def test_cli_reads_a_page_and_the_format_option(tmp_path, seed_page, seed_texts):
    ref, page = tmp_path / "original.txt", tmp_path / "copy.page"
    ref.write_text(seed_texts[0], encoding="utf-8")
    page.write_text(seed_page, encoding="utf-8")
    auto = runner.invoke(app, ["score", str(ref), str(page), "-f", "json"])
    as_text = runner.invoke(app, ["score", str(ref), str(page), "-f", "json", "--input-format", "text"])
    assert auto.exit_code == as_text.exit_code == 0
    assert "rsquo" not in auto.stdout and "rsquo" in as_text.stdout
    bad = runner.invoke(app, ["score", str(ref), str(page), "--input-format", "pdf"])
    assert bad.exit_code == 2


def test_input_format_from_the_config_file(tmp_path, seed_page, seed_texts):
    ref, page = tmp_path / "original.txt", tmp_path / "copy.html"
    ref.write_text(seed_texts[0], encoding="utf-8")
    page.write_text(seed_page, encoding="utf-8")
    as_text = tmp_path / "mtqe.toml"
    as_text.write_text('input_format = "text"\n', encoding="utf-8")
    result = runner.invoke(app, ["score", str(ref), str(page), "-f", "json", "--config", str(as_text)])
    assert result.exit_code == 0 and "rsquo" in result.stdout
    overridden = runner.invoke(app, ["score", str(ref), str(page), "-f", "json", "--config", str(as_text),
                                     "--input-format", "auto"])
    assert overridden.exit_code == 0 and "rsquo" not in overridden.stdout
    bad = tmp_path / "bad.toml"
    bad.write_text('input_format = "pdf"\n', encoding="utf-8")
    refused = runner.invoke(app, ["score", str(ref), str(page), "--config", str(bad)])
    assert refused.exit_code == 2 and "input_format" in refused.stderr
