"""Negation cues: the words that negate ("not", "never", "failed to", "non-"), and the words they govern.

Fixed phrases whose negative word negates nothing ("not only", "no doubt", "nothing but") are no cues;
a contrastive "not" ("X, not Y") and a "non-" prefix are weak cues: they could be rewording.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..text import Token
from .inflections import lemmas
from .words import words_of

CUES = {
    "not", "never", "no", "none", "nobody", "nothing", "nowhere", "neither", "nor", "without",
    "cannot", "unable", "noone",
}
_FAIL = {"fail", "fails", "failed", "failing"}
_QUICK = frozenset(CUES | _FAIL | {"cant", "dont", "doesnt", "didnt", "wont", "isnt", "wasnt"})
# fixed phrases whose negative word negates nothing
_NOT_NEGATING = {
    ("no", "doubt"), ("no", "matter"), ("nothing", "but"), ("not", "least"),
    ("no", "sooner"), ("none", "other"), ("no", "wonder"), ("never", "mind"), ("nothing", "short"),
}
_FOCUS = frozenset({"only", "just", "simply", "merely", "solely"})
_FOCUS_PAIRED = frozenset({"but", "also"})
_NEG_BEFORE = {("or", "not"), ("if", "not"), ("whether", "not")}  # "whether or not", "if not more"
_EXCEPT = {"except", "but", "apart", "besides", "other", "save"}  # "nothing but", "no one except" = "only"
_CONTRAST = {",", "and", "but", "rather", ";"}  # "X, not Y" / "X and not Y": a contrast, not a denial
# words skipped when finding what a negation governs
SCOPE_SKIP = {
    "be", "is", "are", "was", "were", "been", "being", "am", "do", "does", "did", "have", "has", "had",
    "will", "would", "shall", "should", "can", "could", "may", "might", "must", "to", "a", "an", "the",
    "any", "yet", "even", "ever", "always", "also", "really", "necessarily", "actually", "so", "very",
    "too", "at", "all", "longer", "more", "much", "get", "got", "it", "there", "they", "he", "she",
    "we", "you", "i", "this", "that", "only", "just", "been", "one", "single", "of", "in", "on", "for",
    "with", "by", "from", "as", "and", "or", "but", "its", "their", "his", "her", "our", "my", "your",
    "these", "those", "such", "further", "other", "than", "about", "into", "which", "who", "what",
}


@dataclass(frozen=True, slots=True)
class Cue:
    tok: Token
    weak: bool  # a contrastive "not" or a "non-" prefix: could be rewording
    target: str  # normalised word the negation governs ("" if none found)
    scope: frozenset[str]  # normalised content words around it (the word before, the three after)


@lru_cache(maxsize=8192)
def normalise(word: str) -> str:
    lem = lemmas(word, "VERB") or lemmas(word, "NOUN") or lemmas(word, "ADJ")
    return lem[0] if lem else word


def _is_cue(words: list[str], i: int, seen: int) -> int:
    """0: no cue, 1: cue, 2: weak cue."""
    w = words[i]
    n = len(words)
    nxt = words[i + 1] if i + 1 < n else ""
    prev = words[i - 1] if i else ""
    if w in CUES:
        if (w, nxt) in _NOT_NEGATING or (prev, w) in _NEG_BEFORE:
            return 0
        if w == "not" and nxt in _FOCUS and not _FOCUS_PAIRED.isdisjoint(_rest_of_sentence(words, i + 2)):
            return 0  # "not only X but (also) Y" adds Y; without "but" it denies: "not only responses" = "not simply"
        if w == "no" and (nxt[:1].isdigit() or (nxt == "." and i + 2 < n and words[i + 2][:1].isdigit())):
            return 0  # "No. 3"
        if w == "nor" and seen:
            return 0  # "didn't have corn, nor tomatoes": one negation continued
        if w == "no" and seen and prev == "," and "no" in words[max(0, i - 5):i - 1]:
            return 0  # "no corn, no tomatoes": the same negation down a list
        if w in ("nothing", "nobody", "none", "no") and any(x in _EXCEPT for x in words[i + 1:i + 4]):
            if "except" in words[i + 1:i + 4] or "but" in words[i + 1:i + 3] or "besides" in words[i + 1:i + 4]:
                return 0
        if w == "not" and prev in _CONTRAST:
            return 2
        return 1
    if w.endswith("n't") or w in ("cant", "dont", "doesnt", "didnt", "wont", "isnt", "wasnt"):
        return 1
    if w in _FAIL and nxt == "to":
        return 1
    if w.startswith("non-") or w.startswith("ill-"):  # "non-violent", "ill-prepared" = "not prepared"
        return 2
    if w.startswith("non") and len(w) > 6 and w[3] not in "e" and w not in ("nonsense",):  # "nonviolent"
        return 2
    return 0


def _rest_of_sentence(words: list[str], i: int) -> list[str]:
    end = next((j for j in range(i, len(words)) if words[j] in (".", "!", "?", ";")), len(words))
    return words[i:end]


def _content(w: str) -> bool:
    return w[0].isalpha() and w not in SCOPE_SKIP and not w.endswith("ly")


def _scope(words: list[str], i: int) -> tuple[str, frozenset[str]]:
    found: list[str] = []
    w0 = words[i]
    if "-" in w0:  # "non-diabetic", "ill-prepared": the word itself
        found.append(normalise(w0.split("-", 1)[1]))
    elif w0.startswith("non") and len(w0) > 6:
        found.append(normalise(w0[3:]))
    j = i + 1
    while j < len(words) and j < i + 8 and len(found) < 3:
        if _content(words[j]):
            found.append(normalise(words[j]))
        j += 1
    target = found[0] if found else ""
    j = i - 1
    while j >= 0 and j > i - 3:
        if _content(words[j]):
            found.append(normalise(words[j]))
            break
        j -= 1
    return target, frozenset(found)


def _opens_cue(w: str) -> bool:
    return w in _QUICK or "n't" in w or w[:3] == "non" or w[:4] == "ill-"


def may_negate(words: tuple[str, ...]) -> bool:
    """Could a cue open at one of these words (``_opens_cue``)? Tested on all words at once in C: most
    sentences negate nothing."""
    if not _QUICK.isdisjoint(words):
        return True
    joined = "\0" + "\0".join(words)
    return "n't" in joined or "\0non" in joined or "\0ill-" in joined


def cues(text: str, tokens: tuple[Token, ...], words: tuple[str, ...] | None = None) -> tuple[Cue, ...]:
    """The negation cues of a token sequence (a token may be a whole "didn't"); ``words``: its
    ``words_of``, when already read."""
    if words is None:
        words = words_of(text, tokens)
    if not may_negate(words):
        return ()
    out: list[Cue] = []
    for i, w in enumerate(words):
        if not _opens_cue(w):
            continue
        kind = _is_cue(words, i, len(out))
        if kind:
            out.append(Cue(tokens[i], kind == 2, *_scope(words, i)))
    return tuple(out)
