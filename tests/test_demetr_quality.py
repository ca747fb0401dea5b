"""Detection quality on a sample of DEMETR dev, through benchmarks/demetr_eval.py (skipped without the data).

The full evaluation is `python benchmarks/demetr_eval.py`; these tests keep a sample (the first items of
every file) under floors a little below the targets, so a detector regression fails the suite.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from conftest import DEMETR, ROOT, needs_demetr

sys.path.insert(0, str(ROOT / "benchmarks"))
import demetr_eval  # noqa: E402

pytestmark = needs_demetr()

# Recall targets of the detector issue, less a sampling margin (120 items a file).
FLOORS = {
    "critical_id9_ne_replaced": 0.95,
    "critical_id25_ne_removed": 0.90,
    "major_id17_tense": 0.72,
    "major_id18_aspect": 0.72,
    "critical_id10_numbers_replaced": 0.90,
    "critical_id8_negation": 0.85,
    "critical_id11_gender": 0.85,
    "minor_id31_full_lower": 0.90,
    "minor_id32_first_lower": 0.90,
    "critical_id4_codemix": 0.95,
    "minor_id26_misspelled": 0.65,
    "minor_id27_char_removed": 0.65,
}


def _sample(tmp: Path, lines: int) -> Path:
    for f in DEMETR.glob("*.jsonl"):
        with f.open(encoding="utf-8") as fh:
            (tmp / f.name).write_text("".join(fh.readline() for _ in range(lines)), encoding="utf-8")
    return tmp


@pytest.fixture(scope="module")
def sample_result(tmp_path_factory):
    return demetr_eval.evaluate(_sample(tmp_path_factory.mktemp("demetr"), 120))


@pytest.mark.parametrize("stem", sorted(FLOORS))
def test_recall_floor(sample_result, stem):
    assert sample_result["recall"][stem] >= FLOORS[stem], sample_result["recall"]


@pytest.mark.parametrize("stem", sorted(FLOORS))
def test_risk_ranks_targeted_damage_above_chrf(sample_result, stem):
    row = sample_result["per_file"][stem]
    assert row["risk_auc"] > row["chrf_auc"] + 0.05, row


def test_clean_paraphrases_stay_quiet_apart_from_quotes(sample_result):
    # A re-translated quote is a misquote by design (an English copy of an English original keeps it verbatim);
    # DEMETR's clean pairs are independent translations, which legitimately differ there. Their names differ
    # too, but a romanisation variant, an exonym, a translated cognate or a name in the other order is minor
    # by the names policy; what stays major is a name replaced, respelled or dropped (Bafokeng -> Bafalcon,
    # Roberts -> Robert, Chunichi lost). The sample measures 0.0465 quotes aside (0.042 name) since a negation
    # said by an opposite word ("without due care" -> "negligent") and the "it" of an idiom ("made it big" ->
    # "made her big") stopped counting as reversals.
    by_category = sample_result["clean_false_by_category"]
    assert sample_result["clean_false_flag_rate_without_quote_name"] <= 0.01, by_category
    assert sample_result["clean_false_flag_rate_without_quote"] <= 0.05, by_category
    assert by_category.get("name", 0.0) <= 0.05, by_category


@pytest.mark.slow
def test_corpus_path_gives_the_same_figures(tmp_path):
    data = _sample(tmp_path, 12)
    in_process = demetr_eval.evaluate(data)
    via_corpus = demetr_eval.evaluate(data, jobs=2)
    in_process.pop("path"), via_corpus.pop("path")
    assert via_corpus == in_process
