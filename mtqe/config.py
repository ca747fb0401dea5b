"""Settings from a TOML file, merged with command-line overrides into (Options, Gate).

Where settings come from (the first found wins; nothing found means built-in defaults):

1. the file given with ``--config PATH`` (a ``pyproject.toml`` is read at ``[tool.mtqe]``, any other
   file at its top level);
2. otherwise, walking up from the working directory, the first directory holding ``mtqe.toml`` or a
   ``pyproject.toml`` with a ``[tool.mtqe]`` table (``mtqe.toml`` wins when a directory has both).

Schema (every key optional; unknown keys and bad values are a ConfigError naming the key; the keys and
their rules are the rows of mtqe.options.SETTINGS)::

    metrics = ["bleu", "chrf"]     # sacrebleu metrics (list or "a,b" string)
    comet = false                  # score COMET; if it cannot run: warn and continue
    comet_model = "Unbabel/wmt22-comet-da"
    batch_size = 16                # >= 1
    gpus = 1                       # 0 or 1 (default: 1 if CUDA is available)
    select = []                    # rules to run: codes, code prefixes or categories ("N1", "quote")
    ignore = []                    # rules to skip, likewise
    max_mb = 5.0                   # > 0: refuse larger documents
    encoding = "utf-8"             # input codec
    input_format = "auto"          # auto, text or html
    semantic = false               # the optional all-MiniLM-L6-v2 stage (mtqe[semantic])
    severity = { N102 = "major" }  # house severities: code, prefix or category = severity
    equivalents = [["Kyiv", "Kiev"]]   # accepted spellings of one name: no name flag between them

    [gate]                         # [tool.mtqe.gate] in pyproject.toml
    min_chrf = 80                  # 0-100
    min_bleu = 40                  # 0-100 (default: not checked)
    min_comet = 0.8                # needs comet = true (default: not checked)
    min_coverage = 0.9             # 0-1
    risk_level = 0.5               # 0-1, used by max_risky_segments
    max_risky_segments = 3         # >= 0 (default: not checked)
    max_critical = 0               # >= 0; max_major, max_minor likewise (default: not checked)
    max_flags = { name = 0 }       # per-category maxima
    fail_on = ["name", "number", "negation", "quote", "antonym", "meaning"]   # categories or codes; or { quote = "minor", N104 = "major" }
    fail_on_severity = "major"     # minimum severity for list entries without ":severity"

Use from code (the CLI's ``score``, ``check`` and ``corpus`` commands all do this)::

    config = load_config(path_or_None)              # ConfigError on a bad file
    options, gate = resolve(config, options={...}, gate={...})   # None values = not given

Command-line values override the file key by key (``max_flags`` merges per category).
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, Mapping

from .errors import ConfigError
from .gate import Gate
from .options import GATE, Invalid, Options, section, show

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

CONFIG_NAME = "mtqe.toml"
PYPROJECT = "pyproject.toml"


@dataclass(frozen=True)
class Config:
    """Validated settings from one file: ``options`` (Options fields), ``gate`` (gate keys), and where from."""

    options: dict[str, Any] = field(default_factory=dict)
    gate: dict[str, Any] = field(default_factory=dict)
    source: Path | None = None


GATE_TABLE = GATE
OPTION_SETTINGS = {k: v for k, v in section("").items() if v.config}
GATE_SETTINGS = section(GATE)


def _display(path: Path) -> str:
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive (Windows)
        return str(path)
    return str(path) if rel.startswith("..") else rel


def _validate(table: Mapping[str, Any], where: str, section: str) -> Config:
    """Check a [tool.mtqe] / mtqe.toml table; ``section`` is its name in messages ("" for top level)."""
    def fail(prefix: str, key: str, problem: str) -> ConfigError:
        return ConfigError(f"config {where}: {prefix}{key} {problem}")

    top = f"[{section}] " if section else ""
    gate_section = f"{section}.{GATE_TABLE}" if section else GATE_TABLE
    options: dict[str, Any] = {}
    gate: dict[str, Any] = {}
    for key, value in table.items():
        if key == GATE_TABLE:
            if not isinstance(value, dict):
                raise fail(top, key, f"must be a table ([{gate_section}]), got {show(value)}")
            for gkey, gvalue in value.items():
                setting = GATE_SETTINGS.get(gkey)
                if setting is None:
                    raise fail(f"[{gate_section}] ", repr(gkey),
                               f"is not a gate key; known: {', '.join(GATE_SETTINGS)}")
                try:
                    gate[gkey] = setting.check(gvalue)
                except Invalid as e:
                    raise fail(f"[{gate_section}] ", gkey, str(e)) from None
            continue
        setting = OPTION_SETTINGS.get(key)
        if setting is None:
            hint = f" (gate thresholds go in [{gate_section}])" if key in GATE_SETTINGS else ""
            raise fail(top, repr(key), f"is not a setting{hint}; known: {', '.join([*OPTION_SETTINGS, GATE_TABLE])}")
        try:
            options[key] = setting.check(value)
        except Invalid as e:
            raise fail(top, key, str(e)) from None
    return Config(options=options, gate=gate)


def _read(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"config {_display(path)}: not valid TOML: {e}") from None
    except OSError as e:
        raise ConfigError(f"config {_display(path)}: cannot read ({e.strerror})") from None


def _tool_table(data: dict[str, Any]) -> Any:
    tool = data.get("tool")
    return tool.get("mtqe") if isinstance(tool, dict) else None


def _from_file(path: Path, required_table: bool) -> Config | None:
    data = _read(path)
    where = _display(path)
    if path.name == PYPROJECT:
        table = _tool_table(data)
        if table is None:
            if required_table:
                raise ConfigError(f"config {where}: no [tool.mtqe] table")
            return None
        if not isinstance(table, dict):
            raise ConfigError(f"config {where}: tool.mtqe must be a table")
        cfg = _validate(table, where, "tool.mtqe")
    else:
        cfg = _validate(data, where, "")
    return Config(cfg.options, cfg.gate, path)


def find_config(start: Path | None = None) -> Path | None:
    """The nearest mtqe.toml, or pyproject.toml with [tool.mtqe], in ``start`` or a parent directory."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            return candidate
        candidate = folder / PYPROJECT
        if candidate.is_file() and _tool_table(_read(candidate)) is not None:
            return candidate
    return None


def load_config(path: Path | None, start: Path | None = None) -> Config:
    """Settings from ``path`` (explicit: must exist), else from the nearest file above ``start`` (default: cwd).

    Returns an empty Config (``source=None``) when no file is found. Raises ConfigError naming the
    file and key for a missing explicit file, invalid TOML, an unknown key or a bad value.
    """
    if path is not None:
        path = Path(path)
        if not path.exists():
            raise ConfigError(f"config {path}: no such file")
        if path.is_dir():
            raise ConfigError(f"config {path}: is a directory; give a TOML file")
        cfg = _from_file(path, required_table=True)
        assert cfg is not None
        return cfg
    found = find_config(start)
    if found is None:
        return Config()
    return _from_file(found, required_table=False) or Config()


def _overrides(given: Mapping[str, Any] | None, section_name: str) -> dict[str, Any]:
    """Validate command-line (or API) overrides; None means "not given". Errors name the --flag."""
    schema = section(section_name)
    out: dict[str, Any] = {}
    for key, value in (given or {}).items():
        if value is None:
            continue
        if key not in schema:
            raise ConfigError(f"unknown setting {key!r}; known: {', '.join(schema)}")
        try:
            out[key] = schema[key].check(value)
        except Invalid as e:
            raise ConfigError(f"{schema[key].flag} {e}") from None
    return out


def resolve(
    config: Config | None = None,
    options: Mapping[str, Any] | None = None,
    gate: Mapping[str, Any] | None = None,
) -> tuple[Options, Gate]:
    """Merge a Config with overrides (command line wins; ``None`` values are ignored) into (Options, Gate).

    ``options`` takes the comparison settings of mtqe.options.SETTINGS, ``gate`` its gate settings (``max_flags`` and
    ``fail_on`` may be strings: ``"name=0,quote=1"``, ``"quote,name:minor"``). COMET switched on by the
    file only is best-effort (``comet_required=False``: warn and continue); ``--comet`` makes it required.
    A default threshold whose metric is not computed is dropped; an explicit one is a ConfigError.
    """
    config = config or Config()
    cli_opts = _overrides(options, "")
    cli_gate = _overrides(gate, GATE)

    merged = {**config.options, **cli_opts}
    if merged.get("comet"):
        merged["comet_required"] = bool(cli_opts.get("comet"))
    opts = Options.build(**merged)

    g = {**config.gate, **cli_gate}
    if "max_flags" in config.gate and "max_flags" in cli_gate:
        g["max_flags"] = {**config.gate["max_flags"], **cli_gate["max_flags"]}
    severity = g.pop("fail_on_severity", "major")
    if "fail_on" not in g and "fail_on_severity" in {**config.gate, **cli_gate}:
        g["fail_on"] = tuple((cat, None) for cat, _ in Gate().fail_on)
    if "fail_on" in g:
        g["fail_on"] = tuple((cat, sev or severity) for cat, sev in g["fail_on"])

    for key, metric in (("min_chrf", "chrf"), ("min_bleu", "bleu")):
        if metric not in opts.metrics:
            if key in g:
                raise ConfigError(f"{key} needs the {metric} metric; add {metric!r} to metrics")
            g[key] = None
    if "min_comet" in g and not opts.comet:
        raise ConfigError("min_comet needs COMET scoring; set comet = true or pass --comet")

    known = {f.name for f in fields(Gate)}
    return opts, Gate(**{k: v for k, v in g.items() if k in known})
