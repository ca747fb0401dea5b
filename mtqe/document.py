"""Load a document: decode bytes safely, keep the original text, and find its lines."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError

DEFAULT_MAX_MB = 5.0


@dataclass(frozen=True)
class Document:
    """A document's original text (newlines normalised to ``\\n``) and where it came from."""

    text: str
    path: str | None = None

    @property
    def name(self) -> str:
        return self.path or "<text>"


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
        raise InputError(
            f"{name}: not valid UTF-8 at byte {e.start}; convert it (iconv -f cp1252 -t utf-8) or pass --encoding"
        ) from None


_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")  # C0 controls other than whitespace


def _control_ratio(text: str) -> float:
    sample = text[:8192]
    return len(_CONTROL.findall(sample)) / max(1, len(sample))


def from_text(text: str, path: str | None = None, max_mb: float = DEFAULT_MAX_MB) -> Document:
    """Validate and normalise text already in memory."""
    name = path or "<text>"
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
    return Document(text=text, path=path)


def read_document(path: str | Path, max_mb: float = DEFAULT_MAX_MB, encoding: str | None = None) -> Document:
    """Read a text file; every failure is an InputError naming the file and the fix."""
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
    return from_text(_decode(data, str(p), encoding), path=str(p), max_mb=max_mb)
