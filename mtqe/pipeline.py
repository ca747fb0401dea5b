"""load -> segment -> align -> score -> detect -> rank: one comparison, end to end."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Sequence

from . import __version__, detectors, metrics
from .align import align
from .context import DocumentContext
from .document import Document, check_pair, from_text, read_document
from .errors import MtqeError
from .house_rules import apply_house_rules
from .langid import detect_language
from .options import Options
from .report import Report, Segment, Side
from .risk import segment_risk
from .segment import Sentence, split
from .text import squeeze
from .verdict import decide

log = logging.getLogger("mtqe")


@dataclass(frozen=True)
class _Joined:
    text: str
    starts: tuple[int, ...]


def _join(sentences: Sequence[Sentence], ids: Sequence[int]) -> _Joined:
    starts, parts, pos = [], [], 0
    for i in ids:
        starts.append(pos)
        parts.append(sentences[i].text)
        pos += len(sentences[i].text) + 1
    return _Joined(" ".join(parts), tuple(starts) or (0,))


class Comparer:
    """Compares document pairs with fixed options; holds the detectors and COMET model across pairs."""

    def __init__(self, options: Options | None = None):
        self.options = options or Options()
        self.detectors = detectors.selected(self.options.select, self.options.ignore)
        self._comet = None

    def load(self, path: str) -> Document:
        o = self.options
        return read_document(path, max_mb=o.max_mb, encoding=o.encoding, input_format=o.input_format)

    def compare_documents(self, ref_doc: Document, cand_doc: Document) -> Report:
        ref_sents, cand_sents = split(ref_doc), split(cand_doc)
        ref_texts, cand_texts = tuple(s.text for s in ref_sents), tuple(s.text for s in cand_sents)
        beads = align(ref_texts, cand_texts)
        joined = [(_join(ref_sents, b.ref), _join(cand_sents, b.cand)) for b in beads]

        aligned = [k for k, b in enumerate(beads) if b.ref and b.cand]
        scored = metrics.score(  # metrics squeezes the texts itself (the signature's norm:typo)
            [joined[k][0].text for k in aligned], [joined[k][1].text for k in aligned], self.options.metrics,
        )
        seg_scores: list[dict[str, float | None]] = [dict.fromkeys(("bleu", "chrf", "comet")) for _ in beads]
        for k, row in zip(aligned, scored.pairs):
            seg_scores[k].update(row)
        doc_scores: dict[str, float | None] = {"bleu": None, "chrf": None, "comet": None, **scored.document}

        if self.options.semantic:  # opt-in: each aligned pair's sentence similarity, a risk input
            from .semantic import add_similarity

            doc_scores["semantic"] = add_similarity(
                [(joined[k][0].text, joined[k][1].text) for k in aligned], [seg_scores[k] for k in aligned])
        notes: list[str] = []
        comet_model, comet_flags = None, {}
        if self.options.comet:
            comet_model, comet_flags = self._score_comet(joined, aligned, seg_scores, doc_scores, notes)

        # what the detectors know about both documents, for this comparison only
        context = DocumentContext(ref_doc.text, cand_doc.text, ref_texts, cand_texts)
        segments = []
        for k, (bead, (r, c)) in enumerate(zip(beads, joined)):
            pair = detectors.SegmentPair(
                r.text, c.text, r.starts, c.starts, ref_doc.text, cand_doc.text, ref_texts, cand_texts, bead.moved, context
            )
            flags = apply_house_rules(self.options, r.text, c.text, (*detectors.run(self.detectors, pair), *comet_flags.get(k, ())))
            risk = segment_risk(flags, seg_scores[k], reference=r.text, unaligned=not (bead.ref and bead.cand))
            segments.append(Segment(k, bead.ref, bead.cand, r.text, c.text, seg_scores[k], risk, flags, bead.moved))

        ref_lang, cand_lang = detect_language(ref_doc.text), detect_language(cand_doc.text)
        covered = sum(len(b.ref) for b in beads if b.cand)
        coverage = round(covered / len(ref_sents), 4) if ref_sents else 0.0
        decision = decide(
            segments, identical=squeeze(ref_doc.text) == squeeze(cand_doc.text), ref_lang=ref_lang,
            cand_lang=cand_lang, coverage=coverage, ref_sentences=len(ref_sents), cand_sentences=len(cand_sents),
        )
        return Report(
            mtqe_version=__version__,
            reference=Side(ref_doc.path, len(ref_sents), ref_lang),
            candidate=Side(cand_doc.path, len(cand_sents), cand_lang),
            scores=doc_scores,
            signatures=scored.signatures,
            coverage=coverage,
            relation=decision.relation,
            evidence=decision.evidence,
            confidence=decision.confidence,
            segments=tuple(segments),
            comet_model=comet_model,
            notes=tuple(notes),
        )

    def _score_comet(self, joined, aligned, seg_scores, doc_scores, notes):
        """Add COMET scores in place; return the model name (None when optional COMET failed) and
        error-span flags by segment index (XCOMET-style models only)."""
        from . import comet  # light at import; torch/comet load inside get_scorer

        try:
            if self._comet is None:
                self._comet = comet.get_scorer(
                    self.options.comet_model, batch_size=self.options.batch_size,
                    gpus=self.options.gpus, verbose=self.options.verbose,
                )
            triples = [(joined[k][0].text, joined[k][1].text, joined[k][0].text) for k in aligned]
            out = self._comet.score(triples) if triples else None
        except MtqeError as e:
            if self.options.comet_required:
                raise
            notes.append(f"COMET skipped: {e}")
            log.warning("COMET skipped: %s", e)
            return None, {}
        flags = {}
        if out is not None:
            for k, value in zip(aligned, out.scores):
                seg_scores[k]["comet"] = round(float(value), 4)
            doc_scores["comet"] = round(sum(out.scores) / len(out.scores), 4)
            for k, spans in zip(aligned, out.error_spans or ()):
                flags[k] = comet.error_span_flags(spans, joined[k][1].text)
        return self._comet.name, flags

    def compare_texts(self, reference: str, candidate: str) -> Report:
        mb, fmt = self.options.max_mb, self.options.input_format
        return self.compare_documents(from_text(reference, max_mb=mb, input_format=fmt),
                                      from_text(candidate, max_mb=mb, input_format=fmt))

    def compare_files(self, reference: str, candidate: str) -> Report:
        check_pair(reference, candidate)
        return self.compare_documents(self.load(reference), self.load(candidate))


def compare(reference: str, candidate: str, **options) -> Report:
    """Compare a reference article with a suspected round-trip copy (both given as text)."""
    return Comparer(Options.build(**options)).compare_texts(reference, candidate)
