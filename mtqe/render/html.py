"""One self-contained HTML page: both articles side by side, differences and flags highlighted.

No network: inline CSS and JS only, and a Content-Security-Policy that allows nothing else (the
page's own script and stylesheet are allowed by hash, so even an injected ``<script>`` or
``onerror=`` could not run). All article text goes through Jinja2 autoescaping or
``markupsafe.escape``; the only ``Markup`` built here is assembled from escaped pieces.
The header lists the most serious segments (``View.top`` in ``View.sort`` order, plus every one
with a critical flag) with links to them. Without JavaScript the segment table is in document
order; the script adds sorting (worst flag, risk, chrF, COMET) and a category filter.
"""

from __future__ import annotations

import base64
import difflib
import hashlib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import PurePath
from typing import TYPE_CHECKING, Iterable

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from ..report import SEVERITIES, SEVERITY_RANK, UNIT_SCORES, Flag, Report, Segment
from ..text import fold
from . import Renderer, View, label, score_text
from ._shared import highlights_title, worst_first

if TYPE_CHECKING:
    from ..summary import Summary

# Word tokens for the diff: runs of word characters, or single other non-space characters.
_TOKEN = re.compile(r"\w+|[^\w\s]")
RELATION_TEXT = {
    "identical": "The copy is identical to the reference.",
    "light-edit": "The copy is a lightly edited version of the reference.",
    "round-trip-suspect": "The copy looks like a machine-translation round trip of the reference.",
    "unrelated": "The copy covers too little of the reference to be a copy of it.",
    "different-language": "The copy is in a different language from the reference.",
}


# ---------------------------------------------------------------- highlighting


def _tokens(text: str) -> list[tuple[int, int, str]]:
    # compared in the detectors' folded form (curly quotes, dashes, odd spaces), so the diff shows
    # exactly what they saw; fold keeps the length, so offsets stay valid
    folded = fold(text)
    return [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(folded)]


def word_diff(ref: str, cand: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Character ranges of the reference words deleted and the copy words inserted (difflib on word tokens)."""
    a, b = _tokens(ref), _tokens(cand)
    matcher = difflib.SequenceMatcher(None, [t[2] for t in a], [t[2] for t in b], autojunk=False)
    deleted, inserted = [], []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        if i2 > i1:
            deleted.append((a[i1][0], a[i2 - 1][1]))
        if j2 > j1:
            inserted.append((b[j1][0], b[j2 - 1][1]))
    return deleted, inserted


@dataclass
class _Mark:
    start: int
    end: int
    number: int
    flag: Flag


def _valid(span: tuple[int, int] | None, n: int) -> tuple[int, int] | None:
    if not span:
        return None
    start, end = max(0, int(span[0])), min(n, int(span[1]))
    return (start, end) if start < end else None


def _flag_title(f: Flag) -> str:
    return f"{f.code} {f.category} / {f.severity}: {f.message}"


def highlight(text: str, changed: Iterable[tuple[int, int]], marks: list[_Mark], change_tag: str) -> Markup:
    """``text`` escaped, with changed ranges in <del>/<ins> and flagged spans in <mark> plus a numbered marker.

    The text is cut at every range boundary; each piece is wrapped flat (no crossing tags), so
    overlapping flags and diff ranges combine: a piece inside two flags takes the stronger severity.
    """
    n = len(text)
    changed = [r for r in (_valid(c, n) for c in changed) if r]
    marks = [m for m in marks if 0 <= m.start < m.end <= n]
    cuts = {0, n}
    for s, e in changed:
        cuts.update((s, e))
    for m in marks:
        cuts.update((m.start, m.end))
    points = sorted(cuts)
    out: list[str] = []
    for a, b in zip(points, points[1:]):
        piece = str(escape(text[a:b]))
        if any(s <= a and b <= e for s, e in changed):
            piece = f'<{change_tag}>{piece}</{change_tag}>'
        inside = [m for m in marks if m.start <= a and b <= m.end]
        if inside:
            worst = max(inside, key=lambda m: SEVERITY_RANK[m.flag.severity]).flag.severity
            cats = " ".join(sorted({f"cat-{m.flag.category}" for m in inside}))
            title = escape("\n".join(_flag_title(m.flag) for m in inside))
            nums = " ".join(str(m.number) for m in inside)
            piece = f'<mark class="flag sev-{worst} {escape(cats)}" data-flags="{nums}" title="{title}">{piece}</mark>'
        out.append(piece)
        for m in marks:
            if m.end == b:
                out.append(f'<sup class="fn sev-{m.flag.severity}" title="{escape(_flag_title(m.flag))}">'
                           f'{m.number}</sup>')
    return Markup("".join(out))


# ---------------------------------------------------------------- view model


@dataclass
class FlagView:
    number: int
    flag: Flag
    anchor: str
    on_ref: bool
    on_cand: bool


@dataclass
class Row:
    seg: Segment
    kind: str
    ref_html: Markup
    cand_html: Markup
    flags: list[FlagView] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    worst: str | None = None
    level: str = "low"


def _level(risk: float) -> str:
    return "high" if risk >= 0.6 else "medium" if risk >= 0.3 else "low"


def _row(seg: Segment) -> Row:
    ref, cand = seg.ref, seg.cand
    ref_marks: list[_Mark] = []
    cand_marks: list[_Mark] = []
    views = []
    for number, f in enumerate(seg.flags, 1):
        rs, cs = _valid(f.ref_span, len(ref)), _valid(f.cand_span, len(cand))
        if rs:
            ref_marks.append(_Mark(*rs, number, f))
        if cs:
            cand_marks.append(_Mark(*cs, number, f))
        views.append(FlagView(number, f, f"seg-{seg.index}-f{number}", bool(rs), bool(cs)))
    if seg.ref_ids and seg.cand_ids:
        deleted, inserted = word_diff(ref, cand)
        kind = "aligned" if seg.kind == "1-1" else "merged"
    else:  # one-sided: the whole text is missing from / added to the other side
        deleted, inserted = [(0, len(ref))], [(0, len(cand))]
        kind = seg.kind
    worst = seg.worst_flag.severity if seg.flags else None
    return Row(
        seg=seg, kind=kind,
        ref_html=highlight(ref, deleted, ref_marks, "del"),
        cand_html=highlight(cand, inserted, cand_marks, "ins"),
        flags=views,
        categories=sorted({f.category for f in seg.flags}),
        worst=worst,
        level=_level(seg.risk),
    )


def _chart(report: Report, width: int = 1000, height: int = 180) -> dict:
    """Geometry for the inline SVG: per-segment risk bars, chrF and COMET lines (gaps where unscored)."""
    left, right, top, bottom = 34, 8, 8, 22
    n = max(1, len(report.segments))
    plot_w, plot_h = width - left - right, height - top - bottom
    step = plot_w / n

    def y(value: float) -> float:
        return round(top + plot_h * (1 - min(1.0, max(0.0, value))), 2)

    def lines(values: list[float | None]) -> list[str]:
        runs, cur = [], []
        for i, v in enumerate(values):
            if v is None:
                if cur:
                    runs.append(cur)
                cur = []
            else:
                cur.append(f"{round(left + step * (i + 0.5), 2)},{y(v)}")
        if cur:
            runs.append(cur)
        # a lone point still needs two for a visible polyline: widen it slightly
        out = []
        for run in runs:
            if len(run) == 1:
                x, yy = run[0].split(",")
                run = [f"{float(x) - step / 3:.2f},{yy}", f"{float(x) + step / 3:.2f},{yy}"]
            out.append(" ".join(run))
        return out

    segs = report.segments
    chrf = [None if s.scores.get("chrf") is None else s.scores["chrf"] / 100 for s in segs]
    comet = [s.scores.get("comet") for s in segs]
    bars = []
    for i, s in enumerate(segs):
        parts = [f"segment {s.index} ({s.kind})", f"risk {s.risk:.2f}"]
        if s.scores.get("chrf") is not None:
            parts.append(f"chrF {s.scores['chrf']:.1f}")
        if s.scores.get("comet") is not None:
            parts.append(f"COMET {s.scores['comet']:.3f}")
        if s.flags:
            parts.append(", ".join(f"{f.category}/{f.severity}" for f in s.flags))
        bars.append({
            "index": s.index,
            "x": round(left + step * i, 2),
            "w": round(step, 2),
            "bar_x": round(left + step * i + step * 0.15, 2),
            "bar_w": round(step * 0.7, 2),
            "y": y(s.risk),
            "h": round(top + plot_h - y(s.risk), 2),
            "level": _level(s.risk),
            "one_sided": not (s.ref_ids and s.cand_ids),
            "label": " · ".join(parts),
        })
    every = max(1, round(n / 10))
    ticks = [{"x": round(left + step * (i + 0.5), 2), "label": str(segs[i].index)}
             for i in range(0, len(segs), every)]
    return {
        "width": width, "height": height, "left": left, "top": top, "right": width - right,
        "bottom": top + plot_h, "grid": [{"y": y(v), "label": str(int(v * 100))} for v in (0, 0.5, 1)],
        "bars": bars, "chrf": lines(chrf), "comet": lines(comet),
        "has_comet": any(v is not None for v in comet), "ticks": ticks,
    }


# ---------------------------------------------------------------- page


@lru_cache(maxsize=1)
def _env() -> Environment:
    env = Environment(
        loader=PackageLoader("mtqe.render", "templates"),
        autoescape=True, undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
    )
    env.filters["worst_first"] = worst_first
    env.filters["num"] = lambda v, d=1: "–" if v is None else f"{v:.{d}f}"
    env.filters["score"] = lambda v, metric: score_text(metric, v, "–")
    return env


def _sha(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


@lru_cache(maxsize=1)
def _assets() -> tuple[str, str, str, str]:
    """The inline stylesheet and script, and their CSP hashes."""
    env = _env()
    css = env.loader.get_source(env, "report.css")[0]
    js = env.loader.get_source(env, "report.js")[0]
    return css, js, _sha(css), _sha(js)


def _name(path: str | None, fallback: str) -> str:
    return PurePath(path).name if path else fallback


def render(report: Report, view: View = View()) -> str:
    css, js, css_hash, js_hash = _assets()
    rows = [_row(s) for s in report.segments]
    by_index = {row.seg.index: row for row in rows}
    findings = report.highlights(view.top, view.sort)
    counts = report.flag_counts()
    severity_totals = {sev: sum(c[sev] for c in counts.values()) for sev in SEVERITIES}
    page = _env().get_template("report.html.j2").render(
        report=report,
        ref_name=_name(report.reference.path, "reference"),
        cand_name=_name(report.candidate.path, "copy"),
        relation_text=RELATION_TEXT.get(report.relation or "", ""),
        rows=rows,
        findings=[by_index[s.index] for s in findings],
        findings_title=highlights_title(report, findings, view) if findings else "",
        metrics=[(m, label(m)) for m in report.metrics if m != "comet"],
        counts=counts,
        severity_totals=severity_totals,
        severities=list(reversed(SEVERITIES)),
        has_comet=any(s.scores.get("comet") is not None for s in report.segments) or report.scores.get("comet") is not None,
        chart=_chart(report),
        css=Markup(css),
        js=Markup(js),
        csp=f"default-src 'none'; style-src '{css_hash}'; script-src '{js_hash}'; img-src data:; "
            "base-uri 'none'; form-action 'none'",
    )
    return page if page.endswith("\n") else page + "\n"


# ---------------------------------------------------------------- corpus summary

HIST_BINS = 20


def histogram(values: list[float], lo: float, hi: float, bins: int = HIST_BINS,
              width: int = 320, height: int = 140) -> dict:
    """Geometry of an inline SVG bar chart of ``values`` in ``bins`` equal bins over [lo, hi]."""
    if hi <= lo:
        hi = lo + 1.0
    counts = [0] * bins
    for v in values:
        k = int((v - lo) / (hi - lo) * bins)
        counts[min(bins - 1, max(0, k))] += 1
    most = max(counts) or 1
    left, bottom, top = 28, 18, 6
    plot_w, plot_h = width - left - 4, height - bottom - top
    bw = plot_w / bins
    bars = []
    for k, c in enumerate(counts):
        h = plot_h * c / most
        b0, b1 = lo + (hi - lo) * k / bins, lo + (hi - lo) * (k + 1) / bins
        bars.append({"x": f"{left + k * bw:.1f}", "y": f"{top + plot_h - h:.1f}", "w": f"{max(bw - 1, 1):.1f}",
                     "h": f"{h:.1f}", "label": f"{b0:.3g}–{b1:.3g}: {c}"})
    return {"width": width, "height": height, "left": left, "right": left + plot_w, "base": top + plot_h,
            "top": top, "bars": bars, "lo": f"{lo:.3g}", "hi": f"{hi:.3g}", "most": most}


def _range(metric: str, row: dict) -> tuple[float, float]:
    if metric in UNIT_SCORES:
        return min(0.0, row["min"]), max(1.0, row["max"])
    return 0.0, max(100.0, row["max"])  # TER can pass 100


def render_summary(summary: Summary) -> str:
    d = summary.to_dict()
    env = _env()
    css = env.loader.get_source(env, "summary.css")[0]
    scores = [(m, label(m), r, histogram(summary.values[m], *_range(m, r))) for m, r in d["scores"].items() if r]
    page = env.get_template("summary.html.j2").render(
        d=d, scores=scores, gate_line=summary.gate_line() if d["gate"] else "", css=Markup(css),
        csp=f"default-src 'none'; style-src '{_sha(css)}'; base-uri 'none'; form-action 'none'",
    )
    return page if page.endswith("\n") else page + "\n"


class HtmlRenderer(Renderer):
    name = "html"
    suffixes = (".html", ".htm")

    def report(self, report: Report, view: View) -> str:
        return render(report, view)

    def summary(self, summary: Summary, view: View) -> str:
        return render_summary(summary)


RENDERER = HtmlRenderer()
