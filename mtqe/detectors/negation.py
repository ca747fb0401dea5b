"""Negation detector: a statement turned into its opposite by a negation added or lost.

Paraphrases move negations around ("failed to pay" = "did not pay", "no longer" = "not any more"),
so both sides are reduced to a count of negation cues and only the balance is compared.
"""

from __future__ import annotations

from ..lexicon import wordnet
from ..lexicon.negation import CUES, SCOPE_SKIP, Cue, normalise
from ..text import Token, fold
from ..wordalign import FUNCTION_WORDS
from .base import Detector, SegmentPair, register


def _stated(target: str, tokens: tuple[Token, ...], negation_cues: tuple[Cue, ...]) -> bool:
    """Does a word normalising to ``target`` occur outside every negation's scope?"""
    if any(target in c.scope for c in negation_cues):
        return False
    head = target[:2]
    for t in tokens:
        w = t.text.lower()
        if w[:2] == head and w not in SCOPE_SKIP and normalise(fold(w)) == target:
            return True
    return False


# verbs too general for their WordNet opposites to say anything ("take" / "give", "get" / "lose")
_LIGHT = frozenset({"be", "have", "do", "take", "get", "give", "make", "go", "come", "put", "keep", "hold", "set", "see"})


def _open(word: str) -> bool:
    """A content word whose opposites mean something."""
    return word[:1].isalpha() and word not in FUNCTION_WORDS and word not in _LIGHT and word not in CUES


def _opposites(word: str) -> frozenset[str]:
    """WordNet opposites of a word a negation governs, also of its derivations and, for a noun, of the
    adjective of its attribute that shares its stem ("attention" -> attentive -> inattentive; "smell" is
    the attribute of "odorous" and "odourless" alike, and of neither by its stem)."""
    out = set(wordnet.antonyms(word))
    links = set(wordnet.derivations(word))
    if "a" not in wordnet.parts_of_speech(word):
        links.update(k for k in wordnet.near(word) if k[:4] == word[:4])
    for k in links:
        out.update(wordnet.antonyms(k))
    return frozenset(out)


def _lexicalised(cue: Cue, own: tuple[Token, ...], other: tuple[Token, ...]) -> bool:
    """Does the other side replace a negated word by one of the opposite sense, absent from the cue's
    side? "not legal" -> "illegal", "did not accept" -> "rejected", "without power" -> "powerless",
    "without due care and attention" -> "negligent" (WordNet puts it beside "inattentive")."""
    mine = {normalise(fold(t.text.lower())) for t in own}
    said = {normalise(fold(t.text.lower())) for t in other}
    gone = [word for word in cue.scope if word not in said and _open(word)]  # the negated words the other side lost
    opposite: set[str] = set().union(*map(_opposites, gone))
    for w in said - mine:
        if not _open(w):
            continue
        # an adjective's cluster, for a word of few senses: "good" is also "close", and far from "far"
        near = wordnet.near(w) if wordnet.sense_count(w) <= 4 and "a" in wordnet.parts_of_speech(w) else frozenset()
        if w in opposite or not opposite.isdisjoint(near) or any(_prefixed_synonym(w, word) for word in gone):
            return True
    return False


_NEGATIVE_PREFIXES = ("un", "in", "im", "il", "ir", "dis", "non")


def _prefixed_synonym(word: str, negated: str) -> bool:
    """``word`` is WordNet's opposite of a synonym of the negated word, made with a negative prefix:
    "not stated" -> "undeclared" (declared: stated), "not violent" -> "nonviolent"."""
    for prefix in _NEGATIVE_PREFIXES:
        rest = word[len(prefix):].lstrip("-")
        if word.startswith(prefix) and len(rest) >= 4 and word in wordnet.antonyms(rest):
            return normalise(rest) == negated or negated in {normalise(s) for s in wordnet.synonyms(rest)}
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
        rc = pair.context.negation_cues(pair.ref)
        cc = pair.context.negation_cues(pair.cand)
        strong_r = sum(not c.weak for c in rc)
        strong_c = sum(not c.weak for c in cc)
        if len(rc) != len(cc) or strong_r != strong_c:
            if len(cc) > len(rc) or (len(cc) == len(rc) and strong_c > strong_r):
                more, fewer, added = cc, rc, True
            else:
                more, fewer, added = rc, cc, False
            odd = _unmatched(more, fewer)
            own, other = (pair.cand_tokens, pair.ref_tokens) if added else (pair.ref_tokens, pair.cand_tokens)
            if len(more) == len(fewer) + 1 and _lexicalised(odd, own, other):
                return  # a rewording, not a reversal
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
