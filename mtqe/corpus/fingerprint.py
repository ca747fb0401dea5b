"""The options fingerprint every result record carries, and the check ``--resume`` makes with it.

A results file is only worth resuming if every line in it was produced the way this run would
produce the rest. So each record carries, next to its ``id``, a ``fingerprint``: the mtqe version,
the report schema, every option that changes what a report says (metrics, COMET and its model,
select / ignore, size and encoding limits, and whatever options are added later: the set is read
off ``Options``, minus the few that only change how fast or how loudly it runs) and the gate's
thresholds (``null`` for an ungated run).

A field on every line, not a header record: each line stays one self-describing report, so
``grep``, ``jq``, ``split`` and ``cat`` of shards keep working, and a line copied elsewhere still
says how it was made.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Mapping
from typing import Any

from .. import __version__
from ..gate import Gate
from ..options import Options
from ..report import SCHEMA_VERSION

# Options that never change a report's content: speed (batch size, GPUs), logging, and whether a
# COMET failure is an error or a warning (an unscored COMET shows in the report either way).
NOT_IN_FINGERPRINT = frozenset({"batch_size", "gpus", "verbose", "comet_required"})


def _plain(value: Any) -> Any:
    """A JSON-ready, order-stable form of an option value."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))}
    if isinstance(value, (set, frozenset)):
        return sorted(_plain(v) for v in value)
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


@functools.lru_cache(maxsize=8)
def fingerprint(options: Options, gate: Gate | None) -> dict[str, Any]:
    """What produced a record: ``{"mtqe", "schema_version", "options", "gate"}`` (treat as read-only)."""
    opts = {f.name: _plain(getattr(options, f.name)) for f in dataclasses.fields(options)
            if f.name not in NOT_IN_FINGERPRINT}
    if not options.comet:
        opts["comet_model"] = None  # unused, so not a difference
    return {"mtqe": __version__, "schema_version": SCHEMA_VERSION, "options": opts,
            "gate": None if gate is None else _plain(gate)}


def _show(value: Any) -> str:
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "on" if value else "off"
    if isinstance(value, list):
        return ",".join(_show(v) if not isinstance(v, list) else ":".join(map(_show, v)) for v in value) or "none"
    if isinstance(value, dict):
        return ",".join(f"{k}={_show(v)}" for k, v in value.items()) or "none"
    return str(value)


def differences(then: Mapping[str, Any], now: Mapping[str, Any]) -> list[str]:
    """Each way ``now`` differs from ``then``, as 'what: <then> in the results, <now> here'."""
    out = []

    def say(name: str, a: Any, b: Any) -> None:
        out.append(f"{name}: {_show(a)} in the results, {_show(b)} here")

    if then.get("mtqe") != now.get("mtqe"):
        say("mtqe version", then.get("mtqe"), now.get("mtqe"))
    if then.get("schema_version") != now.get("schema_version"):
        say("report schema", then.get("schema_version"), now.get("schema_version"))
    a, b = then.get("options") or {}, now.get("options") or {}
    for key in sorted(set(a) | set(b)):
        if a.get(key) != b.get(key):
            say(key.replace("_", "-"), a.get(key), b.get(key))
    ga, gb = then.get("gate"), now.get("gate")
    if (ga is None) != (gb is None):
        out.append("--gate: the results are ungated, this run gates" if ga is None
                   else "--gate: the results are gated, this run is not")
    elif ga != gb:
        for key in sorted(set(ga) | set(gb)):
            if ga.get(key) != gb.get(key):
                say(f"gate {key.replace('_', '-')}", ga.get(key), gb.get(key))
    return out
