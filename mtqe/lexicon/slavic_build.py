"""Build mtqe's Polish and Czech word table once, from wordfreq's frequency lists: run by a developer.

    pip install wordfreq==3.1.1          # build time only: its data (CC BY-SA 4.0) ships in the wheel
    python -m mtqe.lexicon.slavic_build [--out mtqe/lexicon/data]

pyspellchecker, which gives the other foreign languages (foreign.py), ships no Polish or Czech; an untranslated
Polish word written without diacritics ("gracze", "subkultura") had no evidence but a few function words.
Kept: words of at least 3 letters, all ASCII (a word with Polish or Czech letters is caught by its letters),
with a Zipf frequency of at least 2.3 in its language (about twice in 10,000,000 running words) and
under 2 in English (so "film", "hotel", "nie" stay out). A word of both languages goes to the one it is more
frequent in. Writes ``slavic_words.tsv.gz``: ``word<TAB>language`` sorted, gzip's timestamp zero (a
rebuild is byte-identical); the licence is data/SLAVIC-LICENSE.
"""

from __future__ import annotations

import argparse
import gzip
import io
from pathlib import Path

LANGS = ("pl", "cs")
MIN_ZIPF = 2.3
MAX_ENGLISH_ZIPF = 2.0


def build() -> str:
    import wordfreq

    best: dict[str, tuple[float, str]] = {}
    for lang in LANGS:
        for word in wordfreq.top_n_list(lang, 200_000):
            z = wordfreq.zipf_frequency(word, lang)
            if z < MIN_ZIPF:
                break  # the list is sorted by frequency
            if len(word) >= 3 and word.isascii() and word.isalpha() and z > best.get(word, (0.0, ""))[0]:
                best[word] = (z, lang)
    kept = sorted(w for w in best if wordfreq.zipf_frequency(w, "en") < MAX_ENGLISH_ZIPF)
    return "".join(f"{w}\t{best[w][1]}\n" for w in kept)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=Path(__file__).parent / "data")
    args = ap.parse_args(argv)
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0) as gz:
        gz.write(build().encode("utf-8"))
    (args.out / "slavic_words.tsv.gz").write_bytes(buf.getvalue())


if __name__ == "__main__":
    main()
