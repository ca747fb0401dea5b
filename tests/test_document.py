"""Reading documents: encodings kept or refused clearly; every bad input is exit 2 with one line."""

import codecs

import pytest
from typer.testing import CliRunner

from mtqe.cli import app
from mtqe.document import from_text, read_document
from mtqe.errors import InputError

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
