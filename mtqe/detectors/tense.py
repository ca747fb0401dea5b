"""Tense and aspect detectors: the time of an event moved (dropped -> will drop) or its aspect
changed (found -> were being found, are -> have been).

Each side is read into verb groups (auxiliaries + main verb) with a tense (past, present, future,
conditional, modal) and an aspect (perfect, progressive). Verbs sharing a lemma on both sides are
compared directly, and so are two the word aligner pairs as synonyms ("are to be permitted" / "should be
allowed"); a tense or aspect that appears on one side only is a weaker, minor signal.
POS comes from lemminflect's inflection tables plus a few context rules; no tagger model is needed.

Some pairs of forms say the same in English and are not a shift (``_paraphrase``): the present perfect
and the simple past of a finished event ("has declared" / "declared"), unless a continuative adverbial
("since 2003", "for the past year") or a verb of continuing ("has remained") makes the perfect mean "and
still now", or a date of its own clause ("in 2019", "last week") rules the perfect out; a past perfect
dropped to the simple past ("had ordered" -> "ordered"), unless "by 1976" demands the perfect; a past
perfect added where an earlier past verb or "after"/"before" gives it its reference point ("said it had
scheduled"); a simple past and a past progressive both under "still" ("still awaited" / "was still
awaiting"). "Be to" is read as an arrangement ("are to be retired"): "will", "would" or a scheduled
present say the same, "should", "may" or "could" (a recommendation, a possibility) and a plain past
(done, not planned) do not. A perfect infinitive ("believed to have been involved") has no tense. After a
past verb of saying, a reported present, perfect or future may shift back (the sequence of tenses: "said the
department reserves" / "reserved"), outside a quotation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress

from ..lexicon.inflections import is_noun, verb_forms
from ..lexicon.words import words_of
from ..text import Token
from ..word_evidence import alignment, quoted_spans, within
from .base import Detector, SegmentPair, register

PAST, PRES, FUT, COND, MODAL = "past", "present", "future", "conditional", "modal"

_FUT = {"will", "shall", "'ll", "won't", "shan't", "wo"}
_COND = {"would", "wouldn't"}
_MODAL = {"can", "could", "may", "might", "must", "should", "ought", "cannot", "can't", "couldn't",
          "mightn't", "mustn't", "shouldn't", "needn't"}
_HAVE = {"has": PRES, "have": PRES, "'ve": PRES, "had": PAST, "hasn't": PRES, "haven't": PRES, "hadn't": PAST}
_BE = {"am": PRES, "is": PRES, "are": PRES, "'re": PRES, "'m": PRES, "was": PAST, "were": PAST,
       "isn't": PRES, "aren't": PRES, "wasn't": PAST, "weren't": PAST}
_DO = {"do": PRES, "does": PRES, "did": PAST, "don't": PRES, "doesn't": PRES, "didn't": PAST}
# words allowed between an auxiliary and its verb
_ADV = {"not", "n't", "never", "also", "already", "still", "just", "always", "only", "even", "yet", "now",
        "then", "all", "both", "again", "soon", "ever", "really", "often", "since", "once", "long", "so",
        "further", "first", "mostly", "largely", "no", "longer", "being", "currently", "reportedly"}
_BLOCK_PREV = {  # a verb form after these is a noun or an adjective ("the reported cases", "in limited default")
    "the", "a", "an", "this", "these", "those", "his", "her", "its", "their", "our", "my", "your", "some",
    "many", "several", "most", "any", "no", "each", "every", "other", "in", "on", "at", "for", "with",
    "by", "of", "from", "into", "to", "as", "than", "very", "more", "less", "well", "newly", "such",
    "whose", "which", "'s", "both", "all", "over", "under", "after", "before", "during", "about",
}
_NONFINITE_PREV = {"be", "been", "being", "having", "get", "got", "gets", "getting"}
_SUBJ = {"i", "we", "you", "they", "he", "she", "it", "who", "which", "that", "there", "this", "people"}
_SKIP_LEMMAS = {"be", "have", "do"}  # as heads these compare only when they are the main verb


_UNITS = {"year", "years", "month", "months", "week", "weeks", "day", "days", "hour", "hours", "minute",
          "minutes", "decade", "decades", "century", "centuries", "season", "seasons", "generation",
          "generations", "term", "terms", "ages"}
_MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
           "dec"}
_WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
# words allowed between "for"/"over the past" and its unit: "for roughly the past year", "for over 16 years"
_QUANTITY = {"the", "a", "an", "past", "last", "first", "few", "several", "many", "some", "more", "than", "over",
             "nearly", "almost", "about", "around", "roughly", "approximately", "least", "at", "long", "two",
             "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "twenty",
             "thirty", "forty", "fifty", "hundred", "hundreds", "thousand", "thousands", "of", "recent"}
_SINCE_NOW = {("so", "far"), ("to", "date"), ("thus", "far"), ("until", "now"), ("till", "now"), ("to", "now"),
              ("all", "along")}
_STARTS = {"as", "of", "from", "since", "until", "till", "by", "through"}  # "as of Friday": a starting point, no date
_ANCHORS = {"after", "before", "when", "once", "until", "till"}  # "after he had left": the perfect is optional
_CONTINUING = {"remain", "stay", "continue", "persist", "last"}  # "has remained": the state goes on now


@dataclass(frozen=True, slots=True)
class Setting:
    """The time adverbials of one sentence, as far as they decide between a perfect and a simple past."""

    continuative: bool  # "since 2003", "for the past year", "so far": a perfect there means "until now"
    by_time: bool  # "by 1976", "by then": a past perfect there is required, not optional
    dates: tuple[int, ...]  # where "in 2019", "last week", "two years ago" stand: a definite past


def _is_date(w: str) -> bool:
    return w in _MONTHS or w in _WEEKDAYS or (len(w) == 4 and w.isdigit() and "1000" <= w <= "2099") or \
        (len(w) == 5 and w.endswith("s") and w[:4].isdigit())  # "the 1850s"


# the words an adverbial _setting reads can start with
_TIME_WORDS = frozenset({"since", "for", "over", "in", "by", "yesterday", "ago", "last"} | {a for a, _ in _SINCE_NOW}
                        | _MONTHS | _WEEKDAYS)


def _setting(words: tuple[str, ...], lo: int, hi: int) -> Setting:
    continuative = by_time = False
    dates = []
    for k in range(lo, hi):
        w = words[k]
        if w not in _TIME_WORDS and not w[:1].isdigit():
            continue  # most words: one set lookup
        nxt = words[k + 1] if k + 1 < hi else ""
        if w == "since" or (w, nxt) in _SINCE_NOW:
            continuative = True
        elif w in ("for", "over", "in") and _duration(words, k + 1, hi, w):
            continuative = True
        elif w == "by" and (_is_date(nxt) or nxt in ("then", "now") or (nxt == "the" and k + 2 < hi and
                                                                        words[k + 2] in ("time", "end"))):
            by_time = True
        elif w in ("yesterday", "ago") or (w == "last" and (nxt in _UNITS or nxt == "night" or _is_date(nxt))) \
                or _is_date(w):
            before = [words[j] for j in range(max(lo, k - 3), k)]
            prep = next((b for b in reversed(before) if b in ("in", "on", "during") or b in _STARTS), "")
            if prep in ("in", "on", "during") or (prep == "" and not _is_date(w)):
                dates.append(k)  # "in 2019", "yesterday"; not "as of Friday", "from yesterday", "May"
    return Setting(continuative, by_time, tuple(dates))


def _duration(words: tuple[str, ...], k: int, hi: int, prep: str) -> bool:
    """Does a stretch of time follow ("for 16 years", "over the past year")? "in" counts only before
    "the past/last/recent" ("in the past year"); "for the people" is no duration."""
    seen = []
    while k < hi and len(seen) < 4:
        w = words[k]
        if w in _UNITS or (w == "time" and ("long" in seen or "some" in seen)):  # not "for the first time"
            return prep != "in" or any(x in ("past", "last", "recent") for x in seen)
        if not (w in _QUANTITY or w[:1].isdigit()):
            return False
        seen.append(w)
        k += 1
    return False


_NOWHERE = Setting(False, False, ())


@dataclass(frozen=True, slots=True)
class Group:
    lemma: str
    tense: str
    perfect: bool
    progressive: bool
    start: int
    end: int
    explicit: bool  # built on an auxiliary or an unambiguous past form ("ran"), not a guess
    setting: Setting = _NOWHERE  # the time adverbials of its sentence
    anchored: bool = False  # an earlier past verb or a temporal conjunction gives a past perfect its reference point
    still: bool = False  # "still awaited", "was still awaiting": a situation going on at the time, either way
    dated: bool = False  # a definite past ("in 2019", "last week") in its clause: no present perfect there
    planned: bool = False  # "are to be retired", "was to join": an arrangement ("be to"), not yet a fact
    modal: str = ""  # the modal auxiliary of a modal group ("should")
    reported: bool = False  # after a past verb of saying in its sentence ("said the department reserves")

    @property
    def aspect(self) -> str:
        parts = [p for p, on in (("perfect", self.perfect), ("progressive", self.progressive)) if on]
        return " ".join(parts) or "simple"

    @property
    def time(self) -> str:
        return f"{self.tense}, be to" if self.planned else self.tense

    def describe(self) -> str:
        return f"{self.time}{'' if self.aspect == 'simple' else ' ' + self.aspect}"

    @property
    def form(self) -> tuple[str, bool, bool, bool]:
        return self.tense, self.perfect, self.progressive, self.planned


def _aux_word(w: str) -> str:
    """Split clitics: "he'll" -> "'ll", "they've" -> "'ve", "won't" stays."""
    if "'" in w and w not in _AUX:
        for suf in ("'ll", "'ve", "'re", "'m"):
            if w.endswith(suf):
                return suf
    return w


# auxiliary -> (tense, what follows it); one lookup per word instead of six
_AUX: dict[str, tuple[str, str]] = {
    **{w: (t, "base") for w, t in _DO.items()},
    **{w: (t, "be") for w, t in _BE.items()},
    **{w: (t, "have") for w, t in _HAVE.items()},
    **dict.fromkeys(_MODAL, (MODAL, "base")),
    **dict.fromkeys(_COND, (COND, "base")),
    **dict.fromkeys(_FUT, (FUT, "base")),  # last wins: the order of precedence, reversed
}


_FINITE = frozenset(("VBD", "VBZ", "VBP"))  # the tags a verb without an auxiliary is read by


@lru_cache(maxsize=65536)  # by word
def _opening(w: str) -> tuple[tuple[str, str] | None, str, frozenset[str]] | None:
    """How a verb group may start at this word: (its auxiliary reading, "", no tags) for an auxiliary,
    (None, lemma, tags) for a finite form of a verb compared as a head; None where none can."""
    aux = _AUX.get(_aux_word(w) if "'" in w else w)
    if aux is not None:
        return aux, "", frozenset()
    lemma, tags = verb_forms(w)
    if lemma and lemma not in _SKIP_LEMMAS and not _FINITE.isdisjoint(tags):
        return None, lemma, tags
    return None


def groups(text: str, tokens: tuple[Token, ...], words: tuple[str, ...] | None = None) -> tuple[Group, ...]:
    if words is None:
        words = words_of(text, tokens)
    n = len(words)
    out: list[Group] = []
    used = [False] * n
    openings = list(map(_opening, words))
    # only auxiliaries and finite verb forms open a group: the other words are skipped in C
    for i in compress(range(n), openings):
        if used[i]:
            continue
        aux, lemma, tags = openings[i]
        if aux is not None:
            g = _read_group(tokens, words, i, *aux, used)
            if g and not (i and words[i - 1] == "to"):  # "believed to have been involved": no tense
                out.append(g)
            continue
        # a finite verb with no auxiliary
        if not tokens[i].is_word:
            continue
        prev = words[i - 1] if i else ""
        if prev in _NONFINITE_PREV and "VBN" in tags:
            continue  # "to be recognized", "having left", "got arrested"
        if prev in _BLOCK_PREV or prev in _FUT or prev in _COND or prev in _MODAL or prev in _DO:
            continue
        t = tokens[i]
        if t.is_capitalised and i + 1 < n and tokens[i + 1].is_capitalised:
            continue  # part of a name ("Donald Trump", "New York Times")
        if "VBD" in tags:
            explicit = "VBN" not in tags and not is_noun(words[i])
            out.append(Group(lemma, PAST, False, False, t.start, t.end, explicit))
        elif "VBZ" in tags:
            if is_noun(words[i]) and not (prev in _SUBJ or _is_name(tokens, i - 1)
                                          or _object_follows(tokens, words, i)):
                continue
            out.append(Group(lemma, PRES, False, False, t.start, t.end, False))
        elif "VBP" in tags and (prev in ("i", "we", "you", "they") or _is_name(tokens, i - 1)):
            out.append(Group(lemma, PRES, False, False, t.start, t.end, False))
    return _situated(out, tokens, words)


_STOPS = frozenset((".", "!", "?", ";"))


def _situated(found: list[Group], tokens: tuple[Token, ...], words: tuple[str, ...]) -> tuple[Group, ...]:
    """Each group with its sentence's time adverbials, whether a past perfect there has an anchor, and
    whether it is reported after a past verb of saying."""
    if not found:
        return ()
    at = {t.start: k for k, t in enumerate(tokens)}
    upto = {t.end: k for k, t in enumerate(tokens)}
    firsts = [at[g.start] for g in found]
    starts = set(firsts)
    out = []
    lo = hi = 0
    setting = _NOWHERE
    for g, k in zip(found, firsts):  # in text order, as groups() opens them
        if k >= hi:  # the next sentence holding a group: its bounds and adverbials, once
            lo = next((j + 1 for j in range(k - 1, hi - 1, -1) if words[j] in _STOPS), hi)
            hi = next((j + 1 for j in range(k, len(words)) if words[j] in _STOPS), len(words))
            setting = _setting(words, lo, hi)
        last = upto[g.end]
        anchored = any(e.tense == PAST and e.lemma != g.lemma and lo < f < k for e, f in zip(found, firsts)) or (
            any(words[j] in _ANCHORS for j in range(max(lo, k - 5), k)) and "," not in words[max(lo, k - 5):k])
        reported = any(e.tense == PAST and e.lemma in _REPORTING and lo <= f < k and '"' not in words[f:k]
                       for e, f in zip(found, firsts))  # indirect speech: not a quotation opened after "said"
        still = "still" in words[max(lo, k - 1):last + 1]
        dated = any(_one_clause(words, starts, d, k) if d < k else _one_clause(words, starts, last, d)
                    for d in setting.dates)
        out.append(Group(g.lemma, g.tense, g.perfect, g.progressive, g.start, g.end, g.explicit, setting,
                         anchored, still, dated, g.planned, g.modal, reported))
    return tuple(out)


# verbs of saying and knowing: after them in the past, English shifts a reported present back ("the
# department reserves the right" -> "said the department reserved the right"); a direct quotation keeps its
# tenses
_REPORTING = frozenset(("say", "tell", "report", "announce", "state", "add", "explain", "note", "claim", "argue",
                        "insist", "warn", "write", "testify", "confirm", "deny", "admit", "acknowledge", "suggest",
                        "indicate", "believe", "think", "know", "find", "rule", "conclude", "allege", "assert"))


# words that open another clause: a date after them dates that clause's verb, not this one
_CLAUSE_WORDS = frozenset(("that", "which", "who", "whom", "whose", "when", "where", "while", "with", "whether",
                           "if", "because", "although", "though", "after", "before", "until"))


def _one_clause(words: tuple[str, ...], starts: set[int], a: int, b: int) -> bool:
    """Does nothing between words a and b open another clause (a verb group, a to-infinitive, "which")?"""
    for j in range(a + 1, b):
        w = words[j]
        if j in starts or w in _CLAUSE_WORDS or (w == "to" and j + 1 < b and "VB" in verb_forms(words[j + 1])[1]):
            return False
    return True


_DETERMINERS = frozenset(("the", "a", "an", "this", "these", "those", "his", "her", "its", "their", "our", "my",
                          "your", "every", "each"))


def _object_follows(tokens: tuple[Token, ...], words: tuple[str, ...], i: int) -> bool:
    """ "The virus causes COVID-19", "the plan costs the city": a plural noun takes no determiner or name
    straight after it, a verb takes its object there."""
    if i + 1 >= len(words) or not i:
        return False
    nxt = tokens[i + 1]
    return words[i + 1] in _DETERMINERS or (nxt.is_word and nxt.is_capitalised)


def _is_name(tokens: tuple[Token, ...], j: int) -> bool:
    return j > 0 and tokens[j].is_capitalised and tokens[j - 1].text not in ".!?\"" and tokens[j].is_word


def _predicative(word: str, after: str) -> bool:
    """An -ing form WordNet has as an adjective that ends its clause: "was surprisingly entertaining,",
    not "was actively developing weapons" or "has since been gaining ground"."""
    from ..lexicon import wordnet

    return not after[:1].isalnum() and "a" in wordnet.parts_of_speech(word)


def _read_group(tokens, words, i, tense, expect, used) -> Group | None:
    """Read auxiliaries from words[i] to the main verb."""
    n = len(words)
    perfect = progressive = False
    head_lemma = {"have": "have", "be": "be"}.get(expect, "")
    if words[i] in _DO or words[i] in _BE or words[i] in _HAVE:
        head_lemma = "do" if words[i] in _DO else ("be" if words[i] in _BE else "have")
    end = tokens[i].end
    j = i + 1
    skipped = 0
    while j < n:
        w = words[j]
        if w in _ADV or (w.endswith("ly") and len(w) > 4 and not verb_forms(w)[0]):
            if w == "being" and expect == "be":
                progressive = True
                expect = "be-passive"
            j += 1
            skipped += 1
            if skipped > 3:
                break
            continue
        if expect == "base":
            if w == "have":
                expect, head_lemma = "have", "have"
                end = tokens[j].end
                used[j] = True
                j += 1
                continue
            if w == "be":
                expect, head_lemma = "be", "be"
                end = tokens[j].end
                used[j] = True
                j += 1
                continue
            lemma, tags = verb_forms(w)
            if lemma and ("VB" in tags or "VBP" in tags):
                head_lemma, end = lemma, tokens[j].end
                used[j] = True
            break
        if expect == "have":
            if w == "been":
                perfect = True
                expect, head_lemma = "be", "be"
                end = tokens[j].end
                used[j] = True
                j += 1
                continue
            lemma, tags = verb_forms(w)
            if lemma and "VBN" in tags:
                perfect = True
                head_lemma, end = lemma, tokens[j].end
                used[j] = True
            elif lemma and "VBD" in tags and "VB" not in tags:  # "has went", loose English: same
                perfect = True
                head_lemma, end = lemma, tokens[j].end
                used[j] = True
            break
        if expect in ("be", "be-passive"):
            if w == "to" and words[i] in _BE and j + 1 < n:  # "is to involve", "are to be retired", "was to have given"
                return _read_planned(tokens, words, i, j + 1, tense, used)
            if w == "going" and j + 2 < n and words[j + 1] == "to":
                lemma, tags = verb_forms(words[j + 2])
                if lemma and "VB" in tags:
                    tense = FUT if tense == PRES else COND
                    head_lemma, end = lemma, tokens[j + 2].end
                    used[j] = used[j + 1] = used[j + 2] = True
                break
            if w == "being" and expect == "be":
                progressive = True
                expect = "be-passive"
                used[j] = True
                j += 1
                continue
            lemma, tags = verb_forms(w)
            if lemma and "VBG" in tags and words[j - 1].endswith("ly") and _predicative(
                    w, words[j + 1] if j + 1 < n else ""):
                break  # "was surprisingly entertaining": an adjective after the copula and a degree adverb
            if lemma and "VBG" in tags and expect == "be" and not (j + 1 < n and is_noun(w) and words[j + 1] in ("of",)):
                progressive = True
                head_lemma, end = lemma, tokens[j].end
                used[j] = True
            elif lemma and "VBN" in tags:
                head_lemma, end = lemma, tokens[j].end  # passive: the tense is the auxiliary's
                used[j] = True
            elif lemma and "VBD" in tags and j == i + 1 + skipped:
                head_lemma, end = lemma, tokens[j].end
                used[j] = True
            break
        break
    if not head_lemma:
        return None
    return Group(head_lemma, tense, perfect, progressive, tokens[i].start, end, True,
                 modal=words[i] if tense == MODAL else "")


def _read_planned(tokens, words, i, j, tense, used) -> Group | None:
    """ "be" + "to" + an infinitive from words[j]: a modal of arrangement. The copula before a
    to-infinitive ("the aim is to reduce") reads the same, and stays harmless: nothing modal pairs with it."""
    n = len(words)
    perfect = False
    if words[j] == "have" and j + 1 < n:
        perfect, j = True, j + 1
        if words[j] == "been" and j + 1 < n and "VBN" in verb_forms(words[j + 1])[1]:
            j += 1
    elif words[j] == "be" and j + 1 < n and "VBN" in verb_forms(words[j + 1])[1]:
        j += 1
    lemma, tags = verb_forms(words[j])
    if not lemma or not (("VBN" in tags) if (perfect or words[j - 1] == "be") else ("VB" in tags)):
        return None  # "is to blame"? a verb still; "is to the north": no infinitive
    for k in range(i + 1, j + 1):
        used[k] = True
    return Group(lemma, tense, perfect, False, tokens[i].start, tokens[j].end, True, planned=True)


def _shifts(pair: SegmentPair):
    """Pairs (ref group, cand group) of a shared verb whose tense or aspect never agrees (nor paraphrases:
    those verbs come back as ``eased``)."""
    rg = groups(pair.ref, pair.ref_tokens, pair.context.words_of(pair.ref))
    cg = groups(pair.cand, pair.cand_tokens, pair.context.words_of(pair.cand))
    by_lemma: dict[str, list[Group]] = {}
    for g in rg:
        by_lemma.setdefault(g.lemma, []).append(g)
    out = []
    eased: set[str] = set()  # verbs whose every use in the copy paraphrases one in the reference
    seen: set[str] = set()
    cand_lemmas = {g.lemma for g in cg}
    for c in cg:
        rs = by_lemma.get(c.lemma)
        if c.lemma in seen:
            continue
        cs = [g for g in cg if g.lemma == c.lemma]
        if not rs:  # a verb the copy put in other words ("are to be permitted" -> "should be allowed")
            rs = _synonymous(pair, c, [r for r in rg if r.lemma not in cand_lemmas])
            cs = [c]
            if not rs:
                continue
        seen.add(c.lemma)
        if any(r.form == x.form for r in rs for x in cs):
            continue
        if any(MODAL in (r.tense, x.tense) and not _recast(r, x) for r in rs for x in cs):
            continue  # "can drop" vs "dropped": modality, not tense
        changed = [(r, x) for x in cs for r in rs if not _paraphrase(r, x)]
        if len(changed) < len(rs) * len(cs) and all(any(_paraphrase(r, x) for r in rs) for x in cs):
            eased.update([c.lemma, *(r.lemma for r in rs)])  # a synonym's lemma differs from the copy's
            continue
        # report the most telling pair: a tense change before an aspect change
        best = max(changed, key=lambda p: (_weight(p[0], p[1]), p[0].explicit + p[1].explicit))
        out.append(best)
    return rg, cg, out, eased


def _synonymous(pair: SegmentPair, c: Group, rs: list[Group]) -> list[Group]:
    """The reference groups whose main verb the word aligner paired with ``c``'s as a synonym in place."""
    if not rs:
        return []
    a = pair.shared(alignment)
    heads = {a.ref[m.ref].end for m in a.matches
             if m.stage in ("synonym", "paraphrase") and a.cand[m.cand].end == c.end}
    return [r for r in rs if r.end in heads]


_WEAK_MODALS = {"should", "shouldn't", "ought", "may", "might", "mightn't", "could", "couldn't", "can", "cannot",
                "can't", "needn't"}


def _recast(r: Group, c: Group) -> bool:
    """An arrangement became a recommendation or a possibility ("are to be retired" -> "should be
    retired"): "must" may still render "be to" (an instruction), "should", "may" or "could" do not."""
    planned, other = (r, c) if r.planned else (c, r)
    return planned.planned and other.modal in _WEAK_MODALS


def _paraphrase(r: Group, c: Group) -> bool:
    """Do two forms of different tense or aspect say the same about the time of the event, by English
    grammar? (The rules are the module docstring's.)"""
    if r.planned != c.planned:  # "is to send" / "will send", "was to join" / "would join", "is to leave" / "leaves"
        planned, other = (r, c) if r.planned else (c, r)
        if other.progressive or other.perfect != planned.perfect:
            return False  # "are to play" / "will be playing": an aspect added
        if planned.tense == PAST:
            return other.tense == COND
        return other.tense == FUT or (other.tense == PRES and not other.perfect)
    if r.progressive != c.progressive:  # "still awaited" / "was still awaiting"
        return (r.tense, r.perfect) == (c.tense, c.perfect) and r.still and c.still
    if (r.tense, r.perfect) == (c.tense, c.perfect):
        return False
    forms = {(r.tense, r.perfect), (c.tense, c.perfect)}
    if r.reported and c.reported and r.perfect == c.perfect and {r.tense, c.tense} in ({PRES, PAST}, {FUT, COND}):
        return True  # the sequence of tenses: a reported present (or future) shifted back after "said"
    continuing = r.setting.continuative or c.setting.continuative or r.lemma in _CONTINUING
    if forms == {(PRES, True), (PAST, False)}:  # "has declared" / "declared"
        return not (continuing or r.dated or c.dated)
    if forms == {(PAST, True), (PAST, False)}:  # "had ordered" / "ordered"
        if continuing or r.setting.by_time or c.setting.by_time:
            return False
        return r.perfect or c.anchored  # a past perfect dropped, or added where the copy gives it a reference point
    return False


def _weight(r: Group, c: Group) -> int:
    if {r.tense, c.tense} == {PAST, FUT}:
        return 3
    if r.tense != c.tense:
        return 2
    return 1


# "were to investigate" / "was going to stop": an arrangement or an intention. Portuguese and Spanish "ir"
# reads "went" as well as "was going", and a round trip may keep the wrong one: "went to investigate"
_INTENDED = re.compile(r"\b(?:was|were|is|are|am)(?: going)? to (\w+)", re.IGNORECASE)


def _intention_done(pair: SegmentPair):
    """(ref span, cand span) of an arrangement or intention the copy made an act of going."""
    ref_low, cand_low = pair.ref.lower(), pair.cand.lower()
    if " to " not in ref_low or ("went to " not in cand_low and "go to " not in cand_low and "goes to " not in cand_low):
        return
    quoted = None
    for m in _INTENDED.finditer(pair.ref):
        going = re.compile(r"\b(?:went|goes|go) to " + re.escape(m.group(1)) + r"\b", re.IGNORECASE)
        went = going.search(pair.cand)  # on the text itself: lower() may change its length
        if not went or going.search(pair.ref):
            continue
        if quoted is None:
            quoted = quoted_spans(pair, pair.ref)
        if not within(quoted, m.start(), m.end()):
            yield (m.start(), m.end()), (went.start(), went.end())


@register
class TenseShift(Detector):
    """A verb found on both sides changed tense (past, present, future).

    ref: The asylum approval rate dropped to 10% in 2025.
    cand: Asylum approval rates will drop to 10% in 2025.
    """

    code = "T101"
    category = "tense"
    severity = "major"

    def check(self, pair: SegmentPair):
        shifts = pair.shared(_shifts)[2]
        for r, c in shifts:
            if r.time == c.time:
                continue
            # past made future, or an arrangement made a recommendation ("is to decide" -> "should decide")
            major = ({r.tense, c.tense} == {PAST, FUT} and (r.explicit or c.explicit)) or _recast(r, c)
            yield self.flag(
                pair,
                f'verb "{pair.ref[r.start:r.end]}" ({r.time}) became "{pair.cand[c.start:c.end]}" ({c.time})',
                (r.start, r.end), (c.start, c.end), severity=None if major else "minor",
            )
        for rs, cs in _intention_done(pair):
            yield self.flag(pair, f'"{pair.ref[rs[0]:rs[1]]}" (planned) became "{pair.cand[cs[0]:cs[1]]}" (done)', rs, cs)


@register
class AspectShift(Detector):
    """A verb found on both sides kept its tense but changed aspect (simple, perfect, progressive).

    ref: Both chemicals were found in urine samples.
    cand: Both chemicals were being found in urine samples.
    """

    code = "T102"
    category = "tense"
    severity = "minor"
    evidence = 0.5

    def check(self, pair: SegmentPair):
        shifts = pair.shared(_shifts)[2]
        for r, c in shifts:
            if r.time != c.time:
                continue
            yield self.flag(
                pair,
                f'verb "{pair.ref[r.start:r.end]}" ({r.describe()}) became "{pair.cand[c.start:c.end]}" ({c.describe()})',
                (r.start, r.end), (c.start, c.end),
            )


@register
class TenseProfileShift(Detector):
    """The copy's mix of tenses or aspects differs from the reference's (a weaker signal than T101).

    ref: Officials said the bridge was closed for repairs.
    cand: Officials said the bridge will need repairs.
    """

    code = "T103"
    category = "tense"
    severity = "minor"

    def check(self, pair: SegmentPair):
        rg, cg, shifts, eased = pair.shared(_shifts)
        if shifts or not cg:
            return
        r_tenses = {g.tense for g in rg}
        # a verb in a paraphrase of its own form ("has declared" / "declared") changed nothing of the mix;
        # across verbs nothing pairs them ("suggested" is no paraphrase of "have shown")
        rg, cg = [g for g in rg if g.lemma not in eased], [g for g in cg if g.lemma not in eased]
        # across verbs only a perfect dropped to a simple past pairs ("have called" / "asked"): the simple
        # past may always tell a finished event, while adding a perfect is bound by the adverbials
        dropped = {t: sum(g.tense == t and _droppable(g) for g in rg) - sum(g.tense == t and g.perfect for g in cg)
                   for t in (PRES, PAST)}  # perfects of the reference the copy lost
        simple_past = sum(map(_simple_past, cg)) - sum(map(_simple_past, rg))  # simple pasts it gained
        for c in cg:
            if c.tense in (MODAL, COND) or c.tense in r_tenses:
                continue
            if _simple_past(c) and dropped[PRES] > 0:
                continue
            if c.tense == PRES and not c.explicit:
                continue
            if c.tense == FUT and COND in r_tenses:
                continue
            yield self.flag(
                pair, f'"{pair.cand[c.start:c.end]}" is {c.tense} tense; the reference has no {c.tense}-tense verb',
                None, (c.start, c.end),
            )
            return
        for attr in ("progressive", "perfect"):
            cn = [g for g in cg if getattr(g, attr)]
            rn = [g for g in rg if getattr(g, attr)]
            if len(cn) > len(rn):
                c = cn[len(rn)]
                yield self.flag(
                    pair, f'"{pair.cand[c.start:c.end]}" is {attr}; the reference has fewer {attr} verbs',
                    None, (c.start, c.end),
                )
                return
            if attr == "perfect" and 0 < len(rn) - len(cn) <= min(max(0, dropped[PRES]) + max(0, dropped[PAST]),
                                                                   simple_past):
                return
            if len(rn) > len(cn):
                r = rn[len(cn)]
                yield self.flag(
                    pair, f'"{pair.ref[r.start:r.end]}" is {attr}; the copy has fewer {attr} verbs',
                    (r.start, r.end), None,
                )
                return


def _simple_past(g: Group) -> bool:
    return g.tense == PAST and not (g.perfect or g.progressive or g.planned)


def _droppable(g: Group) -> bool:
    """Is this a perfect that may give way to a simple past? Not where it means "until now" or "by then"."""
    return g.perfect and not (g.progressive or g.planned or g.setting.continuative or g.setting.by_time
                              or g.lemma in _CONTINUING)
