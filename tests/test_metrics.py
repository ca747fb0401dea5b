import sacrebleu

from mtqe.metrics import score

REFS = [
    "The asylum approval rate dropped to 10% in 2025.",
    "He said that was not his goal.",
    "Guan told the judge he didn't know whether he would survive the boat trip.",
]
CANDS = [
    "Asylum approval rates will drop to 10% in 2025.",
    "He said that was not his goal.",
    "Kwan told the judge he didn't know if he would survive the boat trip.",
]


def test_scores_equal_sacrebleu_public_api():
    out = score(REFS, CANDS, ("bleu", "chrf", "chrf++", "ter"))
    for row, ref, cand in zip(out.pairs, REFS, CANDS):
        assert abs(row["bleu"] - sacrebleu.sentence_bleu(cand, [ref]).score) < 1e-3
        assert abs(row["chrf"] - sacrebleu.sentence_chrf(cand, [ref]).score) < 1e-3
        assert abs(row["chrf++"] - sacrebleu.sentence_chrf(cand, [ref], word_order=2).score) < 1e-3
        assert abs(row["ter"] - sacrebleu.sentence_ter(cand, [ref]).score) < 1e-3
    assert abs(out.document["bleu"] - sacrebleu.corpus_bleu(CANDS, [REFS]).score) < 1e-3
    assert abs(out.document["chrf"] - sacrebleu.corpus_chrf(CANDS, [REFS]).score) < 1e-3
    assert out.signatures["bleu"].startswith("nrefs:1|case:mixed|eff:no|tok:13a")
    assert "nc:6|nw:2" in out.signatures["chrf++"]


def test_identical_scores_100():
    out = score(REFS, REFS)
    assert all(row["chrf"] == 100.0 and row["bleu"] == 100.0 for row in out.pairs)
