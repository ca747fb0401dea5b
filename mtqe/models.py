"""Known COMET models, where they sit in the local Hugging Face cache, and downloading them.

No torch or comet import here: `mtqe models list` must stay fast and work without the extra.
huggingface_hub (installed with the `comet` extra) is imported inside functions.

Offline use: run `mtqe models download NAME --dir DIR` on a connected machine, copy DIR over and
set HF_HUB_CACHE=DIR (the download also fetches the tokenizer/config of the encoder named by the
model's `pretrained_model`, which COMET needs at load time; its big weights are not needed).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

from mtqe.errors import ModelError

INSTALL_HINT = "install COMET support with: pip install 'mtqe[comet]'"
CKPT_IN_REPO = "checkpoints/model.ckpt"
# Files an encoder needs when COMET builds it from config (load_pretrained_weights=False at load):
# tokenizer + config, never the multi-GB weights that the COMET checkpoint already contains.
_ENCODER_FILES = ["*.json", "*.txt", "*.model"]


@dataclass(frozen=True)
class ModelInfo:
    name: str
    size: str  # approximate download size of the checkpoint
    licence: str
    reference_free: bool  # QE model: scores (src, mt) without a reference
    gated: bool = False  # needs accepting terms on the hub and a token (`huggingface-cli login`)
    note: str = ""
    cached: bool = False  # filled by list_models()


KNOWN_MODELS: tuple[ModelInfo, ...] = (
    ModelInfo("Unbabel/wmt22-comet-da", "2.3 GB", "apache-2.0", False, note="default; XLM-R large"),
    ModelInfo("Unbabel/eamt22-cometinho-da", "~0.5 GB", "apache-2.0", False, note="small and fast"),
    ModelInfo("Unbabel/wmt20-comet-da", "2.3 GB", "apache-2.0", False, note="legacy COMET-20"),
    ModelInfo("Unbabel/wmt22-cometkiwi-da", "2.3 GB", "cc-by-nc-sa-4.0", True, gated=True,
              note="non-commercial"),
    ModelInfo("Unbabel/wmt23-cometkiwi-da-xl", "~14 GB", "cc-by-nc-sa-4.0", True, gated=True,
              note="non-commercial"),
    ModelInfo("Unbabel/XCOMET-XL", "~14 GB", "cc-by-nc-sa-4.0", False, gated=True,
              note="non-commercial; error spans"),
    ModelInfo("Unbabel/XCOMET-XXL", "~43 GB", "cc-by-nc-sa-4.0", False, gated=True,
              note="non-commercial; error spans"),
)


def hub_name(name: str) -> str:
    """Accept short names of known models ("wmt22-comet-da") as well as "owner/name"."""
    for info in KNOWN_MODELS:
        if name.lower() in (info.name.lower(), info.name.split("/", 1)[1].lower()):
            return info.name
    return name


def hf_cache_dir() -> Path:
    """The hub cache, read from the environment at call time (huggingface_hub freezes it at import,
    so a HF_HOME/HF_HUB_CACHE set later, e.g. by a test or a wrapper script, would be missed)."""
    if os.environ.get("HF_HUB_CACHE"):
        return Path(os.environ["HF_HUB_CACHE"]).expanduser()
    if os.environ.get("HF_HOME"):
        return Path(os.environ["HF_HOME"]).expanduser() / "hub"
    xdg = os.environ.get("XDG_CACHE_HOME") or "~/.cache"
    return Path(xdg).expanduser() / "huggingface" / "hub"


def hub_offline() -> bool:
    return os.environ.get("HF_HUB_OFFLINE", "").strip().lower() in ("1", "true", "yes", "on")


def cached_checkpoint(name: str, cache_dir: Path | None = None) -> Path | None:
    """The cached `checkpoints/model.ckpt` of hub model `name`, or None. Never touches the network."""
    try:
        from huggingface_hub import try_to_load_from_cache
    except ImportError:
        return None
    found = try_to_load_from_cache(hub_name(name), CKPT_IN_REPO, cache_dir=str(cache_dir or hf_cache_dir()))
    return Path(found) if isinstance(found, str) and Path(found).is_file() else None


def list_models() -> list[ModelInfo]:
    return [replace(info, cached=cached_checkpoint(info.name) is not None) for info in KNOWN_MODELS]


def offline_hint(name: str) -> str:
    return (
        f"run `mtqe models download {name} --dir DIR` on a connected machine, copy DIR here and set "
        "HF_HUB_CACHE=DIR, or pass the path of a local model directory"
    )


def download(name: str, dir: Path | None = None) -> Path:
    """Download hub model `name` (plus its encoder's tokenizer/config) into the HF cache or `dir`
    (laid out as a HF cache, usable via HF_HUB_CACHE=dir). Returns the model directory, which holds
    hparams.yaml and checkpoints/model.ckpt.

    Only download checkpoints you trust: a COMET checkpoint is a pickle, and loading it runs code.
    """
    name = hub_name(name)
    try:
        from huggingface_hub import snapshot_download
        from huggingface_hub.errors import GatedRepoError, LocalEntryNotFoundError, RepositoryNotFoundError
    except ImportError as exc:
        raise ModelError(f"cannot download models ({exc}); {INSTALL_HINT}") from None
    if hub_offline():
        raise ModelError(f"cannot download {name}: HF_HUB_OFFLINE is set; {offline_hint(name)}")
    cache_dir = str(Path(dir).expanduser() if dir else hf_cache_dir())
    try:
        model_dir = Path(snapshot_download(repo_id=name, cache_dir=cache_dir))
        encoder = _encoder_name(model_dir)
        if encoder and not Path(encoder).exists():  # a hub encoder, not a local path
            snapshot_download(repo_id=encoder, cache_dir=cache_dir, allow_patterns=_ENCODER_FILES)
    except GatedRepoError:
        raise ModelError(
            f"{name} is gated: accept its terms at https://huggingface.co/{name}, log in with "
            "`huggingface-cli login` (or set HF_TOKEN), then retry"
        ) from None
    except RepositoryNotFoundError:
        raise ModelError(f"no model {name!r} on the Hugging Face hub; see `mtqe models list`") from None
    except LocalEntryNotFoundError:  # what huggingface_hub raises when the hub cannot be reached
        raise ModelError(f"cannot reach the Hugging Face hub to download {name}; {offline_hint(name)}") from None
    except Exception as exc:  # other connection errors come in many types (OSError, httpx/requests errors)
        raise ModelError(f"cannot download {name} ({one_line(exc)}); {offline_hint(name)}") from None
    if not (model_dir / CKPT_IN_REPO).is_file():
        raise ModelError(f"{name} has no {CKPT_IN_REPO}; it is not a COMET model")
    return model_dir


def _encoder_name(model_dir: Path) -> str | None:
    import yaml

    hparams = model_dir / "hparams.yaml"
    if not hparams.is_file():
        return None
    data = yaml.safe_load(hparams.read_text(encoding="utf-8")) or {}
    return data.get("pretrained_model")


def one_line(exc: BaseException, limit: int = 200) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= limit else text[: limit - 1] + "…"
