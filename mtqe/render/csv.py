"""One CSV row per segment (csv module, RFC 4180 quoting, "\\n" line ends).

Columns: index, ref_ids, cand_ids, ref, cand, bleu, chrf, comet, risk, flags; every other requested
metric (``chrf++``, ``ter``) gets its own column after ``comet``. Rows are in document order (sort
them in the spreadsheet: ``--sort`` orders the human views). Sentence ids are space-separated; a missing score is an empty cell. ``flags`` joins each flag as
``CODE:category:severity:"ref text"->"copy text"`` (JSON-quoted strings; a side without text is
``""``; a flag with no text at all gives its message) with ``"; "`` between flags.
Article text that a spreadsheet would read as a formula (starting with = + - @ tab or CR) gets a
leading apostrophe, the usual guard against CSV formula injection.
"""

from __future__ import annotations

import csv as _csv
import io
import json

from ..report import Flag, Report
from . import Renderer, View

HEADER = ("index", "ref_ids", "cand_ids", "ref", "cand", "bleu", "chrf", "comet", "risk", "flags")
_BASE_METRICS = ("bleu", "chrf", "comet")  # always present, empty when not scored: a stable layout
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(text: str) -> str:
    return "'" + text if text.startswith(_FORMULA_START) else text


def _num(value: float | None) -> str:
    return "" if value is None else repr(round(float(value), 4))


def _q(text: str | None) -> str:
    return json.dumps(text or "", ensure_ascii=False)


def flag_text(f: Flag) -> str:
    head = f"{f.code}:{f.category}:{f.severity}:"
    if f.ref_text is None and f.cand_text is None:
        return head + _q(f.message)
    return f"{head}{_q(f.ref_text)}->{_q(f.cand_text)}"


def columns(report: Report) -> tuple[str, ...]:
    """HEADER, with a column for each requested metric beyond BLEU, chrF and COMET after ``comet``."""
    extra = tuple(m for m in report.metrics if m not in _BASE_METRICS)
    at = HEADER.index("comet") + 1
    return HEADER[:at] + extra + HEADER[at:]


def render(report: Report) -> str:
    buf = io.StringIO()
    writer = _csv.writer(buf, lineterminator="\n")
    header = columns(report)
    metrics = header[HEADER.index("bleu"): header.index("risk")]
    writer.writerow(header)
    for seg in report.segments:
        writer.writerow((
            seg.index,
            " ".join(map(str, seg.ref_ids)),
            " ".join(map(str, seg.cand_ids)),
            _cell(seg.ref),
            _cell(seg.cand),
            *(_num(seg.scores.get(m)) for m in metrics),
            _num(seg.risk),
            "; ".join(flag_text(f) for f in seg.flags),
        ))
    return buf.getvalue()


class CsvRenderer(Renderer):
    name = "csv"
    suffixes = (".csv",)

    def report(self, report: Report, view: View) -> str:
        return render(report)


RENDERER = CsvRenderer()
