"""The document context: what is known about both documents of one comparison, built once.

The pipeline makes one ``DocumentContext`` per comparison and hands it to every segment pair
(``pair.context``). It tokenises each text once and holds the document-wide facts several detectors
read (a side's word forms, its name keys, its folded text), plus a memo for any other analysis of a text
or of a whole side. It is dropped with the comparison: no cache outlives the documents it describes,
so a long corpus run keeps flat memory without anyone clearing anything.
"""

from __future__ import annotations

import weakref
from functools import cached_property
from typing import Callable, Sequence, TypeVar

from .lexicon.english import words_of_text
from .lexicon.names import NameKeys
from .lexicon.sentences import sentence_first_words
from .lexicon.words import words_of
from .quotations import Quote, quotations
from .text import Token, fold, tokenize

T = TypeVar("T")


class DocumentSide:
    """One document of the comparison: its text and its sentences (whose union is the document)."""

    def __init__(self, context: DocumentContext, text: str, sentences: Sequence[str]):
        # Weak: the context holds its sides, and a cycle back to it would leave every token of a comparison
        # to the cyclic garbage collector (its pauses took 4.7% of a bench_core pass, 2.2% without the cycle).
        self._context = weakref.ref(context)
        self.text = text
        self.sentences = tuple(sentences) or (text,)
        self._derived: dict = {}

    @property
    def context(self) -> DocumentContext:
        return self._context()

    @cached_property
    def folded(self) -> str:
        """The whole document, folded (``text.fold``): for "does the original have this string?"."""
        return fold(self.text)

    @cached_property
    def words(self) -> frozenset[str]:
        """Every lowercased word form of the document (possessives stripped, hyphenated words split too)."""
        return frozenset().union(*map(self.context.word_forms, self.sentences))

    @cached_property
    def name_keys(self) -> NameKeys:
        """Name keys of the whole document: the union of its sentences' (each shared with the segments)."""
        return NameKeys.union([self.context.name_keys(s) for s in self.sentences])

    def derive(self, analysis: Callable[[DocumentSide], T]) -> T:
        """``analysis(self)``, computed once per comparison: a document-wide fact one detector needs."""
        try:
            return self._derived[analysis]
        except KeyError:
            result = self._derived[analysis] = analysis(self)
            return result


class DocumentContext:
    """Both sides of one comparison and the per-text memo the detectors share."""

    def __init__(self, ref_text: str, cand_text: str, ref_sentences: Sequence[str] = (),
                 cand_sentences: Sequence[str] = ()):
        # The readings every detector asks for keep a table each, keyed by the text alone: they are asked
        # for some 50,000 times per hundred pairs, and a shared memo's tuple keys cost more than the lookup.
        self._tokens: dict[str, tuple[Token, ...]] = {}
        self._words: dict[str, tuple[str, ...]] = {}
        self._forms: dict[str, frozenset[str]] = {}
        self._keys: dict[str, NameKeys] = {}
        self._numbers: dict = {}
        self._cues: dict = {}
        self._aligner: dict = {}
        self._memo: dict = {}
        self.ref = DocumentSide(self, ref_text, ref_sentences)
        self.cand = DocumentSide(self, cand_text, cand_sentences)

    def tokens(self, text: str) -> tuple[Token, ...]:
        """``tokenize(text)``, once per comparison (a sentence is a segment and a part of its document)."""
        found = self._tokens.get(text)
        if found is None:
            found = self._tokens[text] = tokenize(text)
        return found

    def _reading(self, table: dict, read: Callable[[str, tuple[Token, ...]], T], text: str) -> T:
        """``read(text, its tokens)`` from ``table``, made on first use."""
        found = table.get(text)
        if found is None:
            found = table[text] = read(text, self.tokens(text))
        return found

    def word_forms(self, text: str) -> frozenset[str]:
        """The lowercased word forms of one text (``lexicon.english.word_forms`` of its words)."""
        return self._reading(self._forms, lambda _, tokens: words_of_text(tokens), text)

    def name_keys(self, text: str) -> NameKeys:
        return self._reading(self._keys, lambda _, tokens: NameKeys.of(tokens), text)

    def first_words(self, text: str, starts: tuple[int, ...] = (0,)) -> tuple[Token, ...]:
        """The first word of every sentence of ``text`` (sentences begin at ``starts`` and after . ! ?)."""
        return self.memo(_first_words, text, starts)

    def quotations(self, text: str) -> tuple[Quote, ...]:
        """The direct quotations of ``text`` (``mtqe.quotations``)."""
        return self.memo(_quotations, text)

    # A sentence is read as a segment and as a part of its document, by several detectors each: these
    # readings of a text are made once per comparison.
    def words_of(self, text: str) -> tuple[str, ...]:
        """The folded, lower-cased token texts of ``text`` (``lexicon.words.words_of``)."""
        return self._reading(self._words, words_of, text)

    def aligner_words(self, text: str):
        """The words of ``text`` as the word aligner sees them (``wordalign.words``)."""
        from .wordalign import words

        return self._reading(self._aligner, words, text)

    def numbers(self, text: str):
        """The figures of ``text`` (``lexicon.figures.read_numbers``)."""
        from .lexicon.figures import read_numbers

        return self._reading(self._numbers, lambda t, tokens: read_numbers(t, tokens, self.words_of(t)), text)

    def negation_cues(self, text: str):
        """The negation cues of ``text`` (``lexicon.negation.cues``)."""
        from .lexicon.negation import cues

        return self._reading(self._cues, lambda t, tokens: cues(t, tokens, self.words_of(t)), text)

    def memo(self, analysis: Callable[..., T], text: str, *args) -> T:
        """``analysis(self, text, *args)``, computed once per comparison."""
        key = (analysis, text, *args)
        memo = self._memo
        if key in memo:
            return memo[key]
        result = memo[key] = analysis(self, text, *args)
        return result


def _first_words(context: DocumentContext, text: str, starts: tuple[int, ...]) -> tuple[Token, ...]:
    return sentence_first_words(context.tokens(text), starts, len(text))


def _quotations(context: DocumentContext, text: str) -> tuple[Quote, ...]:
    return quotations(text)
