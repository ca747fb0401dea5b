"""English word knowledge the detectors share; it imports no detector.

- ``english``: the English word list with frequencies, British spellings, possessives, typo edits;
- ``inflections``: lemminflect's tables (the one reader of ``infl_lu.csv.gz``), lemmas and verb forms;
- ``names``: proper-noun keys, CamelCase, the capitalised lemmas of the inflection table, calendar words;
- ``sentences``: sentence starts, abbreviations and function words;
- ``words``: the folded, lower-cased word forms of a tokenised text;
- ``negation``: negation cues and the words they govern;
<<<<<<< HEAD
- ``foreign``: the packed foreign-word index; ``languages``: which language a non-English word belongs to;
- ``wordnet``: WordNet 3.0 synonyms, one-level paraphrases, antonyms and derivations (tables built once by
  ``wordnet_build.py``, shipped in ``data/`` with WordNet's licence).
=======
- ``figures``: how English writes figures (number words, scales, units) and reading a text's figures;
- ``foreign``: the packed foreign-word index; ``languages``: which language a non-English word belongs to.
>>>>>>> realworld

Caches here are per word and bounded (or load a table once); facts about one document live in the
comparison's ``DocumentContext`` (mtqe/context.py), not here. Importing this package loads nothing.
"""
