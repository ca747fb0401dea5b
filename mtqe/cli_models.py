"""`mtqe models list|download`: see and fetch COMET models. Mounted by mtqe.cli as `models`.

No torch import: listing reads the hub cache only; downloading uses huggingface_hub.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from mtqe.errors import MtqeError

models_app = typer.Typer(
    help="List and download COMET models (downloads need the network; scoring never does).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _fail(exc: MtqeError) -> None:
    typer.echo(f"mtqe: error: {exc}", err=True)
    raise typer.Exit(2) from None


@models_app.command("list")
def list_cmd() -> None:
    """Known COMET models: size, licence, reference-free (QE) or not, and whether cached locally."""
    from rich.console import Console
    from rich.table import Table

    from mtqe.models import hf_cache_dir, list_models

    table = Table(title=f"COMET models (cache: {hf_cache_dir()})")
    for column in ("name", "size", "licence", "QE?", "cached", "note"):
        table.add_column(column)
    for info in list_models():
        licence = info.licence + (" (gated)" if info.gated else "")
        table.add_row(info.name, info.size, licence, "yes" if info.reference_free else "no",
                      "yes" if info.cached else "no", info.note)
    Console(width=max(120, Console().width)).print(table)  # never truncate names in narrow terminals


@models_app.command("download")
def download_cmd(
    name: Annotated[str, typer.Argument(help="Hub model name, e.g. Unbabel/wmt22-comet-da.")],
    dir: Annotated[
        Optional[Path],
        typer.Option("--dir", help="Download into this directory (a HF cache; use it with HF_HUB_CACHE=DIR)."),
    ] = None,
) -> None:
    """Download a model (and its encoder's tokenizer) so scoring works offline."""
    from mtqe.models import download

    try:
        path = download(name, dir)
    except MtqeError as exc:
        _fail(exc)
    typer.echo(str(path))
