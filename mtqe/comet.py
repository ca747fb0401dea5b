"""COMET scoring: the only module of mtqe that imports comet or torch, and only inside functions,
so `import mtqe` (and the whole non-COMET pipeline) never pays for torch.

Security: a COMET checkpoint (`model.ckpt`) is a pickle; loading one runs arbitrary code. Only
load checkpoints you trust (the Unbabel hub models, or files you made).

Round-trip use: the caller passes triples (src=reference sentence, mt=copy, ref=reference sentence),
so reference-based models compare copy vs reference and QE models judge the copy against the
reference as if it were the source.
"""

from __future__ import annotations

import contextlib
import copy
import logging
import os
import re
import warnings
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mtqe.errors import InputError, ModelError
from mtqe.models import (
    CKPT_IN_REPO,
    INSTALL_HINT,
    cached_checkpoint,
    download,
    hf_cache_dir,
    hub_name,
    hub_offline,
    offline_hint,
    one_line,
)
from mtqe.options import check as check_setting
from mtqe.report import Flag, Severity

Triple = tuple[str, str, "str | None"]

# Loggers that print banners ("GPU available…", "💡 Tip…", "Encoder model frozen.") on every
# load/predict. Children (e.g. pytorch_lightning.utilities.rank_zero) inherit the level.
_NOISY_LOGGERS = (
    "lightning",
    "lightning.pytorch",
    "lightning.fabric",
    "lightning_fabric",
    "pytorch_lightning",
    "transformers",
    "comet",
)
PROGRESS_MIN_TRIPLES = 200  # a bar for a few seconds of work is just noise
_HUB_NAME = re.compile(r"^[A-Za-z0-9][\w.-]*/[\w.-]+$")


@contextlib.contextmanager
def _quiet(verbose: bool) -> Iterator[None]:
    """Silence library banners and warnings for the duration, then restore the caller's settings."""
    if verbose:
        yield
        return
    loggers = [logging.getLogger(name) for name in _NOISY_LOGGERS]
    levels = [lg.level for lg in loggers]
    for lg in loggers:
        lg.setLevel(logging.ERROR)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        for lg, level in zip(loggers, levels):
            lg.setLevel(level)


def _import_comet(verbose: bool = False) -> Any:
    """Import comet, or explain how to install it. Undoes comet's `logging.basicConfig(INFO)`,
    which would otherwise make every INFO log of the host program print."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    try:
        # Only warnings are silenced here (torchmetrics' pkg_resources one): _quiet's logger-level
        # restore would undo the INFO level Lightning gives its logger at import, and hide its
        # banners from later verbose runs.
        with warnings.catch_warnings():
            if not verbose:
                warnings.simplefilter("ignore")
            import comet
            import torch  # noqa: F401
    except ImportError as exc:
        raise ModelError(f"COMET is not available ({one_line(exc)}); {INSTALL_HINT}") from None
    finally:
        root.handlers[:] = handlers
        root.setLevel(level)
    return comet


def resolve_model(name_or_path: str | os.PathLike[str]) -> Path:
    """Return the checkpoint file (absolute) for a .ckpt path, a model directory holding
    checkpoints/model.ckpt, or a hub name such as "Unbabel/wmt22-comet-da" ("wmt22-comet-da" for
    known models). Hub names are looked up in the local HF cache first; if absent and the hub is
    allowed (HF_HUB_OFFLINE unset), the model is downloaded. Raises ModelError, one line."""
    raw = os.fspath(name_or_path)
    path = Path(raw).expanduser()
    if path.is_dir():
        ckpt = path / CKPT_IN_REPO
        if not ckpt.is_file():
            raise ModelError(f"{path} is not a COMET model directory: {CKPT_IN_REPO} is missing")
        return _check_layout(ckpt)
    if path.is_file():
        return _check_layout(path)
    name = hub_name(raw)
    if raw.endswith(".ckpt") or raw.startswith((".", "/", "~")) or not _HUB_NAME.match(name):
        raise ModelError(f"COMET model not found: {raw} (no such file or directory, and not a hub name)")
    ckpt = cached_checkpoint(name)
    if ckpt is None:
        if hub_offline():
            raise ModelError(
                f"COMET model {name} is neither a local path nor in the local Hugging Face cache "
                f"({hf_cache_dir()}), and HF_HUB_OFFLINE is set; {offline_hint(name)}"
            )
        ckpt = download(name) / CKPT_IN_REPO  # ModelError with the same hint when unreachable
    return _check_layout(ckpt)


def _check_layout(ckpt: Path) -> Path:
    # comet reads <dir>/hparams.yaml for <dir>/checkpoints/model.ckpt; say so before it fails vaguely.
    # abspath, not resolve(): in the HF cache model.ckpt is a symlink into blobs/, away from hparams.yaml.
    ckpt = Path(os.path.abspath(ckpt))
    hparams = ckpt.parents[1] / "hparams.yaml" if len(ckpt.parents) > 1 else None
    if hparams is None or not hparams.is_file():
        raise ModelError(f"{ckpt} has no hparams.yaml two levels up; expected <model>/checkpoints/model.ckpt")
    return ckpt


@dataclass(frozen=True)
class CometOutput:
    scores: tuple[float, ...]
    system: float  # mean of scores; NaN for no triples
    error_spans: tuple[tuple[dict[str, Any], ...], ...] | None = None  # XCOMET only, one tuple per triple


def _default_gpus() -> int:
    import torch

    return 1 if torch.cuda.is_available() else 0


_threads_set = False


def _set_threads() -> None:
    """Use every core we may run on, unless the user chose with OMP_NUM_THREADS (torch's default
    counts physical cores only, and some containers report fewer)."""
    global _threads_set
    if _threads_set or "OMP_NUM_THREADS" in os.environ:
        return
    import torch

    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    torch.set_num_threads(max(1, cores))
    _threads_set = True


def _load(ckpt: Path, verbose: bool) -> Any:
    comet = _import_comet(verbose)
    _set_threads()
    with _quiet(verbose):
        try:
            # reload_hparams=False is comet's own default: the hparams inside the checkpoint rule and
            # hparams.yaml only names the class. local_files_only: never reach for the hub here.
            return comet.load_from_checkpoint(str(ckpt), reload_hparams=False, local_files_only=True)
        except Exception as exc:  # torch/pickle/yaml/transformers each raise their own types
            raise ModelError(_load_error(ckpt, exc)) from None


def _load_error(ckpt: Path, exc: Exception) -> str:
    if isinstance(exc, KeyError):
        return f"{ckpt}: hparams.yaml names an unknown COMET class_identifier {exc}"
    if isinstance(exc, OSError) and exc.errno is None:
        # transformers could not find the encoder's tokenizer/config (e.g. xlm-roberta-large) locally; its
        # OSErrors carry no errno. One that does is a read of the checkpoint itself failing: a truncated
        # model.ckpt makes torch seek past its end (EINVAL).
        return (
            f"cannot load the encoder of COMET model {ckpt.parents[1]} ({one_line(exc, 160)}); "
            "run `mtqe models download NAME` (it fetches the encoder files too) or set HF_HUB_CACHE"
        )
    return (
        f"cannot load COMET checkpoint {ckpt} ({type(exc).__name__}: {one_line(exc, 100)}); "
        "it is truncated, corrupted or not a COMET checkpoint: download it again"
    )


def _reference_free(model: Any) -> bool:
    # UnifiedMetric family (CometKiwi, XCOMET) lists its inputs; XCOMET's include "ref".
    # requires_references() is no help there (False for both), but right for the regression family:
    # RegressionMetric -> True, ReferencelessRegression -> False.
    segments = model.hparams.get("input_segments") if hasattr(model.hparams, "get") else None
    if segments:
        return "ref" not in segments
    return not model.requires_references()


# One loaded model per (checkpoint, gpus) per process: loading takes seconds to minutes.
_MODELS: dict[tuple[Path, int], Any] = {}


class CometScorer:
    """A loaded COMET model. Construct via `get_scorer` to share the model across documents."""

    def __init__(
        self,
        model: str | os.PathLike[str],
        batch_size: int = 16,
        gpus: int | None = None,
        verbose: bool = False,
    ) -> None:
        _import_comet(verbose)  # a missing extra is the first thing to tell, before any path check
        batch_size = check_setting("batch_size", batch_size)  # the rules the config file and CLI apply
        self.checkpoint = resolve_model(model)
        self.gpus = _default_gpus() if gpus is None else check_setting("gpus", gpus)
        self.batch_size = batch_size
        self.verbose = verbose
        key = (self.checkpoint, self.gpus)
        if key not in _MODELS:
            _MODELS[key] = _load(self.checkpoint, verbose)
        self.model = _MODELS[key]
        self.reference_free = _reference_free(self.model)
        # Name for the JSON report: the hub repo id for cached hub models, else the model directory.
        self.name = _display_name(self.checkpoint)

    def with_options(self, *, batch_size: int, verbose: bool) -> CometScorer:
        """A scorer sharing this one's loaded model with other run options."""
        other = copy.copy(self)
        other.batch_size, other.verbose = batch_size, verbose
        return other

    def score(self, triples: Sequence[Triple], progress: bool = False) -> CometOutput:
        """Score (src, mt, ref) triples, one score per triple in input order.

        comet's predict already sorts by length (length_batching=True, one device) and restores the
        order, so we do not sort again. ref may be None only for models that can work without it.
        """
        if not triples:
            return CometOutput(scores=(), system=float("nan"))
        samples = self._samples(triples)
        with _quiet(self.verbose):
            out = self.model.predict(
                samples,
                batch_size=self.batch_size,
                gpus=self.gpus,
                progress_bar=progress and len(samples) > PROGRESS_MIN_TRIPLES,
                length_batching=True,
            )
        scores = tuple(float(s) for s in out.scores)
        metadata = out.get("metadata") or {}
        spans = metadata.get("error_spans") if isinstance(metadata, Mapping) else None
        error_spans = None if spans is None else tuple(tuple(dict(sp) for sp in seg) for seg in spans)
        return CometOutput(scores=scores, system=sum(scores) / len(scores), error_spans=error_spans)

    def _samples(self, triples: Sequence[Triple]) -> list[dict[str, str]]:
        if self.reference_free:
            return [{"src": src, "mt": mt} for src, mt, _ in triples]
        missing = [i for i, (_, _, ref) in enumerate(triples) if ref is None]
        if not missing:
            return [{"src": src, "mt": mt, "ref": ref} for src, mt, ref in triples]
        # XCOMET (a UnifiedMetric with src in its inputs) falls back to QE when no triple has a ref.
        if len(missing) == len(triples) and "src" in (self.model.hparams.get("input_segments") or ()):
            return [{"src": src, "mt": mt} for src, mt, _ in triples]
        raise InputError(f"COMET model {self.name} needs a reference for every segment; segment {missing[0]} has none")


def _display_name(ckpt: Path) -> str:
    model_dir = ckpt.parents[1]
    # HF cache layout: .../models--Owner--name/snapshots/<rev>/checkpoints/model.ckpt
    repo = model_dir.parents[1].name if len(model_dir.parents) > 1 else ""
    if model_dir.parent.name == "snapshots" and repo.startswith("models--"):
        return repo[len("models--"):].replace("--", "/")
    return str(model_dir)


_SCORERS: dict[tuple[Path, int], CometScorer] = {}


def get_scorer(
    model: str | os.PathLike[str],
    batch_size: int = 16,
    gpus: int | None = None,
    verbose: bool = False,
) -> CometScorer:
    """A scorer for `model`, loading it at most once per process per (checkpoint, gpus)."""
    _import_comet(verbose)
    ckpt = resolve_model(model)
    gpus = _default_gpus() if gpus is None else gpus
    scorer = _SCORERS.get((ckpt, gpus))
    if scorer is None:
        scorer = _SCORERS[(ckpt, gpus)] = CometScorer(ckpt, batch_size=batch_size, gpus=gpus, verbose=verbose)
    if (scorer.batch_size, scorer.verbose) != (batch_size, verbose):
        scorer = scorer.with_options(batch_size=batch_size, verbose=verbose)
    return scorer


def clear_cache() -> None:
    """Drop loaded models (frees memory; the next get_scorer loads again)."""
    _SCORERS.clear()
    _MODELS.clear()


_SEVERITY_ALIASES: dict[str, Severity] = {"minor": "minor", "major": "major", "critical": "critical", "crit": "critical"}


def error_span_flags(spans: Sequence[Mapping[str, Any]] | None, cand: str) -> list[Flag]:
    """XCOMET `metadata.error_spans` of one segment -> C001 flags located in `cand` (the mt side).

    Offsets are character offsets into the mt string; they are clamped to `cand`, and if they do not
    match the span text (whitespace, tokenizer quirks) the text is searched for instead.
    """
    flags: list[Flag] = []
    for span in spans or ():
        text = str(span.get("text", ""))
        start = max(0, min(int(span.get("start", 0)), len(cand)))
        end = max(start, min(int(span.get("end", start)), len(cand)))
        stripped = text.strip()
        if stripped and cand[start:end].strip() != stripped:
            found = cand.find(stripped)
            if found >= 0:
                start, end = found, found + len(stripped)
        if end <= start:
            continue
        severity = _SEVERITY_ALIASES.get(str(span.get("severity", "")).lower(), "minor")
        confidence = span.get("confidence")
        conf = f", confidence {float(confidence):.2f}" if confidence is not None else ""
        flags.append(
            Flag(
                code="C001",
                category="comet-span",
                severity=severity,
                message=f"COMET marks a {severity} error{conf}: {cand[start:end]!r}",
                cand_span=(start, end),
                cand_text=cand[start:end],
            )
        )
    return flags
