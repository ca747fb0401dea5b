"""Load a document: decode bytes safely, read HTML pages for their article, rejoin hard-wrapped lines.

``Document.text`` is what the rest of mtqe compares: the file's text with newlines normalised to ``\\n``,
its hard-wrapped lines rejoined (offsets are into this text, not into the file), or,
for an HTML page, the article's headline and paragraphs (one per line, a blank line between them).
"""

from __future__ import annotations

import codecs
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError

DEFAULT_MAX_MB = 5.0
INPUT_FORMATS = ("auto", "text", "html")
HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
STDIN = "-"
STDIN_NAME = "<stdin>"


@dataclass(frozen=True)
class Document:
    """A document's text as compared, where it came from, and whether it was read as ``text`` or ``html``."""

    text: str
    path: str | None = None
    format: str = "text"


def _decode(data: bytes, name: str, encoding: str | None) -> str:
    if encoding:
        try:
            return data.decode(encoding)
        except LookupError:
            raise InputError(f"unknown encoding {encoding!r}; use a Python codec name such as utf-8 or cp1252") from None
        except UnicodeDecodeError as e:
            raise InputError(f"{name}: not valid {encoding} at byte {e.start}; check --encoding") from None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    if b"\x00" in data[:8192]:
        raise InputError(f"{name}: looks binary (contains NUL bytes); give a plain-text article")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        declared = _declared_charset(data)  # a page may say what it is: <meta charset="windows-1252">
        if declared:
            try:
                return data.decode(declared)
            except (LookupError, UnicodeDecodeError):
                pass
        raise InputError(
            f"{name}: not valid UTF-8 at byte {e.start}; convert it (iconv -f cp1252 -t utf-8) or pass --encoding"
        ) from None


_CHARSET = re.compile(rb"<meta[^>]+charset=[\"']?([A-Za-z0-9_-]+)", re.I)


def _declared_charset(data: bytes) -> str | None:
    m = _CHARSET.search(data[:4096])
    return m.group(1).decode("ascii") if m else None


_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")  # C0 controls other than whitespace


def _control_ratio(text: str) -> float:
    sample = text[:8192]
    return len(_CONTROL.findall(sample)) / max(1, len(sample))


# A page or a pasted CMS fragment opens with markup; an article in plain text essentially never does.
_HTML_START = re.compile(r"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|article|main|div|p|h[1-6]|section|meta|title)\b",
                         re.I | re.S)


def looks_like_html(text: str, path: str | None = None) -> bool:
    """HTML by extension (.html, .htm, ...) or by content (the text opens with an HTML tag)."""
    if path and path.lower().endswith(HTML_SUFFIXES):
        return True
    return bool(_HTML_START.match(text[:2048]))


# Line ends that close a sentence or a unit (a headline ending in a quote, a colon introducing a list).
_CLOSED = re.compile(r"[.!?:;\"'\u201d\u2019)\]\u2026]\s*$")
# ...unless the full stop is an abbreviation's ("in the U.S." / "illegally"), which a wrap may end a line on.
_ABBREVIATION = re.compile(r"(?:\b[A-Za-z]\.){2,}$|\b(?:Mr|Mrs|Ms|Dr|St|Gen|Sen|Rep|Gov|Jr|Sr|Inc|Corp|Co|Ltd|No|vs)\.$")
_FIRST_WORD = re.compile(r"\S+")


def _open_line(body: str) -> bool:
    return not _CLOSED.search(body) or bool(_ABBREVIATION.search(body))


def _wrap_width(lines: list[str]) -> int | None:
    """The column a document was hard-wrapped at, or None when its lines were not wrapped.

    A greedy wrapper breaks a line only when the next word would not fit, so in a wrapped paragraph every
    line but the last is nearly as long as the widest line; and as it breaks mid-sentence, the next line
    often goes on in lowercase. A document with one paragraph per line has lengths all over the place; a
    block of short headlines (a ticker) has even lengths but each line starts a new capitalised unit.
    Either way no width is returned.
    """
    pairs = [(ln.rstrip(), nxt.strip()) for ln, nxt in zip(lines, lines[1:]) if ln.strip() and nxt.strip()]
    if len(pairs) < 3:
        return None
    lengths = sorted(len(body) for body, _ in pairs)
    width = lengths[int(0.9 * (len(lengths) - 1))]
    near = sum(1 for n in lengths if width - 20 <= n <= width + 2)
    open_pairs = [nxt for body, nxt in pairs if _open_line(body)]
    goes_on = sum(1 for nxt in open_pairs if not nxt[0].isupper())
    if near < 0.5 * len(pairs) or not open_pairs or goes_on < 0.3 * len(open_pairs):
        return None
    return width


def unwrap(text: str) -> str:
    """Rejoin hard-wrapped lines: a newline inside a sentence becomes a space.

    Only a document wrapped at a fixed width is touched (see ``_wrap_width``). There a line is joined to
    the next when it ends mid-sentence and either the next line's first word would not have fitted on it
    (what every greedy wrapper does) or the next line carries on in lowercase. A short line that stands
    alone (a promotional line, a headline) ends well before the wrap width and stays its own unit. A line
    broken after a hyphen ("well-" / "founded") is joined without a space.
    """
    lines = text.split("\n")
    width = _wrap_width(lines)
    if width is None:
        return text
    out = [lines[0]]
    for line, nxt in zip(lines, lines[1:]):
        body, sep = line.rstrip(), "\n"
        if body.strip() and nxt.strip() and _open_line(body):
            first = _FIRST_WORD.search(nxt).group()
            if len(body) + 1 + len(first) > width - 2 or first[0].islower() or first[0].isdigit():
                hyphen = body.endswith("-") and body[-2:-1].isalpha() and first[0].isalpha()
                out[-1] = out[-1].rstrip()
                sep, nxt = ("" if hyphen else " "), nxt.lstrip()
        out.append(sep + nxt)
    return "".join(out)


def _extract_html(text: str, name: str) -> str:
    from .extract import article_text  # trafilatura and lxml load only for HTML input

    return article_text(text, name)


def from_text(
    text: str, path: str | None = None, max_mb: float = DEFAULT_MAX_MB, input_format: str = "auto",
) -> Document:
    """Validate and normalise text already in memory; ``input_format`` is auto, text or html."""
    name = path or "<text>"
    if input_format not in INPUT_FORMATS:
        raise InputError(f"unknown input format {input_format!r}; choose from {', '.join(INPUT_FORMATS)}")
    if len(text.encode("utf-8")) > max_mb * 1_000_000:
        raise InputError(
            f"{name}: {len(text.encode('utf-8')) / 1e6:.1f} MB is over the {max_mb:g} MB limit; "
            "raise it with --max-mb or max_mb in [tool.mtqe]"
        )
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(f"{name}: document is empty; give a file with article text")
    if _control_ratio(text) > 0.05:
        raise InputError(f"{name}: looks binary (control characters); give a plain-text article")
    fmt = "text"
    if input_format == "html" or (input_format == "auto" and looks_like_html(text, path)):
        text, fmt = _extract_html(text, name), "html"
    return Document(text=unwrap(text), path=path, format=fmt)


def _read_stdin() -> bytes:
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:  # a text-only stdin (an embedding app, a test runner)
        return (sys.stdin.read() if sys.stdin else "").encode("utf-8")
    return stream.read()


def read_document(
    path: str | Path, max_mb: float = DEFAULT_MAX_MB, encoding: str | None = None, input_format: str = "auto",
) -> Document:
    """Read a text or HTML file (``-`` is standard input); every failure is an InputError naming the file and the fix."""
    if str(path) == STDIN:
        data = _read_stdin()
        if len(data) > max_mb * 1_000_000:
            raise InputError(f"{STDIN_NAME}: {len(data) / 1e6:.1f} MB is over the {max_mb:g} MB limit; raise it with --max-mb")
        return from_text(_decode(data, STDIN_NAME, encoding), path=STDIN_NAME, max_mb=max_mb, input_format=input_format)
    p = Path(path)
    if not p.exists():
        raise InputError(f"{p}: no such file")
    if p.is_dir():
        raise InputError(f"{p}: is a directory; give a text file")
    try:
        size = p.stat().st_size
        if size > max_mb * 1_000_000:
            raise InputError(
                f"{p}: {size / 1e6:.1f} MB is over the {max_mb:g} MB limit; raise it with --max-mb or max_mb in [tool.mtqe]"
            )
        data = p.read_bytes()
    except OSError as e:
        raise InputError(f"{p}: cannot read ({e.strerror})") from None
    return from_text(_decode(data, str(p), encoding), path=str(p), max_mb=max_mb, input_format=input_format)


def check_pair(reference: str | Path, candidate: str | Path) -> None:
    """Only one side can come from standard input."""
    if str(reference) == STDIN and str(candidate) == STDIN:
        raise InputError("only one side can be read from standard input ('-'); give the other as a file")
