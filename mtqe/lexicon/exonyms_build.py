"""Build mtqe's exonym table (one place's names in many languages) once, from Debian's iso-codes and CLDR.

    apt-get install iso-codes           # Debian: /usr/share/iso-codes/json + gettext catalogues
    python -m mtqe.lexicon.exonyms_build [--iso /usr/share/iso-codes/json] [--locale /usr/share/locale]
                                         [--out mtqe/lexicon/data]

Sources, both read only here (nothing reads them at run time):
- iso-codes (LGPL-2.1+): ISO 3166-1 countries (name, common and official names) and ISO 3166-2 subdivisions,
  with their translations (``iso_3166-1.mo``, ``iso_3166-2.mo``) into every language Debian ships;
- CLDR (Unicode licence), as the ``babel`` package ships it: the short country names of every locale
  ("Россия", "Deutschland", "Hrvatska"), which iso-codes gives only in their long forms.

Names in Cyrillic or Greek are transliterated (BGN/PCGN-like, which the names detector's romanisation folds
then match against other systems); other scripts are left out, as a copy in English writes names in Latin
letters. Only one-word forms are kept (the detector compares names word by word), of 4 letters or more.
A form two places share ("Guinea", "Congo") is dropped from the places whose English name it is not, and
from both when it is neither's. Writes ``exonyms.tsv.gz``: one place a line, its forms as name keys
(lowercase, accents dropped), tab-separated, sorted; gzip's timestamp is zero, so a rebuild is byte-identical.
"""

from __future__ import annotations

import argparse
import gettext
import gzip
import io
import json
import unicodedata
from collections import defaultdict
from pathlib import Path

_CYRILLIC = dict(zip(
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюяєіїґўђјљњћџ",
    "a b v g d e yo zh z i y k l m n o p r s t u f kh ts ch sh shch _ y _ e yu ya ye i yi g w dj j lj nj c dzh"
    .split(),
))
_GREEK = dict(zip("αβγδεζηθικλμνξοπρσςτυφχψω", "a v g d e z i th i k l m n x o p r s s t y f ch ps o".split()))


def transliterate(text: str) -> str | None:
    """Latin letters for a name in Latin, Cyrillic or Greek script; None for another script."""
    out = []
    for ch in unicodedata.normalize("NFD", text.lower()):
        if unicodedata.combining(ch):
            continue
        if ch.isascii() or not ch.isalpha():
            out.append(ch)
        elif ch in _CYRILLIC:
            out.append(_CYRILLIC[ch].strip("_"))
        elif ch in _GREEK:
            out.append(_GREEK[ch])
        elif unicodedata.name(ch, "").startswith("LATIN"):
            out.append(ch)
        else:
            return None
    return unicodedata.normalize("NFKD", "".join(out)).encode("ascii", "ignore").decode()


def _forms(names) -> set[str]:
    """The one-word forms among these names, transliterated and keyed."""
    out = set()
    for name in names:
        latin = transliterate(name.split(",")[0].split("[")[0].strip())
        if latin and latin.isalpha() and len(latin) >= 4:
            out.add(latin)
    return out


# The languages whose names of places English news copies meet: Europe's, in Latin, Cyrillic or Greek letters.
# Every other locale would add forms nobody writes in English ("Rossi", "Ruslan" for Russia), and collisions.
LANGUAGES = ("be bg bs ca cs cy da de el es et eu fi fr ga gl hr hu is it lt lv mk mt nb nl nn pl pt ro ru sk sl "
             "sq sr sv tr uk").split()


def _catalogues(locale_dir: Path, domain: str) -> list[gettext.GNUTranslations]:
    return [gettext.translation(domain, str(locale_dir), [lang])
            for lang in LANGUAGES if (locale_dir / lang / "LC_MESSAGES" / f"{domain}.mo").is_file()]


def places(iso_dir: Path, locale_dir: Path) -> list[tuple[set[str], set[str]]]:
    """(its English names, all its names) per country and subdivision."""
    out = []
    countries = json.loads((iso_dir / "iso_3166-1.json").read_text(encoding="utf-8"))["3166-1"]
    cats = _catalogues(locale_dir, "iso_3166-1")
    try:
        from babel import Locale, localedata

        cldr = [Locale.parse(lang) for lang in ["en", *LANGUAGES] if localedata.exists(lang)]
    except ImportError:  # pragma: no cover - the build documents babel; without it iso-codes alone
        cldr = []
    for c in countries:
        english = {c["name"], c.get("common_name", c["name"]), c.get("official_name", c["name"])}
        english |= {loc.territories.get(c["alpha_2"], "") for loc in cldr[:1]} - {""}
        names = english | {cat.gettext(n) for cat in cats for n in english}
        names |= {loc.territories.get(c["alpha_2"], "") for loc in cldr} - {""}
        out.append((english, names))
    subdivisions = json.loads((iso_dir / "iso_3166-2.json").read_text(encoding="utf-8"))["3166-2"]
    cats = _catalogues(locale_dir, "iso_3166-2")
    english_cat = gettext.translation("iso_3166-2", str(locale_dir), ["en"], fallback=True)  # Bayern: Bavaria
    for s in subdivisions:
        names = {part.strip() for part in s["name"].replace("]", "").split("[")}
        english = {english_cat.gettext(s["name"])}
        names |= english | {cat.gettext(s["name"]) for cat in cats}
        out.append((english, names))
    return out


def build(iso_dir: Path, locale_dir: Path) -> str:
    from .english import en_freq

    def foreign(form: str, english: set[str]) -> bool:  # no English word ("German", "Jersey", "Turkey")
        return form in english or en_freq(form) < 100

    groups = []
    for english, names in places(iso_dir, locale_dir):
        english = _forms(english)
        groups.append((english, {f for f in _forms(names) if foreign(f, english)}))
    owners: dict[str, list[int]] = defaultdict(list)
    for i, (_, forms) in enumerate(groups):
        for f in forms:
            owners[f].append(i)
    lines = set()
    for i, (english, forms) in enumerate(groups):
        kept = sorted(f for f in forms if len(owners[f]) == 1 or f in english)
        if len(kept) >= 2:
            lines.add("\t".join(kept))
    return "".join(line + "\n" for line in sorted(lines))


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--iso", type=Path, default=Path("/usr/share/iso-codes/json"))
    ap.add_argument("--locale", type=Path, default=Path("/usr/share/locale"))
    ap.add_argument("--out", type=Path, default=Path(__file__).parent / "data")
    args = ap.parse_args(argv)
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0) as gz:
        gz.write(build(args.iso, args.locale).encode("utf-8"))
    (args.out / "exonyms.tsv.gz").write_bytes(buf.getvalue())


if __name__ == "__main__":
    main()
