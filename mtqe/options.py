"""Options for one comparison: what the API, the CLI and the config file all set."""

from __future__ import annotations

from dataclasses import dataclass, fields

from .document import DEFAULT_MAX_MB, INPUT_FORMATS
from .errors import ConfigError
from .metrics import DEFAULT_METRICS, METRICS

DEFAULT_COMET_MODEL = "Unbabel/wmt22-comet-da"


@dataclass(frozen=True)
class Options:
    metrics: tuple[str, ...] = DEFAULT_METRICS
    comet: bool = False
    comet_model: str = DEFAULT_COMET_MODEL
    # True when COMET was asked for explicitly: failure is then an error, not a warning.
    comet_required: bool = True
    batch_size: int = 16
    gpus: int | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    max_mb: float = DEFAULT_MAX_MB
    encoding: str | None = None
    input_format: str = "auto"  # auto: HTML by extension or content, else text
    verbose: bool = False

    def __post_init__(self) -> None:
        bad = [m for m in self.metrics if m not in METRICS]
        if bad:
            raise ConfigError(f"metrics: unknown metric {bad[0]!r}; choose from {', '.join(METRICS)}")
        if self.batch_size < 1:
            raise ConfigError(f"batch_size: must be at least 1, got {self.batch_size}")
        if self.input_format not in INPUT_FORMATS:
            raise ConfigError(f"input_format: must be one of {', '.join(INPUT_FORMATS)}, got {self.input_format!r}")
        if self.max_mb <= 0:
            raise ConfigError(f"max_mb: must be positive, got {self.max_mb}")

    @classmethod
    def build(cls, **kwargs) -> "Options":
        """Options from keyword arguments; an unknown name is a ConfigError naming it."""
        known = {f.name for f in fields(cls)}
        for key in kwargs:
            if key not in known:
                raise ConfigError(f"unknown option {key!r}; known: {', '.join(sorted(known))}")
        for key in ("metrics", "select", "ignore"):
            if isinstance(kwargs.get(key), str):
                kwargs[key] = tuple(p.strip() for p in kwargs[key].split(",") if p.strip())
            elif key in kwargs:
                kwargs[key] = tuple(kwargs[key])
        return cls(**kwargs)
