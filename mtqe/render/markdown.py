"""A short Markdown summary for a ticket or PR comment: scores, verdict, flag counts, riskiest segments.

Article text (and flag messages, which quote it) is escaped: every character that can open inline
Markdown gets a backslash (CommonMark and GitHub honour these everywhere, ``\\|``
included inside tables), and newlines become spaces, so text can neither break a table nor turn
into links, images, HTML or emphasis; @mentions and #references cannot notify anyone. Flagged
spans of the copy are shown in bold.
"""

from __future__ import annotations

import re
from pathlib import PurePath

from ..report import SEVERITIES, Report, Segment
from .text import merge_spans

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


def _fmt(value: float | None, digits: int = 1) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


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


def _segment(seg: Segment) -> list[str]:
    sc = seg.scores
    head = f"#### Segment {seg.index} ({seg.kind}): risk {seg.risk:.2f}"
    if sc.get("chrf") is not None:
        head += f", chrF {_fmt(sc['chrf'])}, BLEU {_fmt(sc.get('bleu'))}"
    if sc.get("comet") is not None:
        head += f", COMET {_fmt(sc['comet'], 3)}"
    lines = [head, ""]
    ref_spans = [f.ref_span for f in seg.flags if f.ref_span]
    cand_spans = [f.cand_span for f in seg.flags if f.cand_span]
    ref = _bold_spans(_clip(seg.ref), ref_spans) if seg.ref else "_\\(not in the reference\\)_"
    cand = _bold_spans(_clip(seg.cand), cand_spans) if seg.cand else "_\\(missing from the copy\\)_"
    lines += [f"> **Reference:** {ref}", ">", f"> **Copy:** {cand}", ""]
    for f in seg.flags:
        lines.append(f"- **{f.category} / {f.severity}** `{f.code}`: {escape(f.message)}")
    if seg.flags:
        lines.append("")
    return lines


def render(report: Report, top: int = 5) -> str:
    ref = PurePath(report.reference.path).name if report.reference.path else "reference"
    cand = PurePath(report.candidate.path).name if report.candidate.path else "copy"
    s = report.scores
    lines = [f"### mtqe: {escape(ref)} vs {escape(cand)}", ""]
    verdict = f"**Relation:** {escape(report.relation or 'unknown')}"
    if report.verdict is not None:
        verdict += f" · **Gate:** {'PASS' if report.verdict.passed else 'FAIL'}"
    lines += [verdict, ""]
    if report.verdict is not None and report.verdict.reasons:
        lines += [f"- {escape(r)}" for r in report.verdict.reasons] + [""]
    lines += [
        "| Score | Document |",
        "|---|---:|",
        f"| BLEU | {_fmt(s.get('bleu'))} |",
        f"| chrF | {_fmt(s.get('chrf'))} |",
        f"| COMET | {_fmt(s.get('comet'), 3)} |",
        f"| Coverage | {report.coverage:.0%} |",
        "",
    ]
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
    risky = [seg for seg in report.ranked()[:top] if seg.risk > 0]
    if risky:
        lines += [f"#### Top {len(risky)} riskiest segments", "",
                  "| # | Kind | Risk | chrF | Flags |", "|---:|---|---:|---:|---|"]
        for seg in risky:
            flags = ", ".join(f"{f.category}/{f.severity}" for f in seg.flags) or "–"
            lines.append(f"| {seg.index} | {seg.kind} | {seg.risk:.2f} | {_fmt(seg.scores.get('chrf'))} | {escape(flags)} |")
        lines.append("")
        for seg in risky:
            lines += _segment(seg)
    lines.append(f"<sub>mtqe {escape(report.mtqe_version)}, {len(report.segments)} segments</sub>")
    return "\n".join(lines).rstrip() + "\n"
