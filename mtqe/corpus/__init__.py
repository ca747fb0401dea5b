"""Score a whole corpus: manifests, parallel workers, streaming JSONL results, resume, Dask, JUnit.

Where each part lives:

- ``manifest``     reading JSONL / CSV / directory manifests, column checks, ``Item``
- ``item``         scoring one item and the per-item error policy, ``Outcome``
- ``executors``    the local process pool (with its orphan watchdog) and Dask
- ``fingerprint``  the options every record carries, and how two differ
- ``results``      the results file: record layout, resume
- ``runner``       the run loop (checks first, then streams outcomes; progress via callbacks)
- ``junit``        JUnit XML of a gated run, for CI

Use: ``from mtqe import corpus; corpus.run("manifest.jsonl", "out.jsonl", Options(), jobs=4)``.
"""

from .executors import IN_FLIGHT_PER_WORKER, check_scheduler, default_jobs
from .fingerprint import fingerprint
from .item import FATAL_ERRORS, Outcome, compare_item
from .manifest import COLUMNS, Item, ManifestError, check_manifest, read_manifest
from .junit import JUnitReport
from .junit import properties as junit_properties
from .results import load_done
from .runner import RunResult, check_report_paths, run

__all__ = [
    "COLUMNS", "FATAL_ERRORS", "IN_FLIGHT_PER_WORKER", "Item", "JUnitReport", "ManifestError",
    "Outcome", "RunResult", "check_manifest", "check_report_paths", "check_scheduler", "compare_item", "default_jobs",
    "fingerprint", "junit_properties", "load_done", "read_manifest", "run",
]
