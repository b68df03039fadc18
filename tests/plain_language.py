"""A small plain-language checker for Dutch card text (family and children decks).

It is deliberately simple and strict, so a card writer can predict it:

- words are counted as runs of letters (an apostrophe or dash inside a word
  keeps it one word: ``'s``, ``Sint-Maarten``; numbers count as words too);
- syllables are counted as groups of vowels (``aeiouy`` with or without
  accents), with ``ij`` counted as one vowel: ``vertrouw`` has 2, ``ziekenhuis``
  has 3, ``vrijdag`` has 2;
- jargon is found as a whole word *or* as part of a compound, and in its
  inflected forms (``netwerkleden``, ``informele``, ``hulpverleners``).

``problems(text, max_words=...)`` returns a list of human-readable problems;
an empty list means the text passes.
"""
from __future__ import annotations

import re
import unicodedata

MAX_SYLLABLES = 4

# Youth-care jargon a family should never meet on a card. Each entry is a
# regular expression for the stem, so inflections and compounds are caught:
# "informele" (informeel), "netwerkleden" (netwerk), "hulpverleners".
JARGON: dict[str, str] = {
    "netwerk": r"netwerk",
    "hulpverlening / hulpverlener": r"hulpverlen",
    "ondersteuningsbehoefte": r"ondersteuningsbehoeft",
    "interventie": r"interventie",
    "casus": r"casus",
    "signaleren": r"signal(?:eer|eren|ering)",
    "participatie": r"participat",
    "regie": r"regie(?!m)",
    "zelfredzaamheid": r"zelfredza",
    "ambulant": r"ambulant",
    "indicatie": r"indicatie",
    "traject": r"traject",
    "cliënt": r"cli[eë]nt",
    "informeel / formeel": r"forme{1,2}l",
    "sociale kaart": r"sociale\s*kaart",
    "mantelzorg": r"mantelzorg",
    "doelgroep": r"doelgroep",
}

# Names of people or places that may be longer than MAX_SYLLABLES.
# Keep this list short; every entry is a decision, not an escape hatch.
SYLLABLE_WHITELIST: frozenset[str] = frozenset()

_VOWELS = "aeiouyáéíóúàèìòùäëïöüâêîôû"
_VOWEL_GROUP = re.compile(f"[{_VOWELS}]+")
_WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*|['’][^\W_]+", re.UNICODE)


def words(text: str) -> list[str]:
    """The words of ``text`` (letters and digits; ``'s`` and ``Sint-Maarten`` are one word each)."""
    return _WORD.findall(unicodedata.normalize("NFC", text))


def syllables(word: str) -> int:
    """Dutch syllables, counted as vowel groups with ``ij`` as one vowel."""
    w = unicodedata.normalize("NFC", word.lower())
    w = w.replace("ij", "y").replace("íj", "y")
    return len(_VOWEL_GROUP.findall(w))


def jargon_in(text: str) -> list[str]:
    """The jargon terms found in ``text`` (whole words or parts of compounds)."""
    low = unicodedata.normalize("NFC", text.lower())
    return [term for term, pattern in JARGON.items() if re.search(pattern, low)]


def problems(text: str, max_words: int) -> list[str]:
    """Everything that makes ``text`` harder than plain language allows."""
    found: list[str] = []
    ws = words(text)
    if len(ws) > max_words:
        found.append(f"{len(ws)} words, at most {max_words} allowed")
    for w in ws:
        if w in SYLLABLE_WHITELIST:
            continue
        n = syllables(w)
        if n > MAX_SYLLABLES:
            found.append(f"'{w}' has {n} syllables, at most {MAX_SYLLABLES} allowed")
    for term in jargon_in(text):
        found.append(f"jargon: {term}")
    return found
