"""lemminflect's tables: the one reader of its inflection file, lemmas and verb forms.

``getAllLemmas`` deep-copies every answer, so the lemma tables are read directly where this lemminflect
has them; caches are per word and bounded.
"""

from __future__ import annotations

import gzip
import re
from functools import lru_cache
from pathlib import Path
from typing import Iterator

_SEPARATORS = re.compile(r"[,/;]")


def inflection_rows() -> Iterator[tuple[str, list[str]]]:
    """(raw line, its fields) of lemminflect's ``infl_lu.csv.gz``: "Aaron,noun,Aarons/Aaron" -> lemma,
    part of speech and forms. Empty when the file is missing."""
    try:
        import lemminflect

        path = Path(lemminflect.__file__).parent / "resources" / "infl_lu.csv.gz"
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                line = line.strip()
                yield line, _SEPARATORS.split(line)
    except (ImportError, OSError):  # pragma: no cover - lemminflect is a dependency
        return


def _lemma_tables():
    try:
        from lemminflect.core.Lemmatizer import Lemmatizer

        lem = Lemmatizer()
        table, overrides = lem._getLemmaDict(), lem._getOverridesDict()
        if isinstance(table, dict) and isinstance(overrides, dict):
            return table, overrides
    except Exception:  # pragma: no cover - a lemminflect without these internals
        pass
    return None, None


@lru_cache(maxsize=1)
def _tables():
    return _lemma_tables()


@lru_cache(maxsize=32768)
def lemmas(word: str, upos: str) -> tuple[str, ...]:
    """Dictionary lemmas of a lower-case word for one part of speech (no guessing for unknown words)."""
    table, overrides = _tables()
    if table is None:
        from lemminflect import getAllLemmas

        return getAllLemmas(word, upos).get(upos, ())
    found = overrides.get(word, {}).get(upos) or table.get(word, {}).get(upos)
    return tuple(found) if found else ()


@lru_cache(maxsize=16384)
def verb_forms(word: str) -> tuple[str, frozenset[str]]:
    """(lemma, Penn tags this exact form has as a verb) or ("", empty) if it is not a verb form."""
    found = lemmas(word, "VERB")
    if not found:
        return "", frozenset()
    from lemminflect import getAllInflections

    lemma = found[0]
    infl = getAllInflections(lemma, "VERB")
    tags = {tag for tag, forms in infl.items() if word in forms}
    if "VBD" in tags and "VBN" not in infl:  # regular verbs list the -ed form once
        tags.add("VBN")
    return lemma, frozenset(tags)


@lru_cache(maxsize=16384)
def is_noun(word: str) -> bool:
    return bool(lemmas(word, "NOUN"))
