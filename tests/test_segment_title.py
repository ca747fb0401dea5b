"""The sentence splitter's title test reads only the end of a span, with the whole-span search's answers."""

import pytest

from mtqe.segment import _TITLE, _ends_in_title


@pytest.mark.parametrize("span, title", [
    ("The report was written by Supt.", True),
    ("It was signed by Capt.", True),
    ("He met Dr.", True),
    ("Mr.", True),
    ("The letter came from John F.", True),  # an initial
    ("Prices rose in the U.", True),
    ("Talks with Gen.  ", True),  # trailing spaces are allowed by the pattern
    ("He left at noon.", False),
    ("The vote was split.", False),
    ("xMr.", False),  # no word boundary before the title
    ("Supt", False),
    ("", False),
    ("a.", False),  # an initial is a capital
])
def test_end_of_span_decides(span, title):
    assert _ends_in_title(span) is title
    assert (_TITLE.search(span) is not None) is title
