"""What every rule is, as plain data: code -> category, default severity and one-line summary.

gate.py, config.py and the CLI validate codes and categories here, so checking a setting never imports
detector code (the detectors' import costs a second; a config error should not). The detector classes
stay the source of behaviour; tests/test_cli_rules.py checks that this table equals their registry, so
whoever adds a detector adds its row here too.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from .errors import ConfigError
from .report import Severity


@dataclass(frozen=True)
class Rule:
    code: str
    category: str
    severity: Severity
    summary: str


_ROWS = (
    Rule('A101', 'addition', 'major', 'The copy has a sentence with no counterpart in the reference.'),
    Rule('A102', 'addition', 'major', 'The copy injects promotional or site boilerplate (links, calls to action) absent from the reference.'),
    Rule('A103', 'addition', 'minor', 'The copy adds a word or phrase with no counterpart in the aligned reference sentence.'),
    Rule('B101', 'moved', 'minor', 'A reference passage sits at another place in the copy (paragraphs reordered): covered, not lost.'),
    Rule('D101', 'number', 'critical', 'A number in the reference was replaced by a different number in the copy.'),
    Rule('D102', 'number', 'major', 'A number in the reference has no counterpart in the copy.'),
    Rule('D103', 'number', 'minor', 'The copy has a number that is not in the reference.'),
    Rule('D104', 'number', 'critical', 'A weekday or month of the original became another one in the copy.'),
    Rule('D105', 'number', 'critical', "Two figures of the reference traded places in the copy: each now counts the other's quantity."),
    Rule('D106', 'number', 'critical', 'A figure kept its value but changed its unit.'),
    Rule('D107', 'number', 'minor', 'The copy kept a figure but dropped its conversion to another unit (no fact is lost).'),
    Rule('D108', 'number', 'major', 'A figure kept its value but not its qualifier: an increase now reads as a total, a floor as a ceiling.'),
    Rule('D109', 'number', 'major', 'A point in time of the original became a starting point: "as of Sunday" (the state then) became "from Sunday".'),
    Rule('E101', 'meaning', 'minor', 'A content word of the original became an unrelated word (not a synonym or known paraphrase).'),
    Rule('E102', 'meaning', 'major', 'A fixed expression of the original (a compound, a phrasal verb, an idiom) came back word by word, in another sense.'),
    Rule('E103', 'meaning', 'minor', 'A word for a person became one that states a sex the original does not ("parent" -> "father").'),
    Rule('F101', 'repetition', 'minor', 'A word or phrase is repeated back to back in the copy but not in the reference.'),
    Rule('F102', 'punctuation', 'minor', 'The copy has tokenizer-style spacing (a space before punctuation or inside a contraction).'),
    Rule('F103', 'punctuation', 'minor', 'The copy lost its final punctuation or gained stray punctuation the reference does not have.'),
    Rule('G101', 'negation', 'critical', 'A negation was added to or lost from the copy, reversing the statement.'),
    Rule('K101', 'case', 'minor', 'A sentence that starts with a lowercase letter (or a lowercase "i" used as a pronoun).'),
    Rule('K102', 'case', 'minor', 'A whole sentence in lowercase where the original has capitals.'),
    Rule('K103', 'case', 'minor', 'A capitalised name of the original written in lowercase.'),
    Rule('K104', 'case', 'minor', 'A common word capitalised in the middle of a sentence (often a fragment glued in by the machine).'),
    Rule('L101', 'language', 'major', 'Text in a non-Latin script (Chinese, Cyrillic, Arabic, Devanagari...) left in the English copy.'),
    Rule('L102', 'language', 'major', 'A word of another Latin-script language (German, French, Spanish, Polish...) left untranslated.'),
    Rule('M101', 'merge', 'major', 'Two words of the original fused into one token (the text between them often lost).'),
    Rule('N101', 'name', 'major', 'A proper noun spelled or transliterated differently, so it may name someone or somewhere else.'),
    Rule('N102', 'name', 'minor', 'A name written in another accepted spelling (y/i, doubled letters, ph/f): check house style.'),
    Rule('N103', 'name', 'minor', 'A multi-word name run together or split apart ("Hong Kong" -> "Hongkong").'),
    Rule('N104', 'name', 'critical', 'A name of the original replaced by a different name.'),
    Rule('N105', 'name', 'major', 'A name of the original that is missing from the copy.'),
    Rule('N106', 'name', 'minor', 'A name in the copy that appears nowhere in the original: major for a well-known place or person.'),
    Rule('N107', 'name', 'major', 'A multi-word name (organisation, office, place, law, event) changed inside: a word replaced or moved.'),
    Rule('O101', 'omission', 'major', 'A reference sentence has no counterpart in the copy.'),
    Rule('O102', 'omission', 'minor', 'A substantial part of an aligned reference sentence is missing from the copy.'),
    Rule('O103', 'omission', 'minor', 'A word or phrase of an aligned reference sentence has no counterpart in the copy.'),
    Rule('O104', 'omission', 'major', 'A hedge of the original (reportedly, allegedly, suspected) is gone: the copy states the claim as fact.'),
    Rule('P101', 'pronoun', 'major', 'A gendered pronoun switched gender between the reference and the copy.'),
    Rule('P102', 'pronoun', 'major', 'A pronoun became one that points at someone or something else (he -> it, his -> their).'),
    Rule('Q101', 'quote', 'critical', 'A direct quotation of the reference is reworded in the copy.'),
    Rule('Q102', 'quote', 'major', 'A direct quotation of the reference has no quoted counterpart in the copy.'),
    Rule('R101', 'antonym', 'major', 'A word of the original became its opposite in the copy.'),
    Rule('R102', 'antonym', 'major', 'A word of place or direction became its opposite in the same place (off the coast -> on the coast, down to -> up to).'),
    Rule('S101', 'spelling', 'minor', 'A word that is not English but is one or two letters away from an English or reference word.'),
    Rule('T101', 'tense', 'major', 'A verb found on both sides changed tense (past, present, future).'),
    Rule('T102', 'tense', 'minor', 'A verb found on both sides kept its tense but changed aspect (simple, perfect, progressive).'),
    Rule('T103', 'tense', 'minor', "The copy's mix of tenses or aspects differs from the reference's (a weaker signal than T101)."),
    Rule('V101', 'mood', 'major', 'A statement of the original reads as a question in the copy, or a question as a statement.'),
    Rule('W101', 'grammar', 'minor', '"a"/"an" does not fit the next word ("an comet", "a apple") where the reference has no such slip.'),
    Rule('W102', 'grammar', 'minor', 'Two neighbouring words of the original appear in swapped order, in the same context ("a in satellite space").'),
)
RULES: dict[str, Rule] = {r.code: r for r in _ROWS}
# Every category a flag can carry: the rules' own, and "comet-span" for XCOMET error spans (code C001,
# raised by COMET, not by a detector). A new category comes with its first rule's row.
CATEGORIES: tuple[str, ...] = tuple(dict.fromkeys(r.category for r in _ROWS)) + ("comet-span",)


def expand(selectors: Iterable[str]) -> tuple[str, ...]:
    """Rule codes named by ``selectors``: a category ("quote"), a code ("N102") or a code prefix ("N", "N1").

    Codes are matched case-insensitively, the way ruff matches them. Returns sorted codes without
    duplicates; an empty or blank selector adds nothing. A selector that names no rule is a ConfigError
    naming it: a typo must never silently select nothing.
    """
    found: set[str] = set()
    for raw in selectors:
        selector = raw.strip()
        if not selector:
            continue
        if selector.lower() in CATEGORIES:
            found.update(c for c, r in RULES.items() if r.category == selector.lower())
            continue
        prefix = selector.upper()
        codes = [c for c in RULES if c.startswith(prefix)]
        if not codes:
            raise ConfigError(f"unknown rule code or category {selector!r} (see `mtqe rules`)")
        found.update(codes)
    return tuple(sorted(found))
