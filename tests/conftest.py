from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
DATA = Path(__file__).parent / "data"
DEMETR = ROOT.parent / "shared" / "demetr-dev"


@pytest.fixture(scope="session")
def seed_texts() -> tuple[str, str]:
    return (SEEDS / "original.txt").read_text(encoding="utf-8"), (SEEDS / "roundtrip.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_report(seed_texts):
    import mtqe

    return mtqe.compare(*seed_texts)


def needs_demetr():
    return pytest.mark.skipif(not DEMETR.is_dir(), reason=f"DEMETR dev data not found at {DEMETR}")
