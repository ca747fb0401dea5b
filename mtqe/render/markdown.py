"""A short Markdown summary for a ticket or PR comment: scores, verdict, flag counts, riskiest segments
(every segment with a critical flag among them, however many); also the corpus summary.

Article text (and flag messages, which quote it) is escaped: every character that can open inline
Markdown gets a backslash (CommonMark and GitHub honour these everywhere, ``\\|``
included inside tables), and newlines become spaces, so text can neither break a table nor turn
into links, images, HTML or emphasis; @mentions and #references cannot notify anyone. Flagged
spans of the copy are shown in bold.
"""

from __future__ import annotations

import re
from pathlib import PurePath
from typing import TYPE_CHECKING

from ..report import SEVERITIES, Report, Segment
from . import Renderer, View, label, score_text
from ._shared import evidence_line, highlights_title, merge_spans, worst_first

if TYPE_CHECKING:
    from ..summary import Summary

# Characters that can start markup anywhere in a line (emphasis, code, links, images, HTML,
# entities, tables, strikethrough, GitHub math). The text is never placed at the start of a line,
# so block markers (#, -, +, 1.) need no escape.
_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&!$])")
# "@user" and "#123" in article text would notify people or link issues where the comment is posted;
# a word joiner (U+2060, invisible) after the mark keeps the text and drops the reference.
_REFERENCE = re.compile(r"(?<!\w)([@#])(?=\w)")
_MAX_TEXT = 400


def escape(text: str) -> str:
    """Markdown-safe literal text on one line."""
    text = _SPECIAL.sub(r"\\\1", " ".join(str(text).split()))
    return _REFERENCE.sub("\\1\u2060", text)


def _clip(text: str, limit: int = _MAX_TEXT) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _bold_spans(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` escaped, with the (merged) spans in bold."""
    merged = merge_spans(spans, len(text))
    out, pos = [], 0
    for s, e in merged:
        # keep whitespace outside the ** so the emphasis delimiters stay flanking
        inner = text[s:e]
        lead = len(inner) - len(inner.lstrip())
        trail = len(inner) - len(inner.rstrip())
        s2, e2 = s + lead, e - trail
        out.append(_SPECIAL.sub(r"\\\1", text[pos:s2]))
        if s2 < e2:
            out.append("**" + _SPECIAL.sub(r"\\\1", text[s2:e2]) + "**")
        pos = max(pos, e2)
    out.append(_SPECIAL.sub(r"\\\1", text[pos:]))
    return " ".join("".join(out).split())


def _segment(seg: Segment, metrics: tuple[str, ...]) -> list[str]:
    head = f"#### Segment {seg.index} ({seg.kind}): risk {seg.risk:.2f}"
    scored = [f"{label(m)} {score_text(m, seg.scores[m])}" for m in metrics if seg.scores.get(m) is not None]
    if scored:
        head += ", " + ", ".join(scored)
    lines = [head, ""]
    ref_spans = [f.ref_span for f in seg.flags if f.ref_span]
    cand_spans = [f.cand_span for f in seg.flags if f.cand_span]
    ref = _bold_spans(_clip(seg.ref), ref_spans) if seg.ref else "_\\(not in the reference\\)_"
    cand = _bold_spans(_clip(seg.cand), cand_spans) if seg.cand else "_\\(missing from the copy\\)_"
    lines += [f"> **Reference:** {ref}", ">", f"> **Copy:** {cand}", ""]
    for f in worst_first(seg.flags):
        lines.append(f"- **{f.category} / {f.severity}** `{f.code}`: {escape(f.message)}")
    if seg.flags:
        lines.append("")
    return lines


def render(report: Report, view: View = View()) -> str:
    ref = PurePath(report.reference.path).name if report.reference.path else "reference"
    cand = PurePath(report.candidate.path).name if report.candidate.path else "copy"
    metrics = report.metrics
    lines = [f"### mtqe: {escape(ref)} vs {escape(cand)}", ""]
    verdict = f"**Relation:** {escape(report.relation or 'unknown')}"
    if report.verdict is not None:
        verdict += f" · **Gate:** {'PASS' if report.verdict.passed else 'FAIL'}"
    lines += [verdict, ""]
    if report.evidence:
        lines += [f"*{escape(evidence_line(report))}*", ""]
    if report.verdict is not None and report.verdict.reasons:
        lines += [f"- {escape(r)}" for r in report.verdict.reasons] + [""]
    lines += ["| Score | Document |", "|---|---:|"]
    lines += [f"| {escape(label(m))} | {score_text(m, report.scores.get(m), '–')} |" for m in metrics]
    lines += [f"| Coverage | {report.coverage:.0%} |", ""]
    for note in report.notes:
        lines += [f"> Note: {escape(note)}", ""]
    counts = report.flag_counts()
    sevs = list(reversed(SEVERITIES))
    if counts:
        totals = {sev: sum(c[sev] for c in counts.values()) for sev in sevs}
        lines += [
            f"**Flags:** {len(report.flags)} (" + ", ".join(f"{totals[v]} {v}" for v in sevs) + ")",
            "",
            "| Category | " + " | ".join(sevs) + " | total |",
            "|---|" + "---:|" * (len(sevs) + 1),
        ]
        lines += [f"| {escape(cat)} | " + " | ".join(str(c[v]) for v in sevs) + f" | {c['total']} |"
                  for cat, c in counts.items()]
        lines.append("")
    else:
        lines += ["**Flags:** none", ""]
    shown = report.highlights(view.top, view.sort)
    if shown:
        lines += [f"#### {escape(highlights_title(report, shown, view))}", "",
                  "| # | Kind | Risk | " + "".join(f"{escape(label(m))} | " for m in metrics) + "Flags |",
                  "|---:|---|---:|" + "---:|" * len(metrics) + "---|"]
        for seg in shown:
            flags = ", ".join(f"{f.category}/{f.severity}" for f in worst_first(seg.flags)) or "–"
            lines.append(f"| {seg.index} | {seg.kind} | {seg.risk:.2f} | "
                         + "".join(f"{score_text(m, seg.scores.get(m), '–')} | " for m in metrics) + f"{escape(flags)} |")
        lines.append("")
        for seg in shown:
            lines += _segment(seg, metrics)
    lines.append(f"<sub>mtqe {escape(report.mtqe_version)}, {len(report.segments)} segments</sub>")
    return "\n".join(lines).rstrip() + "\n"


def render_summary(summary: Summary) -> str:
    """The corpus summary for a ticket: counts, per-metric quantiles, gate, flags, the riskiest items."""
    d = summary.to_dict()
    lines = ["### mtqe corpus summary", "",
             f"**Items:** {d['items']} ({d['reports']} reports, {d['errors']} errors)", ""]
    if d["gate"]:
        lines += [f"**Gate:** {escape(summary.gate_line())}", ""]
    rows = [(m, r) for m, r in d["scores"].items() if r]
    if rows:
        lines += ["| Score | n | mean | p10 | p50 | p90 |", "|---|---:|---:|---:|---:|---:|"]
        lines += [f"| {escape(label(m))} | {r['n']} | {r['mean']:.2f} | {r['p10']:.2f} | {r['p50']:.2f} | {r['p90']:.2f} |"
                  for m, r in rows]
        lines.append("")
    if d["relations"]:
        lines += ["**Relations:** " + ", ".join(f"{escape(k)} {v}" for k, v in d["relations"].items()), ""]
    if d["flags"]:
        lines += ["| Category | flags | items |", "|---|---:|---:|"]
        lines += [f"| {escape(c)} | {r['total']} | {r['items']} |" for c, r in d["flags"].items()]
        lines.append("")
    if d["worst_risk"]:
        lines += ["#### Highest segment risk", "", "| Item | max risk | worst flag | chrF |", "|---|---:|---|---:|"]
        lines += [f"| {escape(w['id'])} | {w['max_risk']:.2f} | {escape(w['worst_flag'] or '–')} | "
                  f"{score_text('chrf', w['chrf'], '–')} |" for w in d["worst_risk"]]
        lines.append("")
    if d["error_types"]:
        lines += ["**Errors:** " + ", ".join(f"{escape(k)} {v}" for k, v in d["error_types"].items()), ""]
    return "\n".join(lines).rstrip() + "\n"


class MarkdownRenderer(Renderer):
    name = "markdown"
    suffixes = (".md",)

    def report(self, report: Report, view: View) -> str:
        return render(report, view)

    def summary(self, summary: Summary, view: View) -> str:
        return render_summary(summary)


RENDERER = MarkdownRenderer()
