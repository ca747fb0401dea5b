"""The packed foreign-word index, and the per-comparison context that keeps corpus memory flat."""

from __future__ import annotations

import gc
import gzip
import json

import pytest

from mtqe.context import DocumentContext
from mtqe.lexicon import foreign
from mtqe.pipeline import Comparer


@pytest.fixture()
def fresh_index(tmp_path, monkeypatch):
    """Build the index from scratch into an empty cache directory."""
    monkeypatch.setenv("MTQE_CACHE_DIR", str(tmp_path / "cache"))
    foreign.index.cache_clear()
    yield tmp_path / "cache"
    foreign.index.cache_clear()


def test_index_agrees_with_the_word_lists(fresh_index):
    resources, _ = foreign._spellchecker()
    lists = {lang: json.load(gzip.open(resources / f"{lang}.json.gz", "rt", encoding="utf-8")) for lang in foreign.LANGS}
    words = ["und", "saison", "escuela", "gemeente", "perché", "été", "obrigado", "zzzqx", "the"]
    for lang in foreign.LANGS:  # a few of every list, rare ones included
        listed = sorted(lists[lang])
        words += listed[:: max(1, len(listed) // 7)]
    for w in words:
        freqs = {lang: lists[lang].get(w, 0) for lang in foreign.LANGS}
        top = max(freqs.values())
        expected = None if top == 0 else (next(lang for lang in foreign.LANGS if freqs[lang] == top), top > foreign.COMMON)
        assert foreign.lookup(w) == expected, w
    assert foreign.lookup("und") == ("de", True)
    assert foreign.lookup("zzzqx") is None
    assert list(fresh_index.glob("foreign-words-*.idx")), "the index is saved for the next process"


def test_saved_index_is_reused(fresh_index):
    foreign.index()
    saved = next(fresh_index.glob("foreign-words-*.idx"))
    stamp = saved.stat().st_mtime_ns
    foreign.index.cache_clear()
    assert foreign.lookup("escuela") == ("es", True)
    assert saved.stat().st_mtime_ns == stamp


def test_unwritable_cache_builds_in_memory(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("MTQE_CACHE_DIR", str(blocker / "cache"))
    foreign.index.cache_clear()
    try:
        assert foreign.lookup("und") == ("de", True)
    finally:
        foreign.index.cache_clear()


def test_corrupt_index_is_rebuilt(fresh_index):
    foreign.index()
    saved = next(fresh_index.glob("foreign-words-*.idx"))
    saved.write_bytes(b"garbage")
    foreign.index.cache_clear()
    assert foreign.lookup("saison") == ("fr", True)
    assert saved.read_bytes()[:8] == b"MTQEFW1\n"


def test_no_document_context_outlives_its_comparison():
    comparer = Comparer()
    report = comparer.compare_texts("The mayor said the bridge reopened in May.",
                                    "The mayor said the bridge will reopen in May.")
    assert any(f.code == "T101" for s in report.segments for f in s.flags)  # the detectors did run
    gc.collect()
    assert not [o for o in gc.get_objects() if isinstance(o, DocumentContext)], "a comparison's context was kept"


def test_a_comparison_is_freed_by_reference_counting_alone(monkeypatch):
    """No reference cycle keeps a comparison's context (and its thousands of tokens) waiting for the
    cyclic collector: with it switched off, the context is gone as soon as the comparison returns."""
    import weakref

    import mtqe.pipeline

    made = []

    class Recorded(DocumentContext):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            made.append(weakref.ref(self))

    monkeypatch.setattr(mtqe.pipeline, "DocumentContext", Recorded)
    gc.disable()
    try:
        report = Comparer().compare_texts("Ouslander said the bridge will reopen in May, not June.",
                                          "Auslander said the bridge would reopen in May, not June.")
        assert any(f.code.startswith("N") for s in report.segments for f in s.flags)  # the detectors did run
        assert made and all(ref() is None for ref in made), "a reference cycle keeps the comparison's context"
    finally:
        gc.enable()
