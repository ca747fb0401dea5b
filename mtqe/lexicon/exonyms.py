"""One place's names in Europe's languages (Kroatien, Hrvatska, Croatia; Bayern, Bavaria), read from the
compact table in ``data/``.

The table is derived once from Debian's iso-codes (ISO 3166-1 countries and 3166-2 subdivisions with their
translations; LGPL-2.1+) and CLDR's short country names (Unicode licence) by ``exonyms_build.py``; licences in
data/EXONYMS-LICENSE. Nothing is read from either at run time.
"""

from __future__ import annotations

import gzip
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def _forms() -> dict[str, frozenset[str]]:
    with resources.files(__package__).joinpath("data").joinpath("exonyms.tsv.gz").open("rb") as raw:
        text = gzip.decompress(raw.read()).decode("utf-8")
    out: dict[str, frozenset[str]] = {}
    for line in text.splitlines():
        group = frozenset(line.split("\t"))
        for form in group:
            out[form] = out.get(form, frozenset()) | group  # Georgia: the country and the US state
    return out


def place_names(key: str) -> frozenset[str]:
    """Every name of the place (or places) this name key names, itself included; empty if none is known."""
    return _forms().get(key, frozenset())
