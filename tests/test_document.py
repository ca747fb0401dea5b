"""Reading documents: encodings kept or refused clearly, hard wraps rejoined, stdin; every bad input is exit 2 with one line."""

import codecs
import json
import textwrap

import pytest
from typer.testing import CliRunner

import mtqe
from mtqe.cli import app
from mtqe.document import from_text, read_document, unwrap
from mtqe.errors import InputError
from mtqe.segment import split

runner = CliRunner()
TEXT = "Guan Heng, 38, applied for asylum.\nHe said that was not his goal.\n"


@pytest.mark.parametrize(
    "data",
    [TEXT.encode("utf-8"), codecs.BOM_UTF8 + TEXT.encode("utf-8"), TEXT.encode("utf-16"),
     TEXT.replace("\n", "\r\n").encode("utf-8")],
    ids=["utf8", "utf8-bom", "utf16-bom", "crlf"],
)
def test_encodings_decode_to_the_same_text(tmp_path, data):
    p = tmp_path / "a.txt"
    p.write_bytes(data)
    assert read_document(p).text == TEXT


def test_explicit_encoding(tmp_path):
    p = tmp_path / "latin.txt"
    p.write_bytes("Café owners in Montréal said no.".encode("cp1252"))
    assert read_document(p, encoding="cp1252").text.startswith("Café")


def _bad_inputs(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(TEXT, encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n\t\n", encoding="utf-8")
    binary = tmp_path / "image.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Caf\xe9 owners said no.".encode("latin-1"))
    big = tmp_path / "big.txt"
    big.write_text("A sentence about asylum. " * 300_000, encoding="utf-8")  # ~7.5 MB
    return good, {
        "missing": (tmp_path / "nope.txt", "no such file"),
        "directory": (tmp_path, "is a directory"),
        "empty": (empty, "empty"),
        "binary": (binary, "binary"),
        "undecodable": (latin, "not valid UTF-8"),
        "too-large": (big, "--max-mb"),
    }


@pytest.mark.parametrize("case", ["missing", "directory", "empty", "binary", "undecodable", "too-large"])
@pytest.mark.parametrize("side", ["reference", "candidate"])
def test_bad_input_is_one_line_and_exit_2(tmp_path, case, side):
    good, cases = _bad_inputs(tmp_path)
    bad, needle = cases[case]
    args = ["score", str(bad), str(good)] if side == "reference" else ["score", str(good), str(bad)]
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("mtqe: error:"), result.stderr
    assert needle in lines[0]
    assert "Traceback" not in result.output + result.stderr


def test_size_limit_is_settable():
    from conftest import SEEDS

    ref, cand = str(SEEDS / "original.txt"), str(SEEDS / "roundtrip.txt")
    refused = runner.invoke(app, ["score", ref, cand, "--max-mb", "0.001"])
    assert refused.exit_code == 2 and "over the 0.001 MB limit" in refused.stderr
    assert runner.invoke(app, ["score", ref, cand, "--max-mb", "0.01", "-q"]).exit_code == 0


def test_from_text_rejects_whitespace():
    with pytest.raises(InputError, match="empty"):
        from_text(" \n\n ")


# --- hard-wrapped text -------------------------------------------------------------------------------------

PROMO = "Add thelocalreport.in As A Trusted Source"


def _wrap(text: str, width: int, sep: str = "\n\n") -> str:
    return sep.join(textwrap.fill(p, width) for p in text.split("\n\n") if p.strip()) + "\n"


def _sentences(text: str) -> list[str]:
    return [s.text for s in split(from_text(text))]


@pytest.mark.parametrize("width", [60, 72, 80])
def test_wrapped_seed_segments_like_the_original(seed_texts, width):
    original = seed_texts[0]
    assert _sentences(_wrap(original, width)) == _sentences(original)


def test_wrapped_seed_is_identical_to_the_original(seed_texts):
    report = mtqe.compare(seed_texts[0], _wrap(seed_texts[0], 72))
    assert report.relation == "identical" and report.flags == []


def test_an_injected_line_in_wrapped_text_stays_its_own_unit(seed_texts):
    paragraphs = seed_texts[0].split("\n\n")
    # wrapped paragraphs separated by single newlines, the promo line between two of them
    text = "\n".join(textwrap.fill(p, 72) for p in paragraphs[:3]) + "\n" + PROMO + "\n" + textwrap.fill(paragraphs[3], 72)
    sentences = _sentences(text)
    assert PROMO in sentences
    assert sentences[sentences.index(PROMO) + 1].startswith("The Department of Homeland Security initially sought")
    assert sentences[0] == "Chinese national who exposed human rights abuses in his homeland is granted asylum to remain in US"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a wrapper breaks after a hyphen: rejoined without a space
        ("An immigration judge on Wednesday granted asylum to a man with a well-\nfounded fear of persecution if he is sent back.\n"
         "He has been in custody since being swept up in an enforcement sweep in\nAugust as part of a mass deportation campaign.\n"
         "The Department of Homeland Security initially sought to deport him to\nUganda, but dropped the plan in December.\n",
         "well-founded fear"),
        # a line ending on an abbreviation's full stop goes on in lowercase: one sentence
        ("Guan Heng, 38, applied for asylum after arriving in the U.S.\nillegally in 2021, and he has been held since August by the\n"
         "immigration authorities of the state of New York, his lawyer said on\nWednesday, adding that he would appeal any ruling.\n",
         "arriving in the U.S. illegally in 2021"),
    ],
)
def test_wrap_joins(text, expected):
    assert expected in unwrap(text)


def test_unwrapped_text_is_left_alone(seed_texts):
    # one paragraph per line (the seed copy) or per blank-line block: nothing to join
    for text in seed_texts:
        assert unwrap(text) == text
    short = "Headline without a full stop\nThe body starts here and goes on for a while.\nAnd a third line.\n"
    assert unwrap(short) == short


# --- standard input ----------------------------------------------------------------------------------------

def test_stdin_reads_one_side(tmp_path, seed_texts):
    ref = tmp_path / "original.txt"
    ref.write_text(seed_texts[0], encoding="utf-8")
    piped = runner.invoke(app, ["score", str(ref), "-", "-f", "json"], input=seed_texts[1].encode("utf-8"))
    assert piped.exit_code == 0, piped.stderr
    report = json.loads(piped.stdout)
    assert report["candidate"]["path"] == "<stdin>" and report["document"]["relation"] == "round-trip-suspect"
    reverse = runner.invoke(app, ["score", "-", str(ref), "-q"], input=seed_texts[0].encode("utf-8"))
    assert reverse.exit_code == 0 and "relation: identical" in reverse.stdout


def test_stdin_for_both_sides_is_a_usage_error(seed_texts):
    result = runner.invoke(app, ["score", "-", "-"], input=seed_texts[0].encode("utf-8"))
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "standard input" in result.stderr


def test_empty_stdin_is_an_input_error(tmp_path):
    ref = tmp_path / "original.txt"
    ref.write_text(TEXT, encoding="utf-8")
    result = runner.invoke(app, ["check", str(ref), "-"], input=b"")
    assert result.exit_code == 2 and "<stdin>: document is empty" in result.stderr


TICKER = ["Markets close higher as tech stocks rally", "Weather: rain expected across the north tonight",
          "Five things to know this morning", "Local team wins derby in extra time",
          "Petrol prices to rise again next week", "Schools reopen after the storm",
          "Watch: the moment the bridge opened", "Council approves new parking rules",
          "Celebrity chef opens second restaurant", "Traffic delays on the ring road"]


def test_a_block_of_short_lines_is_not_a_wrap(seed_texts):
    # a ticker on top of the article: even lengths, but every line starts its own capitalised unit
    text = "\n".join(TICKER) + "\n\n" + seed_texts[0]
    assert unwrap(text) == text
    wrapped = "\n".join(TICKER) + "\n\n" + _wrap(seed_texts[0], 72)
    assert _sentences(wrapped)[: len(TICKER)] == TICKER
