"""Which of mtqe's modules run compiled and which from source.

At install, setup.py compiles the comparison path with Cython (the same source: results are identical,
``tests/test_compiled.py`` compares them). A compiled module is used unless ``MTQE_PURE_PYTHON`` is set
or its source is newer than its build, as in an edited checkout before ``make build``: then the source
runs, so an edit always takes effect. Imported by ``mtqe/__init__.py`` before any other module of mtqe.
"""

from __future__ import annotations

import os
import sys
from importlib.machinery import ExtensionFileLoader, ModuleSpec, PathFinder
from importlib.util import spec_from_file_location

# module name -> "compiled" or "source", for every mtqe module that has a build beside its source
loaded: dict[str, str] = {}


class _PreferFreshSource:
    """A meta path finder for mtqe's own modules: a build older than its source is passed over."""

    def __init__(self, pure: bool):
        self.pure = pure

    def find_spec(self, fullname: str, path=None, target=None) -> ModuleSpec | None:
        if path is None or not fullname.startswith("mtqe."):
            return None
        spec = PathFinder.find_spec(fullname, path)
        if spec is None or not isinstance(spec.loader, ExtensionFileLoader):
            return spec
        source = os.path.join(os.path.dirname(spec.origin), fullname.rpartition(".")[2] + ".py")
        try:
            stale = self.pure or os.stat(source).st_mtime > os.stat(spec.origin).st_mtime
        except OSError:  # no source beside the build (an installed wheel may ship both or only one)
            stale = False
        loaded[fullname] = "source" if stale else "compiled"
        return spec_from_file_location(fullname, source) if stale else spec


def install() -> None:
    """Put the finder first on ``sys.meta_path`` (once)."""
    if not any(isinstance(f, _PreferFreshSource) for f in sys.meta_path):
        sys.meta_path.insert(0, _PreferFreshSource(bool(os.environ.get("MTQE_PURE_PYTHON"))))
