"""Build mtqe's compact WordNet tables from the WordNet 3.0 database: run once by a developer.

    apt-get install wordnet-base        # Debian: the database under /usr/share/wordnet
    python -m mtqe.lexicon.wordnet_build [--dict /usr/share/wordnet] [--out mtqe/lexicon/data]

Writes four gzipped TSV files that ship as package data (nothing reads WordNet at run time):

- ``wn_synsets.tsv.gz``: one synset a line, its line number its id:
  ``pos+lexfile<TAB>lemmas<TAB>hypernym ids<TAB>near ids`` (``n05``: a noun of noun.animal; lemmas
  space-separated, multi-word lemmas joined by "_"; hypernyms are the direct ones, instance hypernyms
  included, so "known paraphrase" can look one level up; near: similar adjectives, verb groups, "see also",
  an adverb's adjective, an attribute);
- ``wn_index.tsv.gz``: ``lemma<TAB>synset ids`` for one-word lemmas (a token is one word; multi-word
  lemmas stay in the synsets, where "give_up" can still link "drop" to "abandon");
- ``wn_antonyms.tsv.gz``: ``lemma<TAB>lemma`` antonym pairs: WordNet's "!" pointers, which link one word
  of each synset ("allow"/"deny", "upgrade"/"downgrade"), extended to the synonyms of either
  word in small synsets ("grant"/"deny", "approve"/"reject") and through derivation: when "approve" and
  "disapprove" are antonyms, their derivations of one part of speech formed alike ("approval"/"disapproval")
  are too;
- ``wn_derivations.tsv.gz``: ``lemma<TAB>lemma`` derivationally related words ("persecute"/"persecution").

Glosses, example sentences, verb frames and every other pointer are left out, which is what keeps the
tables at a couple of megabytes. Output is sorted and gzip's timestamp is zero: a rebuild is byte-identical.
"""

from __future__ import annotations

import argparse
import gzip
import io
import os
import re
from pathlib import Path

_FILES = {"n": "data.noun", "v": "data.verb", "a": "data.adj", "r": "data.adv"}
# Pointers to synsets close in sense without being synonyms: similar adjectives ("suitable"/"appropriate"),
# verb groups, "see also", an adverb's adjective ("mostly"/"mainly" through most/main), an attribute.
_NEAR = ("&", "$", "^", "\\", "=")
_SMALL = 4  # words in a synset whose synonyms inherit its antonyms
_ADJ_MARKER = re.compile(r"\((?:a|p|ip)\)$")  # "galore(ip)": syntactic position, not part of the word


def _parse(dict_dir: Path):
    """Yield (key, pos, words, pointers) per synset; key = (pos letter of the file, byte offset)."""
    for file_pos, name in _FILES.items():
        with open(dict_dir / name, encoding="latin-1") as fh:
            for line in fh:
                if line.startswith("  "):  # the licence header
                    continue
                fields = line.split(" | ", 1)[0].split()
                offset, lexfile, ss_type, w_cnt = fields[0], fields[1], fields[2], int(fields[3], 16)
                words = [_ADJ_MARKER.sub("", fields[4 + 2 * i]).lower() for i in range(w_cnt)]
                at = 4 + 2 * w_cnt
                p_cnt = int(fields[at])
                pointers = []
                for k in range(p_cnt):
                    sym, off, pos, st = fields[at + 1 + 4 * k: at + 5 + 4 * k]
                    pointers.append((sym, (_file_pos(pos), off), int(st[:2], 16), int(st[2:], 16)))
                yield (file_pos, offset), f"{'a' if ss_type == 's' else ss_type}{lexfile}", words, pointers


def _file_pos(pos: str) -> str:
    return "a" if pos == "s" else pos


def index(lines: list[str]) -> list[str]:
    senses: dict[str, list[int]] = {}
    for i, line in enumerate(lines):
        for word in line.split("\t")[1].split(" "):
            if "_" not in word:
                senses.setdefault(word, []).append(i)
    return [f"{w}\t{','.join(map(str, ids))}" for w, ids in sorted(senses.items())]


def _suffix(base: str, derived: str) -> str:
    """The last two letters a derivation adds to its base ("approve" -> "approval": "al"; "grant" -> "grant": "")."""
    return derived[len(os.path.commonprefix([base, derived])):][-2:]


def build(dict_dir: Path) -> tuple[list[str], list[tuple[str, str]], list[tuple[str, str]]]:
    synsets = list(_parse(dict_dir))
    ids = {key: i for i, (key, *_rest) in enumerate(synsets)}
    words_of = {key: words for key, _pos, words, _ptrs in synsets}

    lines, antonyms, derived = [], set(), {}
    for key, pos, words, pointers in synsets:
        hypers = sorted({ids[target] for sym, target, _s, _t in pointers if sym in ("@", "@i")})
        near = sorted({ids[target] for sym, target, _s, _t in pointers if sym in _NEAR} - {ids[key]})
        lines.append(f"{pos}\t{' '.join(words)}\t{','.join(map(str, hypers))}\t{','.join(map(str, near))}")
        for sym, target, src, tgt in pointers:
            if sym in ("!", "+") and src and tgt:  # lexical pointers: word src of this synset -> word tgt
                a, b = words[src - 1], words_of[target][tgt - 1]
                if sym == "!":
                    antonyms.add((a, b))
                    # WordNet links one word of each synset ("allow"/"deny"); a synonym of either word
                    # opposes the other too ("grant"/"deny", "approve"/"reject"), in small synsets, where
                    # every word is close to the sense
                    if len(words_of[target]) <= _SMALL:
                        antonyms.update((a, y) for y in words_of[target])
                    if len(words) <= _SMALL:
                        antonyms.update((x, b) for x in words)
                else:
                    derived.setdefault((a, key[0]), set()).add((b, target[0]))
    # Antonyms carried through derivation, within one part of speech: approve/disapprove -> approval/disapproval.
    by_word: dict[str, set[tuple[str, str]]] = {}
    for (word, _pos), forms in derived.items():
        by_word.setdefault(word, set()).update(forms)
    # Only derivations formed alike ("-al" and "-al"): WordNet relates words loosely, and a free pairing of
    # every derivation of one word with every one of the other makes "division" (divide) the opposite of
    # "unit" (unite), or "ignorance" of "knower".
    for a, b in list(antonyms):
        for da, pa in by_word.get(a, ()):
            for db, pb in by_word.get(b, ()):
                if pa == pb and da != db and _suffix(a, da) == _suffix(b, db):
                    antonyms.add((da, db))
    pairs = sorted({tuple(sorted(p)) for p in antonyms if p[0] != p[1]})
    derivations = sorted({
        tuple(sorted((word, other)))
        for (word, _pos), forms in derived.items() for other, _p in forms if other != word
    })
    return lines, pairs, derivations


def _write(path: Path, rows) -> None:
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0, compresslevel=9) as gz:
        gz.write("".join(f"{r}\n" for r in rows).encode("utf-8"))
    path.write_bytes(buf.getvalue())


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dict", type=Path, default=Path("/usr/share/wordnet"))
    ap.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "data")
    args = ap.parse_args(argv)
    lines, antonyms, derivations = build(args.dict)
    args.out.mkdir(parents=True, exist_ok=True)
    _write(args.out / "wn_synsets.tsv.gz", lines)
    _write(args.out / "wn_index.tsv.gz", index(lines))
    _write(args.out / "wn_antonyms.tsv.gz", ("\t".join(p) for p in antonyms))
    _write(args.out / "wn_derivations.tsv.gz", ("\t".join(p) for p in derivations))
    print(f"{len(lines)} synsets, {len(antonyms)} antonym pairs, {len(derivations)} derivations -> {args.out}")


if __name__ == "__main__":
    main()
