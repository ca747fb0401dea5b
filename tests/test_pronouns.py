"""P102's severity: a person made a thing, or the speaker made someone else, misinforms; "it" / "they" for
a collective is agreement (written for these tests)."""

import pytest

from mtqe import compare


def _p102(ref: str, cand: str) -> list[str]:
    return [f.severity for s in compare(ref, cand).segments for f in s.flags if f.code == "P102"]


@pytest.mark.parametrize(("ref", "cand", "severity"), [
    ("He received criticism for the decision.", "It received criticism for the decision.", "major"),
    ("She asked for support in the vote.", "It asked for support in the vote.", "major"),
    ("Voters do not deserve to know his position, he said.", "Voters do not deserve to know their position, he said.", "major"),
    ("The agency confirmed they seized the drugs.", "The agency confirmed it seized the drugs.", "minor"),
    # the "it" of an idiom points at nothing; "make it" with a noun phrase after it does point
    ("The young singer made it big in Nashville before she turned twenty.",
     "The young singer made him big in Nashville before she turned twenty.", "minor"),
    ("The owners want to buy the old mill and make it a museum.",
     "The owners want to buy the old mill and make him a museum.", "major"),
])
def test_severity(ref, cand, severity):
    assert _p102(ref, cand) == [severity]
