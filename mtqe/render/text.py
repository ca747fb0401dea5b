"""Terminal view: verdict and scores, the riskiest segments with flagged spans highlighted, then every segment.

``renderable()`` builds the rich view for a live console (rich itself honours NO_COLOR, the
terminal's width, and drops every escape code when stdout is not a terminal). ``render()`` returns
the same view as plain text. Where styles cannot show (plain text, or a console without colours)
flagged spans are also bracketed ``[[like this]]`` so the highlight survives.
"""

from __future__ import annotations

import io

from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ..report import Report, Segment

SEVERITY_STYLE = {"minor": "yellow", "major": "bold dark_orange", "critical": "bold red"}


def _fmt(value: float | None, digits: int = 1) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def verdict_line(report: Report) -> str:
    """One line: relation, scores, coverage, flags, and the gate result when one was applied."""
    s = report.scores
    parts = [
        f"relation: {report.relation}",
        f"BLEU {_fmt(s.get('bleu'))}",
        f"chrF {_fmt(s.get('chrf'))}",
    ]
    if s.get("comet") is not None:
        parts.append(f"COMET {_fmt(s['comet'], 3)}")
    parts.append(f"coverage {report.coverage:.0%}")
    counts = {sev: sum(f.severity == sev for f in report.flags) for sev in ("critical", "major", "minor")}
    parts.append("flags " + ", ".join(f"{n} {sev}" for sev, n in counts.items()))
    if report.verdict is not None:
        parts.insert(0, "PASS" if report.verdict.passed else "FAIL")
    return " | ".join(parts)


def merge_spans(spans: list[tuple[int, int]], n: int) -> list[tuple[int, int]]:
    """Spans clipped to [0, n), sorted, overlapping ones merged (shared with the Markdown renderer)."""
    out: list[list[int]] = []
    for s, e in sorted((max(0, s), min(n, e)) for s, e in spans):
        if s >= e:
            continue
        if out and s <= out[-1][1]:
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    return [(s, e) for s, e in out]


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


def _segment_panel(seg: Segment, brackets: bool = False) -> Panel:
    ref_spans = [(f.ref_span, f.severity) for f in seg.flags if f.ref_span]
    cand_spans = [(f.cand_span, f.severity) for f in seg.flags if f.cand_span]
    body = Table.grid(padding=(0, 1))
    body.add_column(style="dim", no_wrap=True)
    body.add_column()
    body.add_row("ref", highlighted(seg.ref, ref_spans, brackets=brackets) if seg.ref else Text("(nothing)", style="dim"))
    body.add_row("copy", highlighted(seg.cand, cand_spans, brackets=brackets) if seg.cand else Text("(nothing)", style="dim"))
    for f in seg.flags:
        body.add_row("", Text.assemble((f"{f.code} {f.category}/{f.severity}", SEVERITY_STYLE[f.severity]), f"  {f.message}"))
    sc = seg.scores
    title = f"segment {seg.index} ({seg.kind})  risk {seg.risk:.2f}  chrF {_fmt(sc.get('chrf'))}  BLEU {_fmt(sc.get('bleu'))}"
    if sc.get("comet") is not None:
        title += f"  COMET {_fmt(sc['comet'], 3)}"
    return Panel(body, title=title, title_align="left")


def _table(report: Report) -> Table:
    t = Table(title="All segments (document order)", title_justify="left", expand=False)
    for col, just in (("#", "right"), ("ref", "left"), ("copy", "left"), ("chrF", "right"),
                      ("BLEU", "right"), ("risk", "right"), ("flags", "left")):
        t.add_column(col, justify=just, overflow="fold")
    if any(s.scores.get("comet") is not None for s in report.segments):
        t.add_column("COMET", justify="right")
    for seg in report.segments:
        row = [
            str(seg.index),
            ",".join(map(str, seg.ref_ids)) or "-",
            ",".join(map(str, seg.cand_ids)) or "-",
            _fmt(seg.scores.get("chrf")),
            _fmt(seg.scores.get("bleu")),
            f"{seg.risk:.2f}",
            " ".join(f.code for f in seg.flags),
        ]
        if len(t.columns) == 8:
            row.append(_fmt(seg.scores.get("comet"), 3))
        t.add_row(*row)
    return t


def renderable(report: Report, top: int = 5, *, brackets: bool = False) -> RenderableType:
    """The rich view; ``brackets`` also marks flagged spans with [[ ]] (for consoles without styles)."""
    header = Text.assemble(
        (f"{report.reference.path or '<reference>'}", "bold"), "  vs  ", (f"{report.candidate.path or '<copy>'}", "bold"),
        "\n", verdict_line(report),
    )
    parts: list[RenderableType] = [header]
    if report.verdict is not None and report.verdict.reasons:
        parts.append(Text("\n".join(f"  - {r}" for r in report.verdict.reasons), style="red"))
    for note in report.notes:
        parts.append(Text(f"note: {note}", style="yellow"))
    risky = [s for s in report.ranked()[:top] if s.risk > 0]
    if risky:
        parts.append(Text(f"\nTop {len(risky)} riskiest segments", style="bold"))
        parts.extend(_segment_panel(s, brackets) for s in risky)
    parts.append(_table(report))
    return Group(*parts)


def plain_console(console: Console) -> bool:
    """True when ``console`` will show no colour (piped, NO_COLOR, TERM=dumb): mark spans with brackets."""
    return console.color_system is None or console.no_color


def print_report(report: Report, top: int = 5, console: Console | None = None) -> None:
    """Print the view to a live console (stdout by default), honouring its width, colours and TTY-ness."""
    console = console or Console()
    console.print(renderable(report, top, brackets=plain_console(console)))


def render(report: Report, top: int = 5, *, width: int = 100) -> str:
    """The view as plain text (no escape codes), ``width`` columns wide."""
    buf = io.StringIO()
    console = Console(file=buf, width=width, color_system=None, no_color=True, force_terminal=False,
                      force_jupyter=False, legacy_windows=False, emoji=False, highlight=False)
    console.print(renderable(report, top, brackets=True))
    return buf.getvalue()
