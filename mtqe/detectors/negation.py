"""Negation detector: a statement turned into its opposite by a negation added or lost.

Paraphrases move negations around ("failed to pay" = "did not pay", "no longer" = "not any more"),
so both sides are reduced to a count of negation cues and only the balance is compared.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache


from ..text import Token, fold
from .base import Detector, SegmentPair, register
from .tense import words_of, lemmas, text_cache

_CUES = {
    "not", "never", "no", "none", "nobody", "nothing", "nowhere", "neither", "nor", "without",
    "cannot", "unable", "noone",
}
_FAIL = {"fail", "fails", "failed", "failing"}
_QUICK = frozenset(_CUES | _FAIL | {"cant", "dont", "doesnt", "didnt", "wont", "isnt", "wasnt"})
# fixed phrases whose negative word negates nothing
_NOT_NEGATING = {
    ("not", "only"), ("not", "just"), ("no", "doubt"), ("no", "matter"), ("nothing", "but"), ("not", "least"),
    ("no", "sooner"), ("none", "other"), ("no", "wonder"), ("never", "mind"), ("nothing", "short"),
}
_NEG_BEFORE = {("or", "not"), ("if", "not"), ("whether", "not")}  # "whether or not", "if not more"
_EXCEPT = {"except", "but", "apart", "besides", "other", "save"}  # "nothing but", "no one except" = "only"
_CONTRAST = {",", "and", "but", "rather", ";"}  # "X, not Y" / "X and not Y": a contrast, not a denial
# words skipped when finding what a negation governs
_SKIP = {
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
def _norm(word: str) -> str:
    lem = lemmas(word, "VERB") or lemmas(word, "NOUN") or lemmas(word, "ADJ")
    return lem[0] if lem else word


def _is_cue(words: list[str], i: int, seen: int) -> int:
    """0: no cue, 1: cue, 2: weak cue."""
    w = words[i]
    n = len(words)
    nxt = words[i + 1] if i + 1 < n else ""
    prev = words[i - 1] if i else ""
    if w in _CUES:
        if (w, nxt) in _NOT_NEGATING or (prev, w) in _NEG_BEFORE:
            return 0
        if w == "no" and (nxt[:1].isdigit() or (nxt == "." and i + 2 < n and words[i + 2][:1].isdigit())):
            return 0  # "No. 3"
        if w == "nor" and seen:
            return 0  # "didn't have corn, nor tomatoes": one negation continued
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


def _content(w: str) -> bool:
    return w[0].isalpha() and w not in _SKIP and not w.endswith("ly")


def _scope(words: list[str], i: int) -> tuple[str, frozenset[str]]:
    found: list[str] = []
    w0 = words[i]
    if "-" in w0:  # "non-diabetic", "ill-prepared": the word itself
        found.append(_norm(w0.split("-", 1)[1]))
    elif w0.startswith("non") and len(w0) > 6:
        found.append(_norm(w0[3:]))
    j = i + 1
    while j < len(words) and j < i + 8 and len(found) < 3:
        if _content(words[j]):
            found.append(_norm(words[j]))
        j += 1
    target = found[0] if found else ""
    j = i - 1
    while j >= 0 and j > i - 3:
        if _content(words[j]):
            found.append(_norm(words[j]))
            break
        j -= 1
    return target, frozenset(found)


@text_cache
def cues(text: str, tokens: tuple[Token, ...]) -> tuple[Cue, ...]:
    """The negation cues of a token sequence (a token may be a whole "didn't")."""
    words = words_of(text, tokens)
    out: list[Cue] = []
    for i, w in enumerate(words):
        if not (w in _QUICK or "n't" in w or w[:3] == "non" or w[:4] == "ill-"):
            continue
        kind = _is_cue(words, i, len(out))
        if kind:
            out.append(Cue(tokens[i], kind == 2, *_scope(words, i)))
    return tuple(out)


def _stated(target: str, tokens: tuple[Token, ...], negation_cues: tuple[Cue, ...]) -> bool:
    """Does a word normalising to ``target`` occur outside every negation's scope?"""
    if any(target in c.scope for c in negation_cues):
        return False
    head = target[:2]
    for t in tokens:
        w = t.text.lower()
        if w[:2] == head and w not in _SKIP and _norm(fold(w)) == target:
            return True
    return False


def _context(text: str, tok: Token) -> str:
    """A few words around a cue, for the message."""
    a = text.rfind(" ", 0, max(tok.start - 1, 0))
    b = text.find(" ", tok.end + 1)
    b = text.find(" ", b + 1) if b != -1 else -1
    return text[a + 1 if a != -1 else 0: b if b != -1 else len(text)].strip()


@register
class NegationFlipped(Detector):
    """A negation was added to or lost from the copy, reversing the statement.

    ref: Xinjiang has more than 330 grid-connected solar plants.
    cand: Xinjiang does not have more than 330 grid-connected solar plants.
    """

    code = "G101"
    category = "negation"
    severity = "critical"

    def check(self, pair: SegmentPair):
        if not pair.is_aligned:
            return
        rc = cues(pair.ref, pair.ref_tokens)
        cc = cues(pair.cand, pair.cand_tokens)
        strong_r = sum(not c.weak for c in rc)
        strong_c = sum(not c.weak for c in cc)
        if len(rc) != len(cc) or strong_r != strong_c:
            if len(cc) > len(rc) or (len(cc) == len(rc) and strong_c > strong_r):
                more, fewer, added = cc, rc, True
            else:
                more, fewer, added = rc, cc, False
            odd = _unmatched(more, fewer)
            # "ill-prepared" for "wasn't prepared" or a contrastive "not" may be rewording: minor
            sev = None if (len(rc) != len(cc) and strong_r != strong_c) else "minor"
            yield self._flag(pair, odd, added, sev)
            return
        # same number of negations: one may have moved to another verb ("we cannot raise X while Y live"
        # -> "we can raise X while Y do not live"); flag a negated word the other side states plainly
        r_scope = frozenset().union(*(c.scope for c in rc)) if rc else frozenset()
        c_scope = frozenset().union(*(c.scope for c in cc)) if cc else frozenset()
        for c in cc:
            if c.target and not c.weak and not (c.scope & r_scope) and _stated(c.target, pair.ref_tokens, rc):
                yield self._flag(pair, c, True, "major")
                return
        for c in rc:
            if c.target and not c.weak and not (c.scope & c_scope) and _stated(c.target, pair.cand_tokens, cc):
                yield self._flag(pair, c, False, "major")
                return

    def _flag(self, pair: SegmentPair, cue: Cue, added: bool, sev):
        t = cue.tok
        if added:
            return self.flag(pair, f'negation "{t.text}" added: "{_context(pair.cand, t)}"', None, (t.start, t.end), severity=sev)
        return self.flag(pair, f'negation "{t.text}" lost: "{_context(pair.ref, t)}"', (t.start, t.end), None, severity=sev)


def _unmatched(more: tuple[Cue, ...], fewer: tuple[Cue, ...]) -> Cue:
    left = [c.target for c in fewer]
    for c in more:
        if c.target in left:
            left.remove(c.target)
        else:
            return c
    return more[-1]
