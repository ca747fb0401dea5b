"""Corpus summary: aggregates over many reports, fed one small digest per item, never whole reports.

A digest is what the summary needs of one report (every document score it has, relation, flag
counts by category, the highest segment risk and that segment's most severe flag). Workers build
it next to the JSON line, so the parent process only keeps a few numbers per item plus a bounded
list of the worst items.

``to_dict()`` is the data; the formats of mtqe.render show it (``render(name)``; ``write(path)``
picks the format by extension: .json, .html, .md, .txt).
"""

from __future__ import annotations

import heapq
import math
from collections import Counter
from pathlib import Path
from typing import Any, Mapping, Sequence

from .errors import InputError
from .report import METRIC_LABELS, SEVERITY_RANK

METRICS = ("bleu", "chrf", "comet")  # always in the summary (None when no item has them); others when scored
QUANTILES = (0.1, 0.5, 0.9)
WORST = 10


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
            # the most severe flag of the riskiest segment (the first of equals)
            worst = max(seg.get("flags") or (), key=lambda f: SEVERITY_RANK.get(f["severity"], 0), default=None)
            worst_code = worst["code"] if worst else None
    for cat, row in (report.get("document", {}).get("flag_counts") or {}).items():
        flags[cat] = row["total"] if isinstance(row, Mapping) else int(row)
    scores = report.get("scores") or {}
    out = {
        "scores": {m: scores.get(m) for m in (*METRICS, *(k for k in scores if k not in METRICS))},
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
        self.values: dict[str, list[float]] = {m: [] for m in METRICS}  # grows with chrf++, ter, ...
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
        for m, v in d["scores"].items():
            if v is not None:
                self.values.setdefault(m, []).append(float(v))
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
        """Per metric (BLEU, chrF, COMET always; chrF++, TER... when any item has them): n, mean, quantiles."""
        out: dict[str, dict[str, float] | None] = {}
        order = list(METRIC_LABELS)
        for m in sorted(self.values, key=lambda k: (order.index(k) if k in order else len(order), k)):
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

    def gate_line(self) -> str:
        """"gate: 3 passed, 2 failed (a, b)" (gated runs)."""
        failed = self.gate["failed"]
        more = failed - len(self.gate_failures)
        ids = ", ".join(self.gate_failures) + (f" and {more} more" if more > 0 else "")
        return f"gate: {self.gate['passed']} passed, {failed} failed" + (f" ({ids})" if ids else "")

    @property
    def gate_failed(self) -> int:
        return self.gate["failed"]

    def render(self, fmt: str = "text") -> str:
        """The summary in one of mtqe.render's formats (those with a corpus summary: text, json, html, markdown)."""
        from .render import View, get

        return get(fmt).summary(self, View())

    def render_text(self) -> str:
        return self.render("text")

    def write(self, path: str | Path) -> None:
        """Write in the format the extension names (.txt, .html/.htm, .json, .md). An unknown extension is a
        ConfigError: ``mtqe.render.summary_format(path)`` checks it before a run."""
        from .render import View, summary_format

        p = Path(path)
        text = summary_format(p).summary(self, View())
        try:
            p.write_text(text, encoding="utf-8")
        except OSError as e:
            raise InputError(f"{p}: cannot write summary ({e.strerror})") from None
