import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
DATA = Path(__file__).parent / "data"
DEMETR = Path(os.environ.get("MTQE_DEMETR") or ROOT.parent / "shared" / "demetr-dev")  # or your own checkout


@pytest.fixture(scope="session")
def seed_texts() -> tuple[str, str]:
    return (SEEDS / "original.txt").read_text(encoding="utf-8"), (SEEDS / "roundtrip.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_report(seed_texts):
    import mtqe

    return mtqe.compare(*seed_texts)


def needs_demetr():
    return pytest.mark.skipif(
        not DEMETR.is_dir(), reason=f"DEMETR dev data not found at {DEMETR} (set MTQE_DEMETR to a checkout)"
    )
