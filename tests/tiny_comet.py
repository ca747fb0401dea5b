"""Build a tiny, random but real COMET checkpoint offline, for tests and benchmarks.

The scores it produces mean nothing; what matters is that the whole real path runs:
`comet.load_from_checkpoint` -> hparams.yaml -> encoder from a local directory -> `model.predict`.
Layout mirrors a hub download so `mtqe.comet.resolve_model` treats it like one:

    <dir>/hparams.yaml
    <dir>/checkpoints/model.ckpt
    <dir>/encoder/{config.json,vocab.txt,model.safetensors}

Importing this module is cheap; torch/comet are imported only inside `build_tiny_comet`.
"""

from __future__ import annotations

from pathlib import Path

# Enough common words that ordinary English stays mostly whole-word; single letters, digits and
# "##" continuations guarantee that any lowercase ASCII word tokenizes without [UNK].
_WORDS = """
the of and to a in is was for on that with as by at from he she it they we you i his her their its
this these those an be been are were has had have not but or if so than then there here who which what
when where why how all any some no one two three four five ten more most many much other new old first
last said says say after before over under into out up down about against between during since while
year years day days week time people man woman men women child children government state states
country city court judge law police president minister official officials report reports news world
national international public political party election vote war peace security military army health
water food pet pets market price prices money bank company business work job jobs school university
study studies research found find show shows made make take took give gave get got go went come came
see saw know knew think thought want wanted use used tell told ask asked call called may might can could
would should will must also only just even still again very well back because through each both same
such own long great little good high low large small big right left human rights asylum fear china
chinese united us u washington immigration homeland department custody deportation campaign
operation august wednesday sent exposing abuses persecution applied arriving illegally swept mass
acid urine samples died after consuming contaminated cyanuric melamine eating
""".split()
_PIECES = [c for c in "abcdefghijklmnopqrstuvwxyz0123456789"] + ["##" + c for c in "abcdefghijklmnopqrstuvwxyz0123456789"]
_PUNCT = list(".,;:!?'\"()[]-—–“”‘’/%$&")
_SPECIAL = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
SEED = 1234


def _vocab() -> list[str]:
    seen: dict[str, None] = {}
    for tok in _SPECIAL + _PUNCT + _PIECES + _WORDS:
        seen.setdefault(tok, None)  # keep order, drop duplicates
    return list(seen)


def build_tiny_comet(dir: Path, reference_free: bool = False) -> Path:
    """Write a tiny RegressionMetric (reference-based, like wmt22-comet-da) into `dir`; return `dir`.
    With reference_free=True, a ReferencelessRegression (a QE model scoring src+mt) instead.

    Deterministic: the same seed gives the same weights, and the weights live in the checkpoint,
    so scores do not depend on the process that loads it.
    """
    from mtqe.comet import _import_comet, _quiet

    _import_comet()  # imports comet quietly and undoes its logging.basicConfig
    with _quiet(verbose=False):  # no Lightning banners / "Encoder model frozen." while building
        return _build(Path(dir), reference_free)


def _build(dir: Path, reference_free: bool) -> Path:
    import torch
    import yaml
    from comet.models import ReferencelessRegression, RegressionMetric
    from pytorch_lightning import Trainer
    from transformers import BertConfig, BertModel

    dir = Path(dir)
    encoder_dir = dir / "encoder"
    encoder_dir.mkdir(parents=True, exist_ok=True)
    vocab = _vocab()
    (encoder_dir / "vocab.txt").write_text("\n".join(vocab) + "\n", encoding="utf-8")

    torch.manual_seed(SEED)
    config = BertConfig(
        vocab_size=len(vocab),
        hidden_size=32,
        num_hidden_layers=2,
        num_attention_heads=2,
        intermediate_size=37,
        max_position_embeddings=512,
    )
    BertModel(config, add_pooling_layer=False).save_pretrained(encoder_dir)

    torch.manual_seed(SEED)
    model_class = ReferencelessRegression if reference_free else RegressionMetric
    model = model_class(
        encoder_model="BERT",
        # An absolute local path: the loaded model finds its tokenizer/config with no hub.
        pretrained_model=str(encoder_dir),
        layer="mix",
        hidden_sizes=[64, 32],
        local_files_only=True,
    )

    ckpt = dir / "checkpoints" / "model.ckpt"
    ckpt.parent.mkdir(parents=True, exist_ok=True)
    trainer = Trainer(
        accelerator="cpu",
        devices=1,
        logger=False,
        enable_checkpointing=False,
        enable_progress_bar=False,
        enable_model_summary=False,
    )
    trainer.strategy.connect(model)
    trainer.save_checkpoint(ckpt)

    hparams = dict(model.hparams)
    hparams["class_identifier"] = model.hparams.class_identifier  # the key comet's str2model reads
    (dir / "hparams.yaml").write_text(yaml.safe_dump(hparams, sort_keys=True), encoding="utf-8")
    return dir


if __name__ == "__main__":  # manual use: python tests/tiny_comet.py OUT_DIR
    import sys

    print(build_tiny_comet(Path(sys.argv[1])))
