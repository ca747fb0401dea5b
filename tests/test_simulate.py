"""The round-trip simulator's rules work on any English and keep consistent gold labels."""

from __future__ import annotations

import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

import simulate as sim  # noqa: E402


def test_transliteration_variants():
    rng = random.Random(0)
    variants = {sim.transliterate("Guan", rng) for _ in range(30)}
    assert variants and all(v and v != "Guan" for v in variants)
    assert any(v.startswith("K") for v in variants) and any(v.startswith("G") for v in variants)
    assert any(" " in (sim.transliterate("Jinping", random.Random(s)) or "") for s in range(40))


def test_in_sentence_damage():
    rng = random.Random(3)
    s = "Officials said that Maria Lopez was in Madrid with 120 workers."
    assert sim.damage_tense(s, rng) == s.replace("was", "is")
    num = sim.damage_number(s, rng)
    assert num != s and "120" not in num
    name = sim.damage_name(s, s, rng)
    assert name and name != s and ("Maria" not in name or "Lopez" not in name or "Madrid" not in name)
    assert sim.damage_name("Nothing capitalised here.", "Nothing capitalised here.", rng) is None
    assert sim.merge("It rained.", "The match went on.", rng).count(".") == 1


def test_article_gold_is_consistent():
    rng = random.Random(5)
    rows = [{"eng_sent": f"Sentence {i} was written in Paris by Anna.", "mt_sent": f"Sentence {i} is written in Paris by Anna."}
            for i in range(15)]
    for _ in range(20):
        ref, copy, omitted = sim.simulate_article(rows, ["An unrelated line about rain."], "eng", rng)
        sources = sorted(r for c in copy for r in c.src)
        assert sorted(sources + omitted) == list(range(15))
        assert all(c.labels for c in copy if not c.src)
        text, spans = sim.layout([c.text for c in copy], rng)
        assert [text[a:b] for a, b in spans] == [c.text for c in copy]
