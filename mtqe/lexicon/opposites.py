"""Common opposites of English news language, one pair per entry, each counting both ways.

Read by the antonym detector (R101) and by the word aligner, which never pairs two listed opposites as
paraphrases ("died" / "lived" share WordNet's neighbourhood, and are opposites).
"""

from __future__ import annotations

# Adverbs are listed as such: "-ly" does not reliably keep an adjective's sense (hardly, lately, highly).
_PAIRS = """
big small|large small|high low|long short|early late|young old|new old|good bad|rich poor|strong weak
hot cold|warm cold|wet dry|full empty|easy difficult|easy hard|cheap expensive|fast slow|quick slow
heavy light|safe dangerous|true false|happy sad|positive negative|public private|legal illegal
possible impossible|likely unlikely|major minor|maximum minimum|domestic foreign|domestic international
local national|local international|internal external|upper lower|ancient modern|first last
previous next|same different|similar different|simple complex|common rare|wide narrow|deep shallow
thick thin|many few|more less|more fewer|most least|always never|often rarely|often seldom
inside outside|above below|over under|before after|front back|forward backward|top bottom
beginning end|start end|start finish|begin end|win lose|victory defeat|winner loser|success failure
succeed fail|accept reject|allow forbid|allow ban|permit forbid|approve reject|agree disagree
increase decrease|increase reduce|rise fall|rise decline|raise lower|gain loss|gain lose|profit loss
grow shrink|expand shrink|expand contract|add remove|include exclude|import export|buy sell|lend borrow
send receive|push pull|open close|open closed|enter leave|enter exit|arrive leave|arrive depart
appear disappear|remember forget|love hate|like dislike|attack defend|offense defense|offence defence
ally enemy|friend enemy|peace war|birth death|live die|alive dead|life death|male female|man woman
boy girl|husband wife|father mother|son daughter|brother sister|king queen|past future|optimism pessimism
optimistic pessimistic|majority minority|strength weakness|wealth poverty|question answer|hire fire
guilty innocent|convict acquit|conviction acquittal|support oppose|supporter opponent|praise criticize
praise criticise|confirm deny|admit deny|accept refuse|strengthen weaken|tighten loosen|tighten ease
lift impose|improve worsen|improve deteriorate|dark light|day night|morning evening|summer winter
asleep awake|arrival departure|entrance exit|rural urban|temporary permanent|partial complete
visible invisible|present absent|north south|east west|northern southern|eastern western|include omit
dense sparse|sudden gradual|prior subsequent|optimism pessimistic|optimistic pessimism|hope despair
quickly slowly|rapidly slowly|fast slowly|heavily lightly|densely sparsely|widely narrowly|strongly weakly
publicly privately|legally illegally|positively negatively|directly indirectly|suddenly gradually
increasingly decreasingly|internally externally|domestically internationally|openly secretly
""".replace("\n", "|")
OPPOSITES: dict[str, frozenset[str]] = {}
for _pair in filter(None, (p.strip() for p in _PAIRS.split("|"))):
    _a, _b = _pair.split()
    OPPOSITES[_a] = OPPOSITES.get(_a, frozenset()) | {_b}
    OPPOSITES[_b] = OPPOSITES.get(_b, frozenset()) | {_a}


def opposed(a: str, b: str) -> bool:
    """Are these two lemmas listed opposites?"""
    return b in OPPOSITES.get(a, ())


def wordnet_opposed(a: str, b: str) -> bool:
    """Are these two lemmas opposites by WordNet: antonyms, or adjectives of opposite clusters?"""
    from . import wordnet

    return b in wordnet.antonyms(a) or wordnet.opposed_adjectives(a, b)
