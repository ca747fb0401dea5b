"""Which library reads a news page's article best: trafilatura, readability-lxml, jusText.

Usage: python benchmarks/html_extract_eval.py [--data ../shared/roundtrip-dev] [--limit N]

Pages are built around real articles (the seed copy and the roundtrip-dev originals) in five layouts
news sites use: semantic <article> with nav/aside/footer; div soup with an inline advert, a "Read more"
link and a "Most read" sidebar; an old table/<br> CMS; a page with reader comments; a page with a
figure caption, share buttons and a newsletter box. Every text is HTML-escaped with named entities
(&rsquo; &ldquo; &mdash;). For each library and layout:
- exact: share of pages whose extracted lines are exactly the headline and paragraphs;
- recall: share of the article's paragraphs found (a line equal to it after whitespace folding);
- precision: share of extracted lines that are article text (navigation, comments, captions... are not);
- headline: share of pages whose headline the library itself kept (before mtqe adds the <h1>).
The same headline rule (mtqe.extract: the page's <h1> first when missing) is applied to every library
for exact/recall/precision, so the body extraction is what is compared. Libraries not installed are
skipped. Timing is total seconds for all pages (same process).
"""

from __future__ import annotations

import argparse
import html
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "roundtrip-dev"
ENTITIES = {"\u2019": "&rsquo;", "\u2018": "&lsquo;", "\u201c": "&ldquo;", "\u201d": "&rdquo;", "\u2014": "&mdash;",
            "\u2013": "&ndash;"}


def esc(text: str) -> str:
    out = html.escape(text, quote=False)
    for char, entity in ENTITIES.items():
        out = out.replace(char, entity)
    return out


def _head(title: str) -> str:
    return (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{esc(title)} | The Daily Courier</title>"
            "<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments);}</script>"
            "<style>body{font-family:serif}</style></head>")


NAV = ("<nav><ul><li><a href='/'>Home</a></li><li><a href='/world'>World</a></li><li><a href='/business'>Business</a>"
       "</li><li><a href='/sport'>Sport</a></li><li><a href='/opinion'>Opinion</a></li></ul></nav>")
FOOTER = ("<footer><p>&copy; 2025 The Daily Courier Ltd. All rights reserved.</p><p><a href='/privacy'>Privacy policy</a>"
          " &middot; <a href='/terms'>Terms of use</a> &middot; <a href='/contact'>Contact us</a></p></footer>")


def semantic(title, paras, others):
    ps = "".join(f"<p>{esc(p)}</p>\n" for p in paras)
    links = "".join(f"<li><a href='/r{i}'>{esc(o)}</a></li>" for i, o in enumerate(others))
    return (f"{_head(title)}<body>{NAV}<main><article><h1>{esc(title)}</h1>"
            f"<div class='byline'>By Staff Reporter &middot; March 3, 2025</div>\n{ps}</article>"
            f"<aside class='related'><h2>Related stories</h2><ul>{links}</ul></aside></main>{FOOTER}"
            "<script>gtag('config','G-1');</script></body></html>")


def div_soup(title, paras, others):
    mid = len(paras) // 2
    body = []
    for i, p in enumerate(paras):
        if i == mid:
            body.append("<div class='ad-slot'><span>Advertisement</span></div>")
            body.append(f"<p class='read-more'><strong>Read more:</strong> <a href='/x'>{esc(others[0])}</a></p>")
        body.append(f"<p>{esc(p)}</p>")
    most = "".join(f"<div class='item'><a href='/m{i}'>{esc(o)}</a></div>" for i, o in enumerate(others))
    return (f"{_head(title)}<body><div id='header'><div class='logo'>The Daily Courier</div><div class='menu'>"
            "<a href='/'>Home</a> <a href='/news'>News</a> <a href='/video'>Video</a></div></div>"
            f"<div id='wrap'><div class='col-main'><div class='title'><h1>{esc(title)}</h1></div>"
            f"<div class='story-body'>{''.join(body)}</div></div>"
            f"<div class='col-side'><div class='widget'><h3>Most read</h3>{most}</div></div></div>"
            "<div class='cookie'>We use cookies to improve your experience on our site. By continuing to browse you"
            " agree to our use of cookies.</div><div id='footer'>Copyright 2025 The Daily Courier</div></body></html>")


def table_cms(title, paras, others):
    text = "<br><br>\n".join(esc(p) for p in paras)
    links = "<br>".join(f"<a href='/o{i}'>{esc(o)}</a>" for i, o in enumerate(others))
    return (f"{_head(title)}<body><table width='100%'><tr><td colspan='2'><a href='/'>Front page</a> | "
            "<a href='/archive'>Archive</a></td></tr><tr><td width='70%' valign='top'>"
            f"<font size='5'><b>{esc(title)}</b></font><br><br>\n{text}</td>"
            f"<td valign='top'><b>Other news</b><br>{links}</td></tr>"
            "<tr><td colspan='2'><small>Copyright 2025 The Daily Courier</small></td></tr></table></body></html>")


COMMENTS = (
    "This is exactly what I expected would happen, and nobody in charge seems to care at all about it.",
    "Great reporting as always, thank you for keeping us informed about what is going on.",
    "I disagree with the premise of this article and I think the writer left out the other side of the story.",
)


def with_comments(title, paras, others):
    ps = "".join(f"<p>{esc(p)}</p>" for p in paras)
    cs = "".join(f"<div class='comment'><div class='author'>reader{i}</div><p>{esc(c)}</p></div>"
                 for i, c in enumerate(COMMENTS))
    return (f"{_head(title)}<body>{NAV}<article><header><h1>{esc(title)}</h1></header><div class='entry'>{ps}</div>"
            f"</article><section id='comments' class='comments'><h2>3 comments</h2>{cs}</section>{FOOTER}</body></html>")


def figure_share(title, paras, others):
    body = []
    for i, p in enumerate(paras):
        body.append(f"<p>{esc(p)}</p>")
        if i == 0:
            body.append("<figure><img src='/photo.jpg' alt=''><figcaption>File photo. (Photo: The Daily Courier)"
                        "</figcaption></figure>")
    return (f"{_head(title)}<body>{NAV}<article><h1>{esc(title)}</h1>"
            "<div class='share'><a href='#'>Share on Facebook</a> <a href='#'>Share on X</a> <a href='#'>Email</a></div>"
            f"{''.join(body)}<div class='tags'>Tags: <a href='/t/news'>news</a> <a href='/t/world'>world</a></div>"
            "</article><div class='newsletter'><h3>Get the news</h3><p>Sign up for our daily newsletter to get the top"
            " stories in your inbox every morning.</p><form><input type='email'><button>Subscribe</button></form></div>"
            f"{FOOTER}</body></html>")


LAYOUTS = {"article": semantic, "div-soup": div_soup, "table-cms": table_cms, "comments": with_comments,
           "figure-share": figure_share}


def _lines(text: str) -> list[str]:
    return [" ".join(ln.split()) for ln in text.splitlines() if ln.strip()]


def ex_mtqe(page: str) -> list[str]:
    from mtqe.extract import article_text

    return _lines(article_text(page))


def ex_trafilatura(page: str) -> list[str]:
    import trafilatura

    return _lines(trafilatura.extract(page, output_format="txt", include_comments=False, include_tables=False,
                                      deduplicate=False, favor_recall=True) or "")


def ex_trafilatura_default(page: str) -> list[str]:
    import trafilatura

    return _lines(trafilatura.extract(page, output_format="txt", include_comments=False) or "")


def ex_readability(page: str) -> list[str]:
    import lxml.html
    from readability import Document

    doc = Document(page)
    tree = lxml.html.fromstring(doc.summary(html_partial=True))
    # readability returns a cleaned <div>; its block elements (and <br>-separated runs) are the paragraphs
    for br in tree.iter("br"):
        br.tail = "\n" + (br.tail or "")
    blocks = tree.xpath("//p|//h1|//h2|//h3|//li|//td|//blockquote")
    text = "\n".join(b.text_content() for b in blocks) if blocks else tree.text_content()
    return [doc.short_title()] + _lines(text)


def ex_justext(page: str) -> list[str]:
    import justext

    return [" ".join(p.text.split()) for p in justext.justext(page.encode("utf-8"), justext.get_stoplist("English"))
            if not p.is_boilerplate]


EXTRACTORS = {"mtqe (trafilatura + link-line filter)": ex_mtqe, "trafilatura recall": ex_trafilatura, "trafilatura default": ex_trafilatura_default,
              "readability-lxml": ex_readability, "jusText": ex_justext}


def with_headline(lines: list[str], page: str) -> list[str]:
    from mtqe.extract import _headline, _key

    h = _headline(page)
    if h and _key(h) not in {_key(x) for x in lines[:3]}:
        return [h] + lines
    return lines


def articles(data: Path, limit: int) -> list[tuple[str, list[str]]]:
    out = []
    seed = ROOT / "seeds" / "roundtrip.txt"
    if seed.exists():
        lines = _lines(seed.read_text(encoding="utf-8"))
        out.append((lines[0], lines[1:]))
    for p in sorted(data.glob("*.ref.txt"))[:limit]:
        paras = [" ".join(x.split()) for x in p.read_text(encoding="utf-8").split("\n\n") if x.strip()]
        out.append((paras[0], paras[1:]))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--limit", type=int, default=40, help="roundtrip-dev articles to use (plus the seed copy)")
    args = ap.parse_args(argv)
    arts = articles(args.data, args.limit)
    others = [t for t, _ in arts]
    print(f"{len(arts)} articles x {len(LAYOUTS)} layouts")
    print("| library | layout | exact | recall | precision | headline | seconds |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for name, fn in EXTRACTORS.items():
        try:
            fn(semantic("x", ["y"], ["z"]))
        except ImportError as e:
            print(f"| {name} | skipped: {e.name} not installed | | | | | |")
            continue
        totals = [0, 0.0, 0.0, 0, 0.0]
        for layout, build in LAYOUTS.items():
            exact = rec = prec = head = 0.0
            t0 = time.perf_counter()
            for k, (title, paras) in enumerate(arts):
                rel = [others[(k + j) % len(others)] for j in (1, 2, 3, 4, 5)]
                page = build(title, paras, rel)
                raw = fn(page)
                got = with_headline(raw, page)
                gold = [title] + paras
                gold_set, got_set = set(gold), set(got)
                head += title in raw[:3]
                exact += got == gold
                rec += sum(p in got_set for p in paras) / len(paras)
                prec += sum(x in gold_set for x in got) / max(1, len(got))
            secs = time.perf_counter() - t0
            n = len(arts)
            print(f"| {name} | {layout} | {exact / n:.3f} | {rec / n:.3f} | {prec / n:.3f} | {head / n:.3f} | {secs:.2f} |")
            for i, v in enumerate((exact, rec, prec, head, secs)):
                totals[i] += v
        n = len(arts) * len(LAYOUTS)
        print(f"| **{name}** | **all** | **{totals[0] / n:.3f}** | **{totals[1] / n:.3f}** | **{totals[2] / n:.3f}** "
              f"| **{totals[3] / n:.3f}** | {totals[4]:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
