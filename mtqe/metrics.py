"""sacrebleu metrics: statistics extracted once per aligned pair, reused for sentence and document scores.

sacrebleu's ``sentence_score`` and ``corpus_score`` would each tokenise every sentence again; here each
pair is tokenised once (``_extract_corpus_statistics``) and both levels are computed from those
statistics with sacrebleu's own formulas, so the numbers equal the public API's (tests check this).

Texts are scored after ``mtqe.text.squeeze``: curly quotes become straight, dashes "-", odd spaces " ",
whitespace runs one space. A copy that only retyped "’" as "'" has not lost a word, and chrF would
otherwise count it. The signature says so (``|norm:typo``), so anyone can reproduce a number with
sacrebleu: ``CHRF().corpus_score([squeeze(c) for c in cands], [[squeeze(r) for r in refs]])``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Sequence

from .text import squeeze

# What the texts went through before sacrebleu saw them, as it appears in every signature.
NORMALISATION = "norm:typo"

# name -> (factory for the sentence-level metric, factory for the corpus-level metric)
_FACTORIES: dict[str, Callable[[], tuple[Any, Any]]] = {}


def _metric(name: str):
    def deco(fn):
        _FACTORIES[name] = fn
        return fn
    return deco


@_metric("bleu")
def _bleu():
    from sacrebleu.metrics import BLEU

    return BLEU(effective_order=True), BLEU()


@_metric("chrf")
def _chrf():
    from sacrebleu.metrics import CHRF

    m = CHRF()
    return m, m


@_metric("chrf++")
def _chrfpp():
    from sacrebleu.metrics import CHRF

    m = CHRF(word_order=2)
    return m, m


@_metric("ter")
def _ter():
    from sacrebleu.metrics import TER

    m = TER()
    return m, m


METRICS = tuple(_FACTORIES)
DEFAULT_METRICS = ("bleu", "chrf")


@dataclass(frozen=True)
class MetricScores:
    """Per-pair scores (one dict per pair, in input order), document scores and sacrebleu signatures."""

    pairs: tuple[dict[str, float], ...]
    document: dict[str, float]
    signatures: dict[str, str]


_cache: dict[str, tuple[Any, Any]] = {}


def _get(name: str) -> tuple[Any, Any]:
    if name not in _cache:
        _cache[name] = _FACTORIES[name]()
    return _cache[name]


_BATCH = 512


def _statistics(metric, cands: Sequence[str], refs: Sequence[str]) -> list:
    """Per-pair statistics, extracted in batches: sacrebleu caches every reference's n-grams before scoring
    any pair, ~50 KB per sentence for chrF, so one call over a long document's pairs peaks at gigabytes."""
    stats: list = []
    for k in range(0, len(refs), _BATCH):
        stats += metric._extract_corpus_statistics(list(cands[k:k + _BATCH]), [list(refs[k:k + _BATCH])])
    return stats


def score(refs: Sequence[str], cands: Sequence[str], metrics: Sequence[str] = DEFAULT_METRICS) -> MetricScores:
    """Score aligned (reference, candidate) texts, typography normalised, with each named sacrebleu metric."""
    unknown = [m for m in metrics if m not in _FACTORIES]
    if unknown:
        from .errors import ConfigError

        raise ConfigError(f"unknown metric {unknown[0]!r}; choose from {', '.join(METRICS)}")
    refs, cands = [squeeze(r) for r in refs], [squeeze(c) for c in cands]
    pairs: list[dict[str, float]] = [{} for _ in refs]
    document: dict[str, float] = {}
    signatures: dict[str, str] = {}
    for name in metrics:
        sent, corpus = _get(name)
        if refs:
            # Statistics do not depend on effective_order, so one extraction serves both levels.
            stats = _statistics(corpus, cands, refs)
            for row, st in zip(pairs, stats):
                row[name] = round(float(sent._compute_score_from_stats(st).score), 4)
            document[name] = round(float(corpus._aggregate_and_compute(stats).score), 4)
        corpus.num_refs = 1  # one reference per segment, always
        signatures[name] = f"{corpus.get_signature().format()}|{NORMALISATION}"
    return MetricScores(tuple(pairs), document, signatures)
