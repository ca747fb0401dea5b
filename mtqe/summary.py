"""Corpus summary: aggregates over many reports, fed one small digest per item, never whole reports.

A digest is what the summary needs of one report (document scores, relation, flag counts by
category, the highest segment risk). Workers build it next to the JSON line, so the parent process
only keeps a few numbers per item plus a bounded list of the worst items.

Renderings: ``to_dict()`` (JSON), ``render_text()`` and ``render_html()`` (self-contained page with
inline SVG histograms; every piece of text is escaped).
"""

from __future__ import annotations

import heapq
import html
import json
import math
from collections import Counter
from pathlib import Path
from typing import Any, Mapping, Sequence

from .errors import InputError

METRICS = ("bleu", "chrf", "comet")
QUANTILES = (0.1, 0.5, 0.9)
WORST = 10
HIST_BINS = 20


def digest(report: Any) -> dict[str, Any]:
    """The summary's view of one report (a ``Report`` or its ``to_dict()``)."""
    if not isinstance(report, Mapping):
        report = report.to_dict()
    flags: Counter[str] = Counter()
    max_risk, worst_code = 0.0, None
    for seg in report.get("segments", ()):
        risk = float(seg.get("risk") or 0.0)
        if risk > max_risk:
            max_risk = risk
            worst_code = seg["flags"][0]["code"] if seg.get("flags") else None
    for cat, row in (report.get("document", {}).get("flag_counts") or {}).items():
        flags[cat] = row["total"] if isinstance(row, Mapping) else int(row)
    scores = report.get("scores") or {}
    out = {
        "scores": {m: scores.get(m) for m in METRICS},
        "relation": report.get("document", {}).get("relation"),
        "flags": dict(flags),
        "max_risk": round(float(max_risk), 4),
        "worst_flag": worst_code,
    }
    if report.get("verdict") is not None:  # gated runs only
        out["passed"] = bool(report["verdict"]["passed"])
    return out


def error_digest(error_type: str, message: str = "") -> dict[str, Any]:
    return {"error": error_type, "message": message}


def quantile(sorted_values: Sequence[float], q: float) -> float:
    """Linear-interpolation quantile (numpy's default) of already sorted values."""
    if not sorted_values:
        raise ValueError("no values")
    pos = (len(sorted_values) - 1) * q
    lo, hi = math.floor(pos), math.ceil(pos)
    return sorted_values[lo] + (sorted_values[hi] - sorted_values[lo]) * (pos - lo)


class Summary:
    """Accumulates digests; memory is a few floats per item plus the ``WORST`` lowest/highest items."""

    def __init__(self, worst: int = WORST):
        self.worst = worst
        self.items = 0
        self.errors = 0
        self.error_types: Counter[str] = Counter()
        self.error_examples: list[tuple[str, str, str]] = []
        self.values: dict[str, list[float]] = {m: [] for m in METRICS}
        self.flag_totals: Counter[str] = Counter()
        self.flag_items: Counter[str] = Counter()
        self.relations: Counter[str] = Counter()
        self.gate: Counter[str] = Counter()  # "passed" / "failed", in gated runs
        self.gate_failures: list[str] = []  # the first ``worst`` ids that failed
        # heaps of (key, seq, id, detail): lowest chrF kept via -chrf on a max-size heap, likewise risk
        self._low_chrf: list[tuple[float, int, str, dict]] = []
        self._high_risk: list[tuple[float, int, str, dict]] = []
        self._seq = 0

    def add(self, item_id: str, d: Mapping[str, Any]) -> None:
        self.items += 1
        self._seq += 1
        if "error" in d:
            self.errors += 1
            self.error_types[d["error"]] += 1
            if len(self.error_examples) < self.worst:
                self.error_examples.append((str(item_id), d["error"], d.get("message") or ""))
            return
        for m in METRICS:
            v = d["scores"].get(m)
            if v is not None:
                self.values[m].append(float(v))
        for cat, n in d.get("flags", {}).items():
            self.flag_totals[cat] += n
            self.flag_items[cat] += 1
        self.relations[d.get("relation") or "none"] += 1
        if "passed" in d:
            self.gate["passed" if d["passed"] else "failed"] += 1
            if not d["passed"] and len(self.gate_failures) < self.worst:
                self.gate_failures.append(str(item_id))
        detail = {"chrf": d["scores"].get("chrf"), "max_risk": d.get("max_risk"),
                  "relation": d.get("relation"), "worst_flag": d.get("worst_flag")}
        chrf = d["scores"].get("chrf")
        if chrf is not None:
            self._push(self._low_chrf, -float(chrf), str(item_id), detail)
        self._push(self._high_risk, float(d.get("max_risk") or 0.0), str(item_id), detail)

    def _push(self, heap: list, key: float, item_id: str, detail: dict) -> None:
        # keep the `worst` largest keys; ties prefer the earlier item (larger -seq)
        entry = (key, -self._seq, item_id, detail)
        if len(heap) < self.worst:
            heapq.heappush(heap, entry)
        elif entry > heap[0]:
            heapq.heapreplace(heap, entry)

    def add_line(self, record: Mapping[str, Any]) -> None:
        """Add one output record (``{"id", "report"}`` or ``{"id", "error"}``)."""
        if "error" in record:
            err = record["error"] or {}
            self.add(record["id"], error_digest(err.get("type", "Error"), err.get("message", "")))
        else:
            self.add(record["id"], digest(record["report"]))

    # ---- results -------------------------------------------------------------------------------

    def metric_stats(self) -> dict[str, dict[str, float] | None]:
        out: dict[str, dict[str, float] | None] = {}
        for m in METRICS:
            vals = sorted(self.values[m])
            if not vals:
                out[m] = None
                continue
            row = {"n": len(vals), "mean": round(sum(vals) / len(vals), 4)}
            for q in QUANTILES:
                row[f"p{round(q * 100)}"] = round(quantile(vals, q), 4)
            row["min"], row["max"] = vals[0], vals[-1]
            out[m] = row
        return out

    def worst_chrf(self) -> list[dict[str, Any]]:
        return [{"id": i, **d} for _, _, i, d in sorted(self._low_chrf, reverse=True)]

    def worst_risk(self) -> list[dict[str, Any]]:
        return [{"id": i, **d} for _, _, i, d in sorted(self._high_risk, reverse=True)]

    def to_dict(self) -> dict[str, Any]:
        return {
            "items": self.items,
            "reports": self.items - self.errors,
            "errors": self.errors,
            "error_types": dict(sorted(self.error_types.items())),
            "error_examples": [{"id": i, "type": t, "message": m} for i, t, m in self.error_examples],
            "scores": self.metric_stats(),
            "flags": {c: {"total": self.flag_totals[c], "items": self.flag_items[c]} for c in sorted(self.flag_totals)},
            "relations": dict(sorted(self.relations.items())),
            "gate": ({"passed": self.gate["passed"], "failed": self.gate["failed"], "failed_ids": self.gate_failures}
                     if self.gate else None),
            "worst_chrf": self.worst_chrf(),
            "worst_risk": self.worst_risk(),
        }

    def render_text(self) -> str:
        d = self.to_dict()
        lines = [f"items: {d['items']}  reports: {d['reports']}  errors: {d['errors']}"]
        for m, row in d["scores"].items():
            if row:
                lines.append(f"{m:6} mean {row['mean']:7.2f}  p10 {row['p10']:7.2f}  p50 {row['p50']:7.2f}  "
                             f"p90 {row['p90']:7.2f}  (n={row['n']})")
        if d["relations"]:
            lines.append("relations: " + ", ".join(f"{k} {v}" for k, v in d["relations"].items()))
        if d["gate"]:
            lines.append(_gate_line(d["gate"]))
        if d["flags"]:
            lines.append("flags: " + ", ".join(f"{k} {v['total']} (in {v['items']} items)" for k, v in d["flags"].items()))
        if d["error_types"]:
            lines.append("errors: " + ", ".join(f"{k} {v}" for k, v in d["error_types"].items()))
        if d["worst_chrf"]:
            lines.append("lowest chrF: " + ", ".join(f"{w['id']} ({w['chrf']:.1f})" for w in d["worst_chrf"]))
        if d["worst_risk"]:
            lines.append("highest risk: " + ", ".join(f"{w['id']} ({w['max_risk']:.2f})" for w in d["worst_risk"]))
        return "\n".join(lines) + "\n"

    def render_html(self) -> str:
        return _html(self)

    @property
    def gate_failed(self) -> int:
        return self.gate["failed"]

    def write(self, path: str | Path) -> None:
        """Write by extension: .json, .html/.htm, anything else as text."""
        p = Path(path)
        ext = p.suffix.lower()
        if ext == ".json":
            text = json.dumps(self.to_dict(), ensure_ascii=False, indent=2) + "\n"
        elif ext in (".html", ".htm"):
            text = self.render_html()
        else:
            text = self.render_text()
        try:
            p.write_text(text, encoding="utf-8")
        except OSError as e:
            raise InputError(f"{p}: cannot write summary ({e.strerror})") from None


def _gate_line(gate: Mapping[str, Any]) -> str:
    more = gate["failed"] - len(gate["failed_ids"])
    ids = ", ".join(gate["failed_ids"]) + (f" and {more} more" if more > 0 else "")
    return f"gate: {gate['passed']} passed, {gate['failed']} failed" + (f" ({ids})" if ids else "")


# ---- HTML ----------------------------------------------------------------------------------------

_CSS = """
body{font:14px/1.45 system-ui,sans-serif;margin:2em;color:#222;max-width:70em}
h1{font-size:1.4em}h2{font-size:1.1em;margin-top:1.6em}
table{border-collapse:collapse;margin:.4em 0}td,th{border:1px solid #ccc;padding:.2em .6em;text-align:left}
th{background:#f3f3f3}td.n{text-align:right;font-variant-numeric:tabular-nums}
.hists{display:flex;flex-wrap:wrap;gap:1.5em}figure{margin:0}figcaption{font-weight:600}
svg rect.bar{fill:#4a78b5}svg text{font-size:10px;fill:#444}
"""


def _e(value: Any) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _num(value: Any, digits: int = 2) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def histogram_svg(values: Sequence[float], lo: float, hi: float, bins: int = HIST_BINS,
                  width: int = 320, height: int = 140, title: str = "") -> str:
    """An inline SVG bar chart of ``values`` in ``bins`` equal bins over [lo, hi]."""
    if hi <= lo:
        hi = lo + 1.0
    counts = [0] * bins
    for v in values:
        k = int((v - lo) / (hi - lo) * bins)
        counts[min(bins - 1, max(0, k))] += 1
    top = max(counts) or 1
    pad_l, pad_b, pad_t = 28, 18, 6
    plot_w, plot_h = width - pad_l - 4, height - pad_b - pad_t
    bw = plot_w / bins
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" '
             f'aria-label="{_e(title)}"><title>{_e(title)}</title>']
    for k, c in enumerate(counts):
        h = plot_h * c / top
        x, y = pad_l + k * bw, pad_t + plot_h - h
        b0, b1 = lo + (hi - lo) * k / bins, lo + (hi - lo) * (k + 1) / bins
        parts.append(f'<rect class="bar" x="{x:.1f}" y="{y:.1f}" width="{max(bw - 1, 1):.1f}" height="{h:.1f}">'
                     f'<title>{_e(f"{b0:.3g}–{b1:.3g}: {c}")}</title></rect>')
    base = pad_t + plot_h
    parts.append(f'<line x1="{pad_l}" y1="{base}" x2="{pad_l + plot_w}" y2="{base}" stroke="#888"/>')
    parts.append(f'<text x="{pad_l}" y="{height - 4}">{_e(f"{lo:.3g}")}</text>')
    parts.append(f'<text x="{pad_l + plot_w}" y="{height - 4}" text-anchor="end">{_e(f"{hi:.3g}")}</text>')
    parts.append(f'<text x="{pad_l - 4}" y="{pad_t + 8}" text-anchor="end">{top}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _table(head: Sequence[str], rows: Sequence[Sequence[Any]], numeric: Sequence[int] = ()) -> str:
    out = ["<table><thead><tr>", *(f"<th>{_e(h)}</th>" for h in head), "</tr></thead><tbody>"]
    for row in rows:
        out.append("<tr>" + "".join(
            f'<td class="n">{_e(v)}</td>' if k in numeric else f"<td>{_e(v)}</td>" for k, v in enumerate(row)
        ) + "</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def _html(s: Summary) -> str:
    d = s.to_dict()
    body = [f"<h1>mtqe corpus summary</h1><p>{_e(d['items'])} items: {_e(d['reports'])} reports, "
            f"{_e(d['errors'])} errors.</p>"]
    rows = [(m, r["n"], _num(r["mean"]), _num(r["p10"]), _num(r["p50"]), _num(r["p90"]))
            for m, r in d["scores"].items() if r]
    if rows:
        body.append("<h2>Scores</h2>" + _table(("metric", "n", "mean", "p10", "p50", "p90"), rows, (1, 2, 3, 4, 5)))
        figs = []
        for m, r in d["scores"].items():
            if not r:
                continue
            lo, hi = (0.0, 100.0) if m in ("bleu", "chrf") else (min(0.0, r["min"]), max(1.0, r["max"]))
            figs.append(f"<figure><figcaption>{_e(m)}</figcaption>"
                        f"{histogram_svg(s.values[m], lo, hi, title=f'{m} histogram')}</figure>")
        body.append('<div class="hists">' + "".join(figs) + "</div>")
    if d["relations"]:
        body.append("<h2>Relations</h2>" + _table(("relation", "items"), list(d["relations"].items()), (1,)))
    if d["gate"]:
        body.append(f"<h2>Gate</h2><p>{_e(_gate_line(d['gate']))}</p>")
    if d["flags"]:
        body.append("<h2>Flags by category</h2>" + _table(
            ("category", "flags", "items"), [(c, r["total"], r["items"]) for c, r in d["flags"].items()], (1, 2)))
    if d["worst_chrf"]:
        body.append("<h2>Lowest chrF</h2>" + _table(
            ("id", "chrF", "max risk", "relation"),
            [(w["id"], _num(w["chrf"]), _num(w["max_risk"]), w["relation"]) for w in d["worst_chrf"]], (1, 2)))
    if d["worst_risk"]:
        body.append("<h2>Highest segment risk</h2>" + _table(
            ("id", "max risk", "first flag", "chrF"),
            [(w["id"], _num(w["max_risk"]), w["worst_flag"] or "", _num(w["chrf"])) for w in d["worst_risk"]], (1, 3)))
    if d["errors"]:
        body.append("<h2>Errors</h2>" + _table(("type", "items"), list(d["error_types"].items()), (1,)))
        body.append(_table(("id", "type", "message"), [(x["id"], x["type"], x["message"]) for x in d["error_examples"]]))
    return ('<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width,initial-scale=1">'
            f"<title>mtqe corpus summary</title><style>{_CSS}</style></head><body>"
            + "".join(body) + "</body></html>\n")
