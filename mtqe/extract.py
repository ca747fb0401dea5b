"""An HTML page's article as plain text: headline, then paragraphs, entities decoded.

trafilatura finds the main text (it drops navigation, scripts, related-link asides, footers and
comments). It was chosen by measurement against readability-lxml and jusText on pages built around
real articles (benchmarks/html_extract_eval.py): see the README for the figures. It loads lxml and
its own helpers, so this module is imported only when a page is read.
"""

from __future__ import annotations

import html
import re

from .errors import InputError

_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_TITLE_SITE = re.compile(r"\s+[|\u2013\u2014-]\s+")
_LETTER = re.compile(r"[^\W\d_]")
_SPACE = re.compile(r"[ \t\u00a0]+")


def _clean(line: str) -> str:
    # A CMS that escapes twice shows "&rsquo;" to readers: decode what the parser left, once more.
    if "&" in line and _ENTITY.search(line):
        line = html.unescape(line)
    return _SPACE.sub(" ", line).strip()


def _tree(markup: str):
    import lxml.html

    try:
        return lxml.html.document_fromstring(markup)
    except (ValueError, lxml.etree.ParserError):
        return None


def _link_texts(tree) -> set[str]:
    """The texts of the page's links: a line that is nothing but one is navigation, not prose."""
    return {_key(a.text_content()) for a in tree.iter("a")} if tree is not None else set()


def _headline(markup: str, tree=None) -> str | None:
    """The page's first <h1>, else its <title>: the headline a reader sees."""
    tree = _tree(markup) if tree is None else tree
    if tree is None:
        return None
    for node in tree.xpath("//h1"):
        text = _clean(node.text_content())
        if text:
            return text
    for node in tree.xpath("//title"):
        text = _TITLE_SITE.split(_clean(node.text_content()))[0]  # "Headline | Site name"
        if text:
            return text
    return None


def article_text(markup: str, name: str = "<html>") -> str:
    """The article of an HTML page: its headline on the first line, then one paragraph per line,
    separated by blank lines. An InputError when the page has no article text."""
    try:
        import trafilatura
    except ImportError:  # a core dependency; only a broken install gets here
        raise InputError(f"{name}: reading HTML needs trafilatura; pip install 'trafilatura>=2.0'") from None

    body = trafilatura.extract(
        markup, output_format="txt", include_comments=False, include_tables=False,
        include_images=False, include_links=False, deduplicate=False, favor_recall=True,
    )
    tree = _tree(markup)
    links = _link_texts(tree)
    # favor_recall keeps every paragraph of layouts the default misses (a <br>-separated table cell) at the
    # price of link lists around them; those lines are dropped here
    paragraphs = [p for p in (_clean(line) for line in (body or "").split("\n"))
                  if _LETTER.search(p) and _key(p) not in links]
    if not paragraphs:
        raise InputError(f"{name}: no article text found in this HTML page; pass --input-format text to read it as is")
    headline = _headline(markup, tree)
    if headline and _key(headline) not in {_key(p) for p in paragraphs[:3]}:
        paragraphs.insert(0, headline)
    return "\n\n".join(paragraphs) + "\n"


def _key(text: str) -> str:
    return " ".join(text.lower().split())
