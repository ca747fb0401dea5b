"""Compiles mtqe's comparison path with Cython; everything else is declared in pyproject.toml.

The compiled modules stay plain Python: Cython compiles the same source (annotations are not read as C
types), so the results are identical (tests/test_compiled.py) and the comparison about 1.4 times as fast.
Without a C compiler, or with ``MTQE_PURE_PYTHON=1`` at install, the package is the same pure Python, only
slower; mtqe/compiled.py also runs a module's source when it is newer than its build (an edited checkout).
Only the per-pair path is compiled (measured with py-spy): the CLI, adapters and reports gain nothing.
"""

from __future__ import annotations

import os
import sys

from setuptools import setup
from setuptools.command.build_ext import build_ext

COMPILED = [
    "mtqe/align.py", "mtqe/context.py", "mtqe/langid.py", "mtqe/metrics.py", "mtqe/pipeline.py",
    "mtqe/quotations.py", "mtqe/risk.py", "mtqe/segment.py", "mtqe/text.py", "mtqe/verdict.py",
    "mtqe/word_evidence.py", "mtqe/wordalign.py",
    "mtqe/lexicon/english.py", "mtqe/lexicon/figures.py", "mtqe/lexicon/inflections.py", "mtqe/lexicon/names.py",
    "mtqe/lexicon/negation.py", "mtqe/lexicon/sentences.py", "mtqe/lexicon/wordnet.py", "mtqe/lexicon/words.py",
]
COMPILED_PACKAGES = ["mtqe/detectors"]  # every module but __init__.py


def _sources() -> list[str]:
    root = os.path.dirname(os.path.abspath(__file__))
    extra = [
        f"{pkg}/{name}" for pkg in COMPILED_PACKAGES for name in sorted(os.listdir(os.path.join(root, pkg)))
        if name.endswith(".py") and name != "__init__.py"
    ]
    return COMPILED + extra


class _ParallelBuild(build_ext):
    """One compiler process per core; -O2 without debug information (Python's own -O3 -g doubles the
    build time for no measured gain)."""

    def finalize_options(self):
        super().finalize_options()
        self.parallel = self.parallel or os.cpu_count() or 1

    def build_extensions(self):
        if self.compiler.compiler_type == "unix":
            for ext in self.extensions:
                ext.extra_compile_args = [*ext.extra_compile_args, "-O2", "-g0"]
        super().build_extensions()


def _extensions():
    if os.environ.get("MTQE_PURE_PYTHON"):
        return []
    try:
        from Cython.Build import cythonize
    except ImportError:  # built without pyproject.toml's build requirements: pure Python
        return []
    from setuptools import Extension

    modules = [Extension(src[:-3].replace("/", "."), [src]) for src in _sources()]
    built = cythonize(
        modules,
        build_dir="build/cython",  # the generated C stays out of the source tree
        compiler_directives={"language_level": 3, "annotation_typing": False},
        nthreads=os.cpu_count() or 1,
        quiet=True,
    )
    for ext in built:
        ext.optional = True  # a module that fails to compile stays pure Python; the install goes on
    return built


setup(ext_modules=_extensions(), cmdclass={"build_ext": _ParallelBuild})
