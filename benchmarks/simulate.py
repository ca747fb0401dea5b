"""Round-trip simulator: labelled document-level test corpora from clean English, and mtqe scored on them.

Usage: python benchmarks/simulate.py [--data ../shared/demetr-dev] [--articles 60] [--seed 1]
                                      [--base mt|eng] [--jobs N] [--keep DIR] [--json out.json]

Articles are ~15 consecutive DEMETR `eng_sent` (the references). Each copy starts from the matching
`mt_sent` (a real machine paraphrase; `--base eng` starts from the reference itself) and gets
labelled damage, by rules that work on any English text:

  name      transliteration variant of a proper noun (Guan -> Kwan: consonant and vowel swaps, respacing)
  tense     main verb or auxiliary moved between past and present (lemminflect)
  number    a digit sequence or number word changed
  merge     two adjacent sentences joined into one
  omission  a sentence dropped
  addition  a sentence from another article injected
  boilerplate  a promotional / navigation line injected (mtqe reports it as an addition, code A102)

Gold labels record which reference sentences each copy sentence comes from and which damage it
carries. mtqe runs over the corpus through `mtqe.corpus.run` (the `mtqe corpus` path); the script
prints sentence-alignment precision/recall/F1 (links between reference and copy sentences) and
per-category recall (a label is found when a flag of its category sits on the segment holding it).
Everything is written to a temporary directory (or --keep DIR), never into the repository.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tempfile
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DEFAULT_DATA = ROOT.parent / "shared" / "demetr-dev"
ARTICLE = 15
CATEGORIES = ("name", "tense", "number", "merge", "merge (n:1 bead)", "omission", "addition", "boilerplate")
EXPECTED_FLAG = {"boilerplate": "addition"}  # boilerplate is an addition flag (A102) in mtqe's JSON


# ---- damage rules (general: any English sentence) -------------------------------------------------------

_CAP = re.compile(r"(?<![\w'’-])([A-Z][a-z]{2,})(?![\w'’-])")
_NOT_NAMES = set("""January February March April May June July August September October November December
Monday Tuesday Wednesday Thursday Friday Saturday Sunday The This That These Those There Their They Then
When Where While What Which Who Why How However Although After Before During Since Until And But Or If
Mr Mrs Ms Dr Prof Sir""".split())
_COMMON = None


def _common(word: str) -> bool:
    """A common English word (title, institution noun) rather than a proper name."""
    global _COMMON
    if _COMMON is None:
        from spellchecker import SpellChecker

        _COMMON = SpellChecker().word_frequency
    return _COMMON[word.lower()] > 20000


_CONSONANTS = [("Zh", "J"), ("J", "Zh"), ("X", "Sh"), ("Sh", "X"), ("Q", "Ch"), ("Ch", "Q"), ("G", "K"), ("K", "G"),
               ("C", "K"), ("P", "B"), ("B", "P"), ("T", "D"), ("D", "T"), ("W", "V"), ("V", "W"), ("F", "Ph"), ("Ph", "F")]
_VOWELS = [("ua", "wa"), ("oo", "u"), ("u", "oo"), ("ee", "i"), ("i", "ee"), ("ei", "ay"), ("ai", "ay"), ("ou", "o"),
           ("o", "ou"), ("ie", "y"), ("y", "ie"), ("e", "a"), ("a", "e")]


def transliterate(name: str, rng: random.Random) -> str | None:
    """A plausible romanisation variant of ``name``: an initial consonant swap, a vowel swap, or respacing."""
    options = []
    for a, b in _CONSONANTS:
        if name.startswith(a) and not name.startswith(b if len(b) > len(a) else "\0"):
            options.append(b + name[len(a):])
    for a, b in _VOWELS:
        k = name.find(a, 1)
        if k > 0:
            options.append(name[:k] + b + name[k + len(a):])
    m = re.match(r"^([A-Z][a-z]*?[aeiou]n?g?)([b-df-hj-np-tv-z][a-z]{2,})$", name)
    if m and len(name) >= 6:
        options.append(f"{m.group(1)} {m.group(2).capitalize()}")  # respacing: Jinping -> Jin Ping
    options = [o for o in options if o != name]
    return rng.choice(options) if options else None


def damage_name(sent: str, ref: str, rng: random.Random) -> str | None:
    starts = {m.start() for m in re.finditer(r"(?:^|[.!?]\s+|[\"“(]\s*)", sent)}
    cands = [m for m in _CAP.finditer(sent)
             if m.group(1) not in _NOT_NAMES and m.group(1) in ref and not _common(m.group(1))
             and m.start() not in starts and sent[:m.start()].strip()]
    if not cands:
        return None
    m = rng.choice(cands)
    variant = transliterate(m.group(1), rng)
    if not variant:
        return None
    return re.sub(rf"(?<![\w'’-]){re.escape(m.group(1))}(?![\w'’-])", variant, sent)


_AUX = {"was": "is", "were": "are", "is": "was", "are": "were", "has": "had", "have": "had", "had": "has",
        "will": "would", "does": "did", "did": "does", "can": "could"}
_WORD = re.compile(r"[A-Za-z]+")


def damage_tense(sent: str, rng: random.Random) -> str | None:
    from lemminflect import getAllLemmas, getInflection

    words = list(_WORD.finditer(sent))
    for m in words:
        w = m.group()
        if w.lower() in _AUX and m.start() > 0:
            new = _AUX[w.lower()]
            new = new.capitalize() if w[0].isupper() else new
            return sent[:m.start()] + new + sent[m.end():]
    verbs = []
    for k, m in enumerate(words):
        w = m.group()
        lemmas = getAllLemmas(w.lower())
        if k == 0 or set(lemmas) != {"VERB"} or w[0].isupper():
            continue
        lemma = lemmas["VERB"][0]
        past, third = getInflection(lemma, "VBD"), getInflection(lemma, "VBZ")
        if past and w.lower() == past[0] and third and third[0] != w.lower():
            plural_subject = words[k - 1].group().lower() in {"they", "we", "you", "i"}
            new = getInflection(lemma, "VBP")[0] if plural_subject else third[0]
            verbs.append((m, new))
        elif third and w.lower() == third[0] and past:
            verbs.append((m, past[0]))
    if not verbs:
        return None
    m, new = rng.choice(verbs)
    return sent[:m.start()] + new + sent[m.end():]


_NUMBER = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)*(?![\w])")
_NUMBER_WORDS = "two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty hundred thousand million billion".split()


def damage_number(sent: str, rng: random.Random) -> str | None:
    nums = list(_NUMBER.finditer(sent))
    if nums:
        m = rng.choice(nums)
        digits = m.group()
        if re.fullmatch(r"(19|20)\d\d", digits):
            new = str(int(digits) + rng.choice((-3, -2, -1, 1, 2, 3)))
        else:
            pos = [i for i, ch in enumerate(digits) if ch.isdigit()]
            pairs = [(a, b) for a, b in zip(pos, pos[1:]) if b == a + 1 and digits[a] != digits[b]]
            if pairs and rng.random() < 0.5:
                a, b = rng.choice(pairs)
                new = digits[:a] + digits[b] + digits[a] + digits[b + 1:]
            else:
                i = rng.choice(pos)
                d = int(digits[i])
                new = digits[:i] + str((d + rng.choice((1, 2, 3))) % 10 if i or d < 7 else d - 1) + digits[i + 1:]
        if new == digits:
            return None
        return sent[:m.start()] + new + sent[m.end():]
    words = [m for m in _WORD.finditer(sent) if m.group().lower() in _NUMBER_WORDS]
    if not words:
        return None
    m = rng.choice(words)
    new = rng.choice([w for w in _NUMBER_WORDS if w != m.group().lower()])
    return sent[:m.start()] + (new.capitalize() if m.group()[0].isupper() else new) + sent[m.end():]


def merge(a: str, b: str, rng: random.Random) -> str:
    a = a.rstrip()
    a = a[:-1] if a.endswith(".") else a
    first = b.split(" ", 1)[0]
    keep_case = first == "I" or (first[:1].isupper() and first[1:].islower() and not _common(first.strip(",.;:")))
    b = b if keep_case or not b else b[0].lower() + b[1:]
    return a + rng.choice((", and ", "; ", ", while ", " and ")) + b


def boilerplate(rng: random.Random) -> str:
    syll = ["news", "daily", "times", "post", "report", "live", "wire", "hub", "today", "local", "metro", "globe"]
    site = "".join(rng.sample(syll, 2))
    domain = site + rng.choice((".com", ".in", ".net", ".co.uk", ".news"))
    name = site.capitalize()
    return rng.choice([
        f"Add {domain} As A Trusted Source",
        f"Follow {name} on Google News for the latest updates.",
        "Subscribe to our newsletter to get the latest news delivered to your inbox.",
        f"Click here to read the full story on {domain}.",
        "Share this article on Facebook, Twitter and WhatsApp.",
        f"Copyright © {rng.randint(2015, 2025)} {name}. All rights reserved.",
        f"Download the {name} app for breaking news alerts.",
        f"For more news, visit www.{domain}",
    ])


# ---- documents ---------------------------------------------------------------------------------------

@dataclass
class CopySentence:
    text: str
    src: list[int]  # reference sentence indices it comes from (empty: added)
    labels: list[str] = field(default_factory=list)


def load_sentences(data: Path) -> list[dict]:
    path = data / "base_id35_reference.jsonl"
    files = [path] if path.exists() else sorted(data.glob("*.jsonl"))
    if not files:
        raise SystemExit(f"no DEMETR *.jsonl files in {data}; pass --data PATH")
    rows = {}
    for f in files:
        for line in f.open(encoding="utf-8"):
            r = json.loads(line)
            if r.get("eng_sent") and r.get("mt_sent"):
                rows.setdefault(r["id"], r)
    return [rows[k] for k in sorted(rows)]


def simulate_article(rows: list[dict], others: list[str], base: str, rng: random.Random):
    ref = [r["eng_sent"].strip() for r in rows]
    copy = [CopySentence((r["mt_sent"] if base == "mt" else r["eng_sent"]).strip(), [i]) for i, r in enumerate(rows)]
    omitted: list[int] = []
    n = len(copy)
    order = list(range(n))
    rng.shuffle(order)
    budget = {"name": 2, "tense": 2, "number": 1}
    for i in order:  # in-sentence damage, at most one kind per sentence
        for cat in rng.sample(list(budget), len(budget)):
            if budget[cat] <= 0 or rng.random() < 0.35:
                continue
            s = copy[i].text
            new = (damage_name(s, ref[i], rng) if cat == "name" else
                   damage_tense(s, rng) if cat == "tense" else damage_number(s, rng))
            if new and new != s:
                copy[i].text, budget[cat] = new, budget[cat] - 1
                copy[i].labels.append(cat)
                break
    clean = [i for i in range(n - 1) if not copy[i].labels and not copy[i + 1].labels]
    if clean and rng.random() < 0.7:
        i = rng.choice(clean)
        a, b = copy[i], copy.pop(i + 1)
        copy[i] = CopySentence(merge(a.text, b.text, rng), a.src + b.src, ["merge"])
    clean = [k for k, c in enumerate(copy) if not c.labels and 0 < k < len(copy) - 1]
    if clean and rng.random() < 0.6:
        k = rng.choice(clean)
        omitted.extend(copy.pop(k).src)
    if rng.random() < 0.5:
        copy.insert(rng.randint(1, len(copy) - 1), CopySentence(rng.choice(others), [], ["addition"]))
    if rng.random() < 0.6:
        line = CopySentence(boilerplate(rng), [], ["boilerplate"])
        copy.insert(0 if rng.random() < 0.5 else len(copy), line)
    return ref, copy, omitted


def layout(sentences: list[str], rng: random.Random) -> tuple[str, list[tuple[int, int]]]:
    """Text of paragraphs of 1-4 sentences; each sentence's [start, end)."""
    out, spans, pos, k = [], [], 0, 0
    while k < len(sentences):
        para = sentences[k:k + rng.randint(1, 4)]
        for j, s in enumerate(para):
            if j:
                out.append(" ")
                pos += 1
            spans.append((pos, pos + len(s)))
            out.append(s)
            pos += len(s)
        k += len(para)
        if k < len(sentences):
            out.append("\n\n")
            pos += 2
    return "".join(out) + "\n", spans


# ---- evaluation --------------------------------------------------------------------------------------

def _mapping(text: str, gold_spans: list[tuple[int, int]]) -> list[set[int]]:
    """For each of mtqe's sentences, the gold sentences it overlaps (by characters)."""
    from mtqe.document import from_text
    from mtqe.segment import split

    out = []
    for s in split(from_text(text)):
        hit = {g for g, (a, b) in enumerate(gold_spans) if min(b, s.end) - max(a, s.start) > 0}
        out.append(hit)
    return out


def evaluate(gold: dict, report: dict) -> dict:
    ref_map = _mapping(gold["ref_text"], gold["ref_spans"])
    cand_map = _mapping(gold["cand_text"], gold["cand_spans"])
    gold_links = {(r, c) for c, src in enumerate(gold["cand_src"]) for r in src}
    pred_links = set()
    beads = []
    flagged: dict[str, set[int]] = defaultdict(set)      # category -> gold copy sentences under a flag
    flagged_ref: dict[str, set[int]] = defaultdict(set)  # category -> gold ref sentences under a flag
    for seg in report["segments"]:
        refs = set().union(*(ref_map[i] for i in seg["ref_ids"])) if seg["ref_ids"] else set()
        cands = set().union(*(cand_map[j] for j in seg["cand_ids"])) if seg["cand_ids"] else set()
        if refs and cands:
            pred_links |= {(r, c) for r in refs for c in cands}
            beads.append((refs, cands))
        for f in seg["flags"]:
            flagged[f["category"]] |= cands
            flagged_ref[f["category"]] |= refs
            if f["code"] == "A102":
                flagged["boilerplate"] |= cands
    found, total = Counter(), Counter()
    for c, labels in enumerate(gold["cand_labels"]):
        for cat in labels:
            total[cat] += 1
            found[cat] += c in flagged[EXPECTED_FLAG.get(cat, cat)]
    for r in gold["omitted"]:
        total["omission"] += 1
        found["omission"] += r in flagged_ref["omission"]
    # a sentence merge is also found structurally: one bead holds the merged copy sentence and all its sources
    merged = [c for c, labels in enumerate(gold["cand_labels"]) if "merge" in labels]
    found["merge (n:1 bead)"] = sum(any(c in cands and set(gold["cand_src"][c]) <= refs for refs, cands in beads)
                                    for c in merged)
    total["merge (n:1 bead)"] = len(merged)
    return {"gold_links": len(gold_links), "pred_links": len(pred_links), "hit_links": len(gold_links & pred_links),
            "found": dict(found), "total": dict(total)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="DEMETR dev folder (default: %(default)s)")
    ap.add_argument("--articles", type=int, default=60, help="articles to simulate (default: %(default)s)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--base", choices=("mt", "eng"), default="mt",
                    help="copy starts from the machine paraphrase (mt, default) or the reference itself (eng)")
    ap.add_argument("--jobs", type=int, default=None, help="mtqe corpus workers (default: all cores)")
    ap.add_argument("--keep", type=Path, help="write the corpus, gold labels and results here instead of a temp dir")
    ap.add_argument("--json", type=Path, help="also write the figures here")
    args = ap.parse_args(argv)

    from mtqe import corpus
    from mtqe.options import Options

    rng = random.Random(args.seed)
    rows = load_sentences(args.data)
    groups = [rows[i:i + ARTICLE] for i in range(0, len(rows) - ARTICLE + 1, ARTICLE)][: args.articles]
    with tempfile.TemporaryDirectory(prefix="mtqe-sim-") as tmp:
        out_dir = args.keep or Path(tmp)
        out_dir.mkdir(parents=True, exist_ok=True)
        golds = {}
        with (out_dir / "manifest.jsonl").open("w", encoding="utf-8") as man, \
                (out_dir / "gold.jsonl").open("w", encoding="utf-8") as gfh:
            for k, group in enumerate(groups):
                others = [r["eng_sent"] for g in groups if g is not group for r in rng.sample(g, 1)]
                ref, copy, omitted = simulate_article(group, others, args.base, rng)
                ref_text, ref_spans = layout(ref, rng)
                cand_text, cand_spans = layout([c.text for c in copy], rng)
                doc_id = f"sim{k:03}"
                (out_dir / f"{doc_id}.ref.txt").write_text(ref_text, encoding="utf-8")
                (out_dir / f"{doc_id}.cand.txt").write_text(cand_text, encoding="utf-8")
                man.write(json.dumps({"id": doc_id, "reference": f"{doc_id}.ref.txt", "candidate": f"{doc_id}.cand.txt"}) + "\n")
                gold = {"id": doc_id, "ref_text": ref_text, "cand_text": cand_text, "ref_spans": ref_spans,
                        "cand_spans": cand_spans, "cand_src": [c.src for c in copy],
                        "cand_labels": [c.labels for c in copy], "omitted": omitted}
                gfh.write(json.dumps(gold, ensure_ascii=False) + "\n")
                golds[doc_id] = gold
        results = out_dir / "results.jsonl"
        run = corpus.run(out_dir / "manifest.jsonl", results, Options(), jobs=args.jobs)
        gold_links = pred_links = hit_links = 0
        found, total = Counter(), Counter()
        errors = 0
        for line in results.open(encoding="utf-8"):
            rec = json.loads(line)
            if "report" not in rec:
                errors += 1
                continue
            ev = evaluate(golds[rec["id"]], rec["report"])
            gold_links += ev["gold_links"]
            pred_links += ev["pred_links"]
            hit_links += ev["hit_links"]
            found.update(ev["found"])
            total.update(ev["total"])
    p = hit_links / pred_links if pred_links else 0.0
    r = hit_links / gold_links if gold_links else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    fig = {"articles": len(groups), "base": args.base, "seed": args.seed, "errors": errors,
           "pairs_per_s": round(run.rate, 2),
           "alignment": {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f1, 4),
                         "gold_links": gold_links, "pred_links": pred_links},
           "recall": {c: {"found": found[c], "total": total[c], "recall": round(found[c] / total[c], 4) if total[c] else None}
                      for c in CATEGORIES}}
    print(f"simulated {len(groups)} articles (base: {args.base}, seed {args.seed}); mtqe corpus: {run.rate:.2f} pairs/s, "
          f"{errors} errors")
    print(f"alignment (reference-copy sentence links): precision {p:.3f}  recall {r:.3f}  F1 {f1:.3f}")
    print("per-category recall:")
    for c in CATEGORIES:
        row = fig["recall"][c]
        if row["total"]:
            extra = "  (as addition/A102)" if c == "boilerplate" else ""
            print(f"  {c:17} {row['recall']:.3f}  ({row['found']}/{row['total']}){extra}")
    if args.json:
        args.json.write_text(json.dumps(fig, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
