"""mtqe: find and locate round-trip machine-translation damage in a republished article.

Importing mtqe is light: torch and COMET load only when COMET scoring is asked for.
"""

from __future__ import annotations

__version__ = "0.1.0"
__all__ = ["compare", "Report", "Segment", "Flag", "Options", "MtqeError", "__version__"]

from .errors import MtqeError
from .report import Flag, Report, Segment


def __getattr__(name: str):
    # The pipeline pulls in the detectors and their word lists; load it on first use, not on `import mtqe`.
    if name == "compare":
        from .pipeline import compare

        return compare
    if name == "Options":
        from .options import Options

        return Options
    raise AttributeError(name)
