"""Foreign-language word lists, packed once into a small memory-mapped index.

pyspellchecker ships about 1.4 million German, French, Spanish, Italian, Portuguese and Dutch words as
gzipped JSON. Parsed into dicts they take ~250 MB and 0.6 s in every process (every corpus worker).
The detectors need two facts per word: its most frequent language, and whether it is common there
(frequency above 100). Those are packed into a sorted index, written once to the user cache and
memory-mapped after, so workers share the pages and start at once. Where the cache cannot be written
the index is built in memory.
"""

from __future__ import annotations

import gzip
import json
import mmap
import os
import struct
import tempfile
from functools import lru_cache
from pathlib import Path

LANGS = ("de", "fr", "es", "it", "pt", "nl")
COMMON = 100  # a frequency above this marks a word its language really uses
_MAGIC = b"MTQEFW1\n"
_HEADER = struct.Struct("<8sI")
_COMMON_BIT = 0x80


def _spellchecker() -> tuple[Path, str]:
    """pyspellchecker's word-list folder (shared with the English lexicon) and its version, which names the index."""
    from .english import spellchecker_resources

    try:
        from importlib.metadata import version

        v = version("pyspellchecker")
    except Exception:  # pragma: no cover - metadata missing in an odd install
        v = "unknown"
    return spellchecker_resources(), v


def cache_dir() -> Path:
    """$MTQE_CACHE_DIR, else $XDG_CACHE_HOME/mtqe, else ~/.cache/mtqe."""
    if os.environ.get("MTQE_CACHE_DIR"):
        return Path(os.environ["MTQE_CACHE_DIR"])
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "mtqe"


def build(resources: Path) -> bytes:
    """The packed index: header, N+1 uint32 word offsets, N value bytes, then the sorted UTF-8 words."""
    best: dict[str, tuple[int, int]] = {}  # word -> (language index, highest frequency)
    for i, lang in enumerate(LANGS):
        try:
            with gzip.open(resources / f"{lang}.json.gz", "rt", encoding="utf-8") as fh:
                freq: dict[str, int] = json.load(fh)
        except OSError:
            continue
        for word, f in freq.items():
            old = best.get(word)
            if old is None or f > old[1]:  # ties keep the earlier language, as LANGS orders them
                best[word] = (i, f)
        del freq
    words = sorted(w.encode("utf-8") for w in best)
    offsets, values, pos = [], bytearray(), 0
    for w in words:
        offsets.append(pos)
        pos += len(w)
        lang, f = best[w.decode("utf-8")]
        values.append(lang | (_COMMON_BIT if f > COMMON else 0))
    offsets.append(pos)
    n = len(words)
    return b"".join([_HEADER.pack(_MAGIC, n), struct.pack(f"<{n + 1}I", *offsets), bytes(values), b"".join(words)])


class Index:
    """Binary search over the packed words; ``lookup`` is ~5 µs (callers cache by word)."""

    def __init__(self, data):
        magic, n = _HEADER.unpack_from(data, 0)
        if magic != _MAGIC:
            raise ValueError("not an mtqe foreign-word index")
        self._n = n
        start = _HEADER.size
        self._offsets = memoryview(data)[start:start + 4 * (n + 1)].cast("I")
        self._values = memoryview(data)[start + 4 * (n + 1):start + 5 * n + 4]
        self._base = start + 5 * n + 4  # where the words start
        self._data = data  # slicing an mmap or bytes gives bytes, which compare

    def __len__(self) -> int:
        return self._n

    def lookup(self, word: str) -> tuple[str, bool] | None:
        """(most frequent language, common there?) for a lower-case word, or None if no list has it."""
        key = word.encode("utf-8")
        off, data, base = self._offsets, self._data, self._base
        lo, hi = 0, self._n
        while lo < hi:
            mid = (lo + hi) // 2
            if data[base + off[mid]:base + off[mid + 1]] < key:
                lo = mid + 1
            else:
                hi = mid
        if lo < self._n and data[base + off[lo]:base + off[lo + 1]] == key:
            v = self._values[lo]
            return LANGS[v & ~_COMMON_BIT], bool(v & _COMMON_BIT)
        return None


def _open(path: Path) -> Index | None:
    try:
        with path.open("rb") as fh:
            return Index(mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ))
    except (OSError, ValueError, struct.error):
        return None


@lru_cache(maxsize=1)
def index() -> Index:
    """The shared index: from the cache when present, else built (and saved when the cache is writable)."""
    resources, version = _spellchecker()
    path = cache_dir() / f"foreign-words-{version}.idx"
    found = _open(path)
    if found is not None:
        return found
    data = build(resources)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # write then rename: parallel workers building at once never see a half-written file
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=".foreign-", delete=False) as tmp:
            tmp.write(data)
        os.replace(tmp.name, path)
        return _open(path) or Index(data)
    except OSError:
        return Index(data)


def lookup(word: str) -> tuple[str, bool] | None:
    return index().lookup(word)


def is_common(word: str) -> bool:
    """A word some foreign list has with a frequency above COMMON."""
    found = index().lookup(word)
    return found is not None and found[1]
