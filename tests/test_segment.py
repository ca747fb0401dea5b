import pytest

from mtqe.document import from_text
from mtqe.segment import split


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Gen. Mark Milley met officials in the U.S. on Jan. 5. He left Acme Inc. in N.Y. after that.",
         ["Gen. Mark Milley met officials in the U.S. on Jan. 5.", "He left Acme Inc. in N.Y. after that."]),
        ("Two months ago, Ms. Locklear left the clinic. She is fine.",
         ["Two months ago, Ms. Locklear left the clinic.", "She is fine."]),
        ("“We will not leave,” he said. The crowd cheered.",
         ["“We will not leave,” he said.", "The crowd cheered."]),
        ("Add example.com As A Trusted Source\nThe judge ruled on Wednesday.",
         ["Add example.com As A Trusted Source", "The judge ruled on Wednesday."]),
        ("Headline without a full stop\n\nWASHINGTON — The body text starts here. It goes on.",
         ["Headline without a full stop", "WASHINGTON — The body text starts here.", "It goes on."]),
    ],
)
def test_split(text, expected):
    assert [s.text for s in split(from_text(text))] == expected


def test_offsets_point_into_the_original(seed_texts):
    for text in seed_texts:
        doc = from_text(text)
        sentences = split(doc)
        assert sentences
        for s in sentences:
            assert doc.text[s.start:s.end] == s.text


def test_seed_headline_and_boilerplate_are_units(seed_texts):
    ref = split(from_text(seed_texts[0]))
    cand = split(from_text(seed_texts[1]))
    assert ref[0].text.startswith("Chinese national who exposed") and ref[0].text.endswith("remain in US")
    assert cand[0].text == "Add thelocalreport.in As A Trusted Source"
