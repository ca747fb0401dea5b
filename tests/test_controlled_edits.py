"""Controlled edits of real articles through `mtqe check`: a changed fact fails the default gate with the
right category at major or worse; a house-style change, an appended promo line, a trimmed last paragraph
or rewrapped lines still pass.

Each edit is applied to the first real article of ../shared/roundtrip-dev (sorted by name) where it
applies, outside quotation marks (a changed word inside quotes is a quote flag, whatever it means). The
article is the reference; the edited article is the copy, so the edit is the only difference.
"""

from __future__ import annotations

import json
import os
import re
import textwrap
from functools import lru_cache
from pathlib import Path
from typing import Callable, Optional

import pytest
from typer.testing import CliRunner

from mtqe.cli import app

ROOT = Path(__file__).resolve().parents[1]
ROUNDTRIP = Path(os.environ.get("MTQE_ROUNDTRIP") or ROOT.parent / "shared" / "roundtrip-dev")

pytestmark = pytest.mark.skipif(
    not any(ROUNDTRIP.glob("*.ref.txt")),
    reason=f"real articles not found at {ROUNDTRIP} (set MTQE_ROUNDTRIP to a roundtrip-dev checkout)",
)

SERIOUS = ("major", "critical")
Edit = Callable[[str], Optional[str]]


@lru_cache(maxsize=1)
def _articles() -> tuple[tuple[str, str], ...]:
    return tuple((p.name[: -len(".ref.txt")], p.read_text(encoding="utf-8")) for p in sorted(ROUNDTRIP.glob("*.ref.txt")))


def _outside_quotes(text: str, pos: int) -> bool:
    """No open quotation at ``pos`` within its paragraph (straight or curly double quotes)."""
    para_start = text.rfind("\n", 0, pos) + 1
    before = text[para_start:pos]
    return before.count('"') % 2 == 0 and before.count("\u201c") == before.count("\u201d")


def _first_outside_quotes(pattern: str, text: str):
    return next((m for m in re.finditer(pattern, text) if _outside_quotes(text, m.start())), None)


def _pick(edit: Edit) -> tuple[str, str, str]:
    """(article name, original, edited) for the first article the edit applies to; skip if none."""
    for name, text in _articles():
        edited = edit(text)
        if edited is not None and edited != text:
            return name, text, edited
    pytest.skip("no article of the shared data admits this edit")


def _check(tmp_path: Path, reference: str, candidate: str) -> tuple[int, dict]:
    ref, cand, out = tmp_path / "ref.txt", tmp_path / "cand.txt", tmp_path / "report.json"
    ref.write_text(reference, encoding="utf-8")
    cand.write_text(candidate, encoding="utf-8")
    result = CliRunner().invoke(app, ["check", str(ref), str(cand), "--format", "json", "--output", str(out)])
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, json.loads(out.read_text(encoding="utf-8"))


def _flags(report: dict) -> list[dict]:
    return [f for s in report["segments"] for f in s["flags"]]


@pytest.fixture(autouse=True)
def _no_project_config(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # the default gate, not a [tool.mtqe] of whatever directory pytest runs in


# --- edits that change a fact -------------------------------------------------------------------------------

def _replace_word(word: str, opposite: str) -> Edit:
    def edit(text: str) -> str | None:
        m = _first_outside_quotes(rf"\b{word}\b", text)
        return None if m is None else text[: m.start()] + opposite + text[m.end():]
    return edit


_FIGURE = r"(?<![\w.,])(\d{1,3}(?:,\d{3})*(?:\.\d+)?%?)(?![\w%]|[.,]\d)"


def _swap_figures(text: str) -> str | None:
    """Two different figures of one sentence trade places (counts and shares, not years)."""
    for m in re.finditer(r"[^.\n]*[.\n]", text):
        sentence = m.group()
        figures = [f for f in re.finditer(_FIGURE, sentence) if _outside_quotes(text, m.start() + f.start())
                   and not re.fullmatch(r"(?:19|20)\d\d", f.group())]
        for a, b in zip(figures, figures[1:]):
            if a.group() != b.group() and a.group().endswith("%") == b.group().endswith("%") \
                    and sentence.count(a.group()) == sentence.count(b.group()) == 1:
                swapped = sentence[: a.start()] + b.group() + sentence[a.end(): b.start()] + a.group() + sentence[b.end():]
                return text[: m.start()] + swapped + text[m.end():]
    return None


_OTHER_UNIT = {"days": "weeks", "weeks": "months", "months": "years", "years": "months", "miles": "kilometres",
               "kilometres": "miles", "kilometers": "miles", "km": "miles"}


def _change_unit(text: str) -> str | None:
    m = _first_outside_quotes(r"\b(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten) (" + "|".join(_OTHER_UNIT) + r")\b", text)
    if m is None:
        return None
    return text[: m.start(1)] + _OTHER_UNIT[m.group(1)] + text[m.end(1):]


def _rename(name: str, other: str) -> Edit:
    """Every mention of a name replaced the same way, as a consistent round trip would."""
    def edit(text: str) -> str | None:
        return re.sub(rf"\b{name}\b", other, text) if re.search(rf"\b{name}\b", text) else None
    return edit


def _surname(text: str) -> str | None:
    """A person's surname: written after a capitalised first name at least once, then alone twice more."""
    counts: dict[str, int] = {}
    for m in re.finditer(r"\b[A-Z][a-z]+ ([A-Z][a-z]{4,})\b", text):
        counts.setdefault(m.group(1), 0)
    for name in counts:
        counts[name] = len(re.findall(rf"\b{name}\b", text))
    ranked = sorted((n for n in counts if counts[n] >= 3), key=lambda n: (-counts[n], n))
    return ranked[0] if ranked else None


def _respell_surname(text: str) -> str | None:
    """Every mention of a surname respelled the same way (one vowel changed: "Ouslander" -> "Auslander")."""
    name = _surname(text)
    if name is None:
        return None
    k = next(i for i, ch in enumerate(name) if ch in "aeiou")
    respelled = name[:k] + {"a": "e", "e": "a", "i": "e", "o": "u", "u": "o"}[name[k]] + name[k + 1:]
    return re.sub(rf"\b{name}\b", respelled, text)


def _replace_surname(text: str) -> str | None:
    """Every mention of a surname replaced by another surname ("Trump" -> "Biden")."""
    name = _surname(text)
    other = "Henderson" if name != "Henderson" else "Morrison"
    return None if name is None else re.sub(rf"\b{name}\b", other, text)



FACT_EDITS = [
    pytest.param(_replace_word("granted", "denied"), {"antonym", "meaning"}, id="granted-denied"),
    pytest.param(_replace_word("approved", "rejected"), {"antonym", "meaning"}, id="approved-rejected"),
    pytest.param(_replace_word("allowed", "banned"), {"antonym", "meaning"}, id="allowed-banned"),
    pytest.param(_replace_word("upgraded", "downgraded"), {"antonym", "meaning"}, id="upgraded-downgraded"),
    pytest.param(_replace_word("rose", "fell"), {"antonym", "meaning"}, id="rose-fell"),
    pytest.param(_replace_word("won", "lost"), {"antonym", "meaning"}, id="won-lost"),
    pytest.param(_swap_figures, {"number"}, id="figures-swapped"),
    pytest.param(_change_unit, {"number"}, id="unit-changed"),
    pytest.param(_rename("Poland", "Hungary"), {"name"}, id="country-renamed-Poland-Hungary"),
    pytest.param(_rename("Kenya", "Ghana"), {"name"}, id="country-renamed-Kenya-Ghana"),
    pytest.param(_rename("Iran", "Iraq"), {"name"}, id="country-renamed-Iran-Iraq"),
    pytest.param(_rename("Namibia", "Zambia"), {"name"}, id="country-renamed-Namibia-Zambia"),
    pytest.param(_rename("Burundi", "Rwanda"), {"name"}, id="country-renamed-Burundi-Rwanda"),
    pytest.param(_rename("France", "Spain"), {"name"}, id="country-renamed-France-Spain"),
    pytest.param(_rename("China", "Japan"), {"name"}, id="country-renamed-China-Japan"),
    pytest.param(_respell_surname, {"name"}, id="surname-respelled-consistently"),
    pytest.param(_replace_surname, {"name"}, id="surname-replaced-consistently"),
]


@pytest.mark.parametrize(("edit", "categories"), FACT_EDITS)
def test_a_changed_fact_fails_the_gate(tmp_path, edit, categories):
    name, original, edited = _pick(edit)
    code, report = _check(tmp_path, original, edited)
    serious = [(f["category"], f["severity"], f["ref_text"], f["cand_text"]) for f in _flags(report)
               if f["category"] in categories and f["severity"] in SERIOUS]
    assert serious, f"{name}: no major/critical {'/'.join(sorted(categories))} flag; got " \
        f"{[(f['code'], f['severity'], f['ref_text'], f['cand_text']) for f in _flags(report)]}"
    assert code == 1, f"{name}: the gate passed: {report.get('verdict')}"


# --- edits that change no fact ------------------------------------------------------------------------------

def _us_house_style(text: str) -> str | None:
    return text.replace("U.S.", "US") if "U.S." in text else None


def _curl_quotes(text: str) -> str:
    """Typographer's quotes: the reference side of a copy that straightened them."""
    text = re.sub(r'(^|[\s(\[])"', "\\1\u201c", text)
    text = text.replace('"', "\u201d")
    text = re.sub(r"(\w)'(\w)", "\\1\u2019\\2", text)
    return text


def _append_promo(text: str) -> str:
    return text.rstrip("\n") + "\n\nFollow us on Twitter and Facebook for more breaking news like this.\n"


def _trim_last_paragraph(text: str) -> str | None:
    """The last paragraph dropped, where it holds at most a twentieth of the article's text."""
    paras = [p for p in text.strip().split("\n\n") if p.strip()]
    if len(paras) < 4 or len(paras[-1]) > len(text) / 20:
        return None
    return "\n\n".join(paras[:-1]) + "\n"


def _rewrap(text: str) -> str:
    return "\n\n".join(textwrap.fill(p, width=72) for p in text.strip().split("\n\n")) + "\n"


def test_the_unedited_article_passes(tmp_path):
    name, text = _articles()[0]
    assert _check(tmp_path, text, text)[0] == 0


@pytest.mark.parametrize("side", ["copy", "reference"])
def test_us_house_style_passes(tmp_path, side):
    name, original, edited = _pick(_us_house_style)
    code, report = _check(tmp_path, *((original, edited) if side == "copy" else (edited, original)))
    assert code == 0, f"{name}: {report.get('verdict')}"


def test_straight_quotes_pass(tmp_path):
    name, original, curled = _pick(lambda t: _curl_quotes(t) if '"' in t else None)
    code, report = _check(tmp_path, curled, original)
    assert code == 0, f"{name}: {report.get('verdict')}"


def test_appended_promo_line_passes(tmp_path):
    name, original, edited = _pick(_append_promo)
    code, report = _check(tmp_path, original, edited)
    assert code == 0, f"{name}: {report.get('verdict')}"


def test_trimmed_last_paragraph_passes(tmp_path):
    name, original, edited = _pick(_trim_last_paragraph)
    code, report = _check(tmp_path, original, edited)
    assert code == 0, f"{name}: {report.get('verdict')}"


def test_rewrapped_lines_pass(tmp_path):
    name, original, edited = _pick(_rewrap)
    code, report = _check(tmp_path, original, edited)
    assert code == 0, f"{name}: {report.get('verdict')}"
