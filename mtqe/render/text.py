"""Terminal view: verdict and scores, the riskiest segments with flagged spans highlighted, then every segment.

``renderable()`` builds the rich view for a live console (rich itself honours NO_COLOR, the
terminal's width, and drops every escape code when stdout is not a terminal). ``render()`` returns
the same view as plain text. Where styles cannot show (plain text, or a console without colours)
flagged spans are also bracketed ``[[like this]]`` so the highlight survives.
The corpus summary's text form is here too (``TextRenderer.summary``).
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ..report import Report, Segment
from . import Renderer, View, label, score_text
from ._shared import evidence_line, highlights_title, merge_spans, worst_first

if TYPE_CHECKING:
    from ..summary import Summary

SEVERITY_STYLE = {"minor": "yellow", "major": "bold dark_orange", "critical": "bold red"}


def scores_text(metrics: tuple[str, ...], scores: dict) -> list[str]:
    """``["BLEU 50.9", "TER 33.7", ...]``: each requested metric, "-" where it has no value."""
    return [f"{label(m)} {score_text(m, scores.get(m))}" for m in metrics]


def verdict_line(report: Report) -> str:
    """One line: relation, the requested scores, coverage, flags, and the gate result when one was applied."""
    parts = [f"relation: {report.relation}", *scores_text(report.metrics, report.scores)]
    parts.append(f"coverage {report.coverage:.0%}")
    counts = {sev: sum(f.severity == sev for f in report.flags) for sev in ("critical", "major", "minor")}
    parts.append("flags " + ", ".join(f"{n} {sev}" for sev, n in counts.items()))
    if report.verdict is not None:
        parts.insert(0, "PASS" if report.verdict.passed else "FAIL")
    return " | ".join(parts)


def highlighted(text: str, spans: list[tuple[tuple[int, int], str]], *, brackets: bool = False) -> Text:
    """The text with each (span, severity) styled; overlapping spans keep the stronger style last.

    With ``brackets`` the (merged) spans are also wrapped in ``[[ ]]``, for output without styles.
    """
    order = {"minor": 0, "major": 1, "critical": 2}
    if brackets:
        cuts = merge_spans([span for span, _ in spans], len(text))
        pieces, pos = [], 0
        for s, e in cuts:
            pieces += [text[pos:s], "[[", text[s:e], "]]"]
            pos = e
        pieces.append(text[pos:])

        def moved(i: int) -> int:
            return i + 4 * sum(1 for s, e in cuts if e <= i) + 2 * sum(1 for s, e in cuts if s <= i < e)

        out = Text("".join(pieces))
        for (start, end), sev in sorted(spans, key=lambda x: order[x[1]]):
            out.stylize(f"{SEVERITY_STYLE[sev]} underline", moved(start), moved(end - 1) + 1)
        return out
    out = Text(text)
    for (start, end), sev in sorted(spans, key=lambda x: order[x[1]]):
        out.stylize(f"{SEVERITY_STYLE[sev]} underline", start, end)
    return out


def _segment_panel(seg: Segment, metrics: tuple[str, ...], brackets: bool = False) -> Panel:
    ref_spans = [(f.ref_span, f.severity) for f in seg.flags if f.ref_span]
    cand_spans = [(f.cand_span, f.severity) for f in seg.flags if f.cand_span]
    body = Table.grid(padding=(0, 1))
    body.add_column(style="dim", no_wrap=True)
    body.add_column()
    body.add_row("ref", highlighted(seg.ref, ref_spans, brackets=brackets) if seg.ref else Text("(nothing)", style="dim"))
    body.add_row("copy", highlighted(seg.cand, cand_spans, brackets=brackets) if seg.cand else Text("(nothing)", style="dim"))
    for f in worst_first(seg.flags):
        body.add_row("", Text.assemble((f"{f.code} {f.category}/{f.severity}", SEVERITY_STYLE[f.severity]), f"  {f.message}"))
    title = "  ".join([f"segment {seg.index} ({seg.kind})", f"risk {seg.risk:.2f}", *scores_text(metrics, seg.scores)])
    return Panel(body, title=title, title_align="left")


def _table(report: Report) -> Table:
    t = Table(title="All segments (document order)", title_justify="left", expand=False)
    metrics = report.metrics
    for col, just in (("#", "right"), ("ref", "left"), ("copy", "left"), *((label(m), "right") for m in metrics),
                      ("risk", "right"), ("flags", "left")):
        t.add_column(col, justify=just, overflow="fold")
    for seg in report.segments:
        t.add_row(
            str(seg.index),
            ",".join(map(str, seg.ref_ids)) or "-",
            ",".join(map(str, seg.cand_ids)) or "-",
            *(score_text(m, seg.scores.get(m)) for m in metrics),
            f"{seg.risk:.2f}",
            " ".join(f.code for f in seg.flags),
        )
    return t


def renderable(report: Report, view: View = View(), *, brackets: bool = False) -> RenderableType:
    """The rich view; ``brackets`` also marks flagged spans with [[ ]] (for consoles without styles)."""
    header = Text.assemble(
        (f"{report.reference.path or '<reference>'}", "bold"), "  vs  ", (f"{report.candidate.path or '<copy>'}", "bold"),
        "\n", verdict_line(report),
    )
    parts: list[RenderableType] = [header]
    if report.evidence:
        parts.append(Text(evidence_line(report), style="dim"))
    if report.verdict is not None and report.verdict.reasons:
        parts.append(Text("\n".join(f"  - {r}" for r in report.verdict.reasons), style="red"))
    for note in report.notes:
        parts.append(Text(f"note: {note}", style="yellow"))
    shown = report.highlights(view.top, view.sort)
    if shown:
        parts.append(Text("\n" + highlights_title(report, shown, view), style="bold"))
        parts.extend(_segment_panel(s, report.metrics, brackets) for s in shown)
    parts.append(_table(report))
    return Group(*parts)


def plain_console(console: Console) -> bool:
    """True when ``console`` will show no colour (piped, NO_COLOR, TERM=dumb): mark spans with brackets."""
    return console.color_system is None or console.no_color


def render(report: Report, view: View = View()) -> str:
    """The view as plain text (no escape codes), ``view.width`` columns wide."""
    buf = io.StringIO()
    console = Console(file=buf, width=view.width, color_system=None, no_color=True, force_terminal=False,
                      force_jupyter=False, legacy_windows=False, emoji=False, highlight=False)
    console.print(renderable(report, view, brackets=True))
    return buf.getvalue()


def render_summary(summary: Summary) -> str:
    """The corpus summary in a few lines: counts, score quantiles per metric, relations, gate, flags, worst items."""
    d = summary.to_dict()
    lines = [f"items: {d['items']}  reports: {d['reports']}  errors: {d['errors']}"]
    for m, row in d["scores"].items():
        if row:
            lines.append(f"{label(m):6} mean {row['mean']:7.2f}  p10 {row['p10']:7.2f}  p50 {row['p50']:7.2f}  "
                         f"p90 {row['p90']:7.2f}  (n={row['n']})")
    if d["relations"]:
        lines.append("relations: " + ", ".join(f"{k} {v}" for k, v in d["relations"].items()))
    if d["gate"]:
        lines.append(summary.gate_line())
    if d["flags"]:
        lines.append("flags: " + ", ".join(f"{k} {v['total']} (in {v['items']} items)" for k, v in d["flags"].items()))
    if d["error_types"]:
        lines.append("errors: " + ", ".join(f"{k} {v}" for k, v in d["error_types"].items()))
    if d["worst_chrf"]:
        lines.append("lowest chrF: " + ", ".join(f"{w['id']} ({w['chrf']:.1f})" for w in d["worst_chrf"]))
    if d["worst_risk"]:
        lines.append("highest risk: " + ", ".join(
            f"{w['id']} ({w['max_risk']:.2f}" + (f", {w['worst_flag']}" if w.get("worst_flag") else "") + ")"
            for w in d["worst_risk"]))
    return "\n".join(lines) + "\n"


class TextRenderer(Renderer):
    name = "text"
    suffixes = (".txt",)

    def report(self, report: Report, view: View) -> str:
        return render(report, view)

    def summary(self, summary: Summary, view: View) -> str:
        return render_summary(summary)

    def terminal(self, report: Report, view: View, console: Console) -> RenderableType:
        # rich honours the console's width, colours and TTY-ness; brackets where colour cannot show
        return renderable(report, view, brackets=plain_console(console))


RENDERER = TextRenderer()
