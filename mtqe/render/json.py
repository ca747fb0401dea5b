"""The JSON contract (schema_version 1), exactly Report.to_dict()."""

from __future__ import annotations

import json as _json

from ..report import Report


def render(report: Report) -> str:
    return _json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n"
