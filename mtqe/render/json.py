"""The JSON contract (schema_version 1), exactly Report.to_dict(); the corpus summary as Summary.to_dict()."""

from __future__ import annotations

import json as _json
from typing import TYPE_CHECKING, Any

from ..report import Report
from . import Renderer, View

if TYPE_CHECKING:
    from ..summary import Summary


def _dumps(data: Any) -> str:
    return _json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def render(report: Report) -> str:
    return _dumps(report.to_dict())


class JsonRenderer(Renderer):
    name = "json"
    suffixes = (".json",)

    def report(self, report: Report, view: View) -> str:
        return render(report)

    def summary(self, summary: Summary, view: View) -> str:
        return _dumps(summary.to_dict())


RENDERER = JsonRenderer()
