"""Decks of question cards, their themes and their language decks.

A deck lives in ``kaarten/decks/<deck-id>/``: ``deck.yaml`` in the source
language (Dutch) and a ``<lang>.yaml`` language deck per translation. The
format is described for translators in ``docs/deck-format.md``. Further
decks in the same layout load beside the shipped ones from the folder named
in ``$GESPREKSKAARTEN_DECKS`` (a shared folder an organisation fills for
every tablet, or tests) and from the user's ``<data folder>/decks``
(:mod:`kaarten.userdecks`). Such a deck replaces a shipped deck of the same
id only with a higher ``version``; a language deck there without a
``deck.yaml`` attaches to the deck of its folder's name.

Loading never trusts a file (see :mod:`kaarten.yamlsafe`); one broken file
never stops the other decks or languages from loading. Problems that make a
file unusable are :class:`DeckError`; gaps in a translation (a missing,
outdated or added card) are :class:`DeckWarning` and the app shows the Dutch
text for a card that has no translation.
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path
from typing import NewType

from yaml.nodes import MappingNode, Node

from kaarten import yamlsafe
from kaarten.resources import PICTOGRAMS_DIR, resource_dir
from kaarten.userdecks import user_decks_dir
from kaarten.yamlsafe import DeckError, Source

__all__ = [
    "Audience", "Card", "CardId", "Deck", "DeckError", "DeckId", "DeckSet",
    "DeckWarning", "LanguageDeck", "Theme", "DECKS_DIR", "DECKS_ENV_VAR", "PICTOGRAMS_DIR",
    "ADDRESS_FORMS", "deck_folders", "deck_origin", "deck_roots", "load_deck", "load_decks", "load_language_deck",
    "source_hash", "text_hash",
]

DeckId = NewType("DeckId", str)
CardId = NewType("CardId", str)

DECKS_DIR = resource_dir("kaarten", "decks")
THEMES_FILE = DECKS_DIR / "themes.yaml"
#: Set this to a folder of further decks (``<deck-id>/deck.yaml`` + ``<lang>.yaml``).
DECKS_ENV_VAR = "GESPREKSKAARTEN_DECKS"
SOURCE_LANGUAGE = "nl"

MAX_TITLE = 120
MAX_DESCRIPTION = 1000
MAX_TEXT = 300
MAX_FOLLOW_UP = 400
MAX_LABEL = 60
MAX_CARDS = 2000

_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_LANGUAGE = re.compile(r"^[a-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})?$")
_COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")

#: How a language deck addresses the family (``address:``); docs/translating.md
#: says which form each language uses and why.
ADDRESS_FORMS = {
    "informal": "the informal 'you' to one person (jij)",
    "polite": "the polite 'you', which is also the plural (u and jullie at once)",
    "plural": "the plural 'you', to the family as a group and to mothers and fathers alike",
    "neutral": "wording that does not show whether a man or a woman is addressed",
}


class Audience(StrEnum):
    FAMILY = "family"
    CHILDREN = "children"
    CLASS = "class"


@dataclass(frozen=True)
class Theme:
    id: str
    label: str
    colour: str
    pictogram: str | None = None


@dataclass(frozen=True)
class Card:
    """One question card. ``language`` is the language its text is written in."""

    id: CardId
    text: str
    theme: str
    follow_up: str | None = None
    pictogram: str | None = None
    asks_for_people: bool = True
    language: str = SOURCE_LANGUAGE


@dataclass(frozen=True)
class DeckWarning:
    """Something a translator may want to fix; the deck still works."""

    path: Path
    line: int
    column: int
    message: str
    kind: str = "warning"  # missing | outdated | added | unknown | warning

    def __str__(self) -> str:
        # shown(): a warning may quote deck text or a path, and is printed to a terminal
        return f"{yamlsafe.shown(str(self.path))}:{self.line}:{self.column}: warning: {yamlsafe.shown(self.message)}"


@dataclass(frozen=True)
class TranslatedCard:
    id: CardId
    text: str
    follow_up: str | None
    source: str | None
    line: int


@dataclass(frozen=True)
class LanguageDeck:
    """A translation or adaptation of a deck into one language."""

    deck_id: DeckId
    language: str
    path: Path
    translated_by: str
    reviewed: bool
    title: str | None
    description: str | None
    theme_labels: dict[str, str]
    cards: dict[CardId, TranslatedCard]
    added: tuple[Card, ...]
    warnings: tuple[DeckWarning, ...] = ()
    address: str | None = None
    #: False for a language deck without ``cards:``: it translates only the
    #: title, description and theme labels, and is not offered as a card language.
    has_cards: bool = True

    @property
    def missing(self) -> tuple[DeckWarning, ...]:
        return tuple(w for w in self.warnings if w.kind == "missing")

    @property
    def outdated(self) -> tuple[DeckWarning, ...]:
        return tuple(w for w in self.warnings if w.kind == "outdated")


@dataclass(frozen=True)
class Deck:
    id: DeckId
    title: str
    description: str
    language: str
    audience: Audience
    version: int
    themes: tuple[Theme, ...]
    cards: tuple[Card, ...]
    path: Path
    translations: dict[str, LanguageDeck] = field(default_factory=dict)
    warnings: tuple[DeckWarning, ...] = ()

    @property
    def languages(self) -> tuple[str, ...]:
        """The card languages: the source language first, then every language
        deck that loaded with cards (a title-only language deck is left out)."""
        return (self.language, *sorted(k for k, tr in self.translations.items() if tr.has_cards))

    def card(self, card_id: str) -> Card:
        for card in self.cards:
            if card.id == card_id:
                return card
        raise KeyError(card_id)

    def theme(self, theme_id: str) -> Theme:
        for theme in self.themes:
            if theme.id == theme_id:
                return theme
        raise KeyError(theme_id)

    def localized(self, language: str) -> Deck:
        """This deck as a family reading ``language`` sees it.

        Cards without a translation keep their source text (and say so in
        ``Card.language``); cards the language deck adds come last. An
        unknown language gives the deck unchanged.
        """
        tr = self.translations.get(language)
        if tr is None:
            return self
        cards = []
        for card in self.cards:
            t = tr.cards.get(card.id)
            if t is None:
                cards.append(card)
            else:
                cards.append(replace(card, text=t.text, language=language,
                                     follow_up=t.follow_up if t.follow_up else card.follow_up))
        themes = tuple(replace(th, label=tr.theme_labels.get(th.id, th.label)) for th in self.themes)
        return replace(
            self,
            title=tr.title or self.title,
            description=tr.description or self.description,
            language=language,
            themes=themes,
            cards=(*cards, *tr.added),
        )


@dataclass(frozen=True)
class DeckSet:
    """Every deck that loaded, and every problem met on the way."""

    decks: tuple[Deck, ...]
    problems: tuple[DeckError, ...]

    def get(self, deck_id: str) -> Deck:
        for deck in self.decks:
            if deck.id == deck_id:
                return deck
        raise KeyError(deck_id)

    @property
    def warnings(self) -> tuple[DeckWarning, ...]:
        found: list[DeckWarning] = []
        for deck in self.decks:
            found.extend(deck.warnings)
            for tr in deck.translations.values():
                found.extend(tr.warnings)
        return tuple(found)


def source_hash(card: Card) -> str:
    """A short fingerprint of a source card's text, kept in language decks.

    When the Dutch text or follow-up changes, the fingerprint changes, and the
    translation made from the old text is reported as outdated.
    """
    return text_hash(f"{card.text}\n{card.follow_up or ''}")


def text_hash(text: str) -> str:
    """The fingerprint of one Dutch text: a deck's title or description, or a theme label."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]


# -- loading -----------------------------------------------------------------

def _env_root() -> Path | None:
    extra = os.environ.get(DECKS_ENV_VAR, "").strip()
    return Path(extra).expanduser() if extra else None


def deck_roots() -> tuple[Path, ...]:
    """The folders that hold deck folders, in the order they load: the shipped
    one, ``$GESPREKSKAARTEN_DECKS`` when it is set and not empty, and the
    user's ``<data folder>/decks`` when it exists. The user's folder comes last
    because the translator's commands write there: their file is the one used."""
    env, user = _env_root(), user_decks_dir()
    return (DECKS_DIR, *([env] if env else []), *([user] if user.is_dir() else []))


def deck_origin(path: Path) -> str:
    """Where a deck or language deck file comes from, in words for ``decks``:
    ``shipped``, ``GESPREKSKAARTEN_DECKS`` or ``data folder``."""
    env = _env_root()
    for root, words in ((DECKS_DIR, "shipped"), (env, DECKS_ENV_VAR), (user_decks_dir(), "data folder")):
        if root is not None and Path(path).is_relative_to(root):
            return words
    return "elsewhere"


def deck_folders(roots: tuple[Path, ...]) -> tuple[list[Path], list[DeckError]]:
    """Every deck folder under ``roots`` (sorted per root), and a problem for
    each root that cannot be listed, so the other roots still count."""
    folders: list[Path] = []
    problems: list[DeckError] = []
    for root in roots:
        root = Path(root)
        try:
            entries = sorted(root.iterdir())
        except OSError as exc:
            if not os.path.lexists(root):
                words = "this decks folder does not exist"
            elif not root.is_dir():
                words = "this should be a folder of decks, but it is not a folder"
            else:
                words = f"this decks folder cannot be read ({exc.strerror})"
            where = f"; it is set in {DECKS_ENV_VAR}" if root == _env_root() else ""
            problems.append(DeckError(root, 1, 1, words + where))
            continue
        folders.extend(p for p in entries if p.is_dir())
    return folders, problems


def load_decks(root: Path | None = None) -> DeckSet:
    """Load every deck folder under ``root`` (default: :func:`deck_roots`, in order).

    A deck whose id was loaded from an earlier folder replaces it only when
    its ``version`` is higher, and keeps the earlier deck's language decks it
    has none of; otherwise it is a problem and the earlier deck stays, so an
    extra folder can never silently replace a shipped deck. A folder without
    a ``deck.yaml`` but with language decks, named after a loaded deck, adds
    them to that deck (a later one replaces an earlier one of the same
    language). A broken deck, language deck or decks folder is reported in
    ``DeckSet.problems``, never fatal: the other decks still load.
    """
    folders, problems = deck_folders(deck_roots() if root is None else (Path(root),))
    decks: dict[str, Deck] = {}
    lone: list[Path] = []  # folders of language decks only, attached once every deck is loaded
    for folder in folders:
        if not os.path.lexists(folder / "deck.yaml") and language_files(folder):
            lone.append(folder)
            continue
        try:
            deck, broken = _load_folder(folder)
        except DeckError as exc:
            problems.append(exc)
            continue
        earlier = decks.get(deck.id)
        if earlier is not None:
            if deck.version <= earlier.version:
                problems.append(DeckError(
                    deck.path, 1, 1,
                    f"a deck '{deck.id}' (version {earlier.version}) is already loaded from {earlier.path.parent}; "
                    f"this one (version {deck.version}) replaces it only with a higher 'version:', "
                    "else give it another id and folder name"))
                continue
            deck, carried = _with_languages(deck, earlier.translations.values())
            broken.extend(carried)
        problems.extend(broken)
        decks[deck.id] = deck
    for folder in lone:
        deck = decks.get(folder.name)
        if deck is None:
            problems.append(DeckError(folder, 1, 1, f"there is no deck.yaml here and no deck '{folder.name}' "
                                                    "to add these language decks to"))
            continue
        decks[deck.id], broken = _with_languages(deck, language_files(folder), replace_own=True)
        problems.extend(broken)
    return DeckSet(tuple(decks.values()), tuple(problems))


def _with_languages(deck: Deck, more, replace_own: bool = False) -> tuple[Deck, list[DeckError]]:
    """``deck`` with the language decks ``more`` (paths, or language decks of
    an older version, read again so outdated cards are reported) added: only
    languages it has none of, unless ``replace_own``."""
    translations = dict(deck.translations)
    problems = []
    for item in more:
        path = item.path if isinstance(item, LanguageDeck) else item
        if path.stem in translations and not replace_own:
            continue
        try:
            tr = load_language_deck(path, deck)
        except DeckError as exc:
            problems.append(exc)
            continue
        translations[tr.language] = tr
    return replace(deck, translations=translations), problems


def load_deck(folder: Path) -> Deck:
    """Load ``folder/deck.yaml`` with every language deck beside it that loads."""
    return _load_folder(Path(folder))[0]


def _load_folder(folder: Path) -> tuple[Deck, list[DeckError]]:
    deck = read_deck(folder / "deck.yaml")
    translations = {}
    problems = []
    for path in language_files(folder):
        try:
            tr = load_language_deck(path, deck)
        except DeckError as exc:
            problems.append(exc)  # the other languages still load
            continue
        translations[tr.language] = tr
    return replace(deck, translations=translations), problems


def language_files(folder: Path) -> list[Path]:
    return sorted(p for p in Path(folder).glob("*.yaml") if p.name != "deck.yaml")


_DECK_KEYS = ("id", "language", "title", "description", "audience", "version", "themes", "theme_labels", "cards")
_CARD_KEYS = ("id", "theme", "text", "follow_up", "pictogram", "asks_for_people")
_THEME_KEYS = ("id", "label", "colour", "pictogram")


def read_deck(path: Path) -> Deck:
    """Read one ``deck.yaml`` (without its language decks); raise :class:`DeckError`."""
    src = yamlsafe.read(path)
    top = yamlsafe.mapping(src, src.root, "a deck file", _DECK_KEYS)
    for key in ("id", "language", "title", "audience", "cards"):
        if key not in top:
            raise src.error(src.root, f"the deck has no '{key}:' line; add it at the top of the file")
    deck_id = _identifier(src, top["id"], "the deck id")
    if deck_id != path.parent.name:
        raise src.error(top["id"], f"the deck id '{deck_id}' must equal its folder name '{path.parent.name}'")
    language = _language(src, top["language"])
    audience_text = yamlsafe.text(src, top["audience"], "audience", 20)
    try:
        audience = Audience(audience_text)
    except ValueError:
        raise src.error(top["audience"], f"audience must be family, children or class, not '{audience_text}'") from None
    version = yamlsafe.integer(src, top["version"], "version", 1, 1_000_000) if "version" in top else 1
    themes = _themes(src, top.get("themes"))
    if "theme_labels" in top:
        themes = _relabelled(src, top["theme_labels"], themes)
    theme_ids = {t.id for t in themes}
    warnings: list[DeckWarning] = []
    cards: list[Card] = []
    seen: dict[str, int] = {}
    card_nodes = yamlsafe.sequence(src, top["cards"], "cards")
    if not card_nodes:
        raise src.error(top["cards"], "the deck has no cards")
    if len(card_nodes) > MAX_CARDS:
        raise src.error(top["cards"], f"a deck holds at most {MAX_CARDS} cards")
    for node in card_nodes:
        card = _card(src, node, theme_ids, language)
        if card.id in seen:
            raise src.error(node, f"the card id '{card.id}' is used twice (first on line {seen[card.id]}); every card needs its own id")
        seen[card.id] = node.start_mark.line + 1
        if card.pictogram and not (PICTOGRAMS_DIR / f"{card.pictogram}.png").is_file():
            warnings.append(DeckWarning(path, node.start_mark.line + 1, node.start_mark.column + 1,
                                        f"no pictogram '{card.pictogram}' in kaarten/pictograms", "pictogram"))
        cards.append(card)
    return Deck(
        id=DeckId(deck_id),
        title=yamlsafe.text(src, top["title"], "the title", MAX_TITLE),
        description=yamlsafe.text(src, top["description"], "the description", MAX_DESCRIPTION) if "description" in top else "",
        language=language,
        audience=audience,
        version=version,
        themes=themes,
        cards=tuple(cards),
        path=path,
        warnings=tuple(warnings),
    )


def _card(src: Source, node: Node, theme_ids: set[str], language: str) -> Card:
    keys = yamlsafe.mapping(src, node, "a card", _CARD_KEYS)
    if "id" not in keys:
        raise src.error(node, "this card has no 'id:'; give every card a short id such as 'wie-vertrouw-jij'")
    card_id = _identifier(src, keys["id"], "a card id")
    if "text" not in keys:
        raise src.error(node, f"the card '{card_id}' has no 'text:' with its question")
    if "theme" not in keys:
        raise src.error(node, f"the card '{card_id}' has no 'theme:'; use one of: {', '.join(sorted(theme_ids))}")
    theme = yamlsafe.text(src, keys["theme"], "the theme", MAX_LABEL)
    if theme not in theme_ids:
        raise src.error(keys["theme"], f"unknown theme '{theme}'; use one of: {', '.join(sorted(theme_ids))}")
    return Card(
        id=CardId(card_id),
        text=yamlsafe.text(src, keys["text"], "the card text", MAX_TEXT),
        theme=theme,
        follow_up=_optional_text(src, keys.get("follow_up"), "the follow-up", MAX_FOLLOW_UP),
        pictogram=_identifier(src, keys["pictogram"], "the pictogram name") if "pictogram" in keys else None,
        asks_for_people=yamlsafe.boolean(src, keys["asks_for_people"], "asks_for_people") if "asks_for_people" in keys else True,
        language=language,
    )


def _themes(src: Source, node: Node | None) -> tuple[Theme, ...]:
    if node is None or (not isinstance(node, MappingNode) and getattr(node, "value", None) == "standard"):
        return standard_themes()
    themes = []
    seen = set()
    for item in yamlsafe.sequence(src, node, "themes (or the word 'standard')"):
        keys = yamlsafe.mapping(src, item, "a theme", _THEME_KEYS)
        for key in ("id", "label", "colour"):
            if key not in keys:
                raise src.error(item, f"a theme needs '{key}:'")
        theme_id = _identifier(src, keys["id"], "a theme id")
        if theme_id in seen:
            raise src.error(keys["id"], f"the theme '{theme_id}' is declared twice")
        seen.add(theme_id)
        colour = yamlsafe.text(src, keys["colour"], "the colour", 7)
        if not _COLOUR.match(colour):
            raise src.error(keys["colour"], f"a colour is written as \"#RRGGBB\" in quotes, such as \"#F9D9D6\", not '{colour}'")
        themes.append(Theme(
            id=theme_id,
            label=yamlsafe.text(src, keys["label"], "the theme label", MAX_LABEL),
            colour=colour.upper(),
            pictogram=_identifier(src, keys["pictogram"], "the pictogram name") if "pictogram" in keys else None,
        ))
    if not themes:
        raise src.error(node, "declare at least one theme, or write 'themes: standard'")
    return tuple(themes)


def _relabelled(src: Source, node: Node, themes: tuple[Theme, ...]) -> tuple[Theme, ...]:
    """``themes`` with the labels a deck gives them itself (``theme_labels:``):
    the children's deck keeps the shared theme ids, so the plan and the
    summary still group by theme, but shows labels for children."""
    ids = tuple(t.id for t in themes)
    labels = {theme_id: yamlsafe.text(src, value, f"the label of theme '{theme_id}'", MAX_LABEL)
              for theme_id, value in yamlsafe.mapping(src, node, "theme_labels", ids).items()}
    return tuple(replace(t, label=labels.get(t.id, t.label)) for t in themes)


_standard: tuple[Theme, ...] | None = None


def standard_themes() -> tuple[Theme, ...]:
    """The themes the family and children decks share (``decks/themes.yaml``)."""
    global _standard
    if _standard is None:
        src = yamlsafe.read(THEMES_FILE)
        top = yamlsafe.mapping(src, src.root, "the themes file", ("themes",))
        _standard = _themes(src, top["themes"])
    return _standard


def _identifier(src: Source, node: Node, what: str) -> str:
    value = yamlsafe.text(src, node, what, MAX_LABEL)
    invisible = next((ch for ch in value if unicodedata.category(ch) == "Cf"), None)
    if invisible is not None:  # ZWSP, LRM, word joiner, BOM...: two ids that look equal would differ
        raise src.error(node, f"{what} '{value}' holds an invisible character {yamlsafe.describe(invisible)}; "
                              "delete the id and type it again")
    if not _ID.match(value):
        raise src.error(node, f"{what} '{value}' may hold only lowercase letters a-z, digits and dashes, such as 'wie-vertrouw-jij'")
    return value


def _language(src: Source, node: Node) -> str:
    value = yamlsafe.text(src, node, "the language", 12)
    if not _LANGUAGE.match(value):
        raise src.error(node, f"the language '{value}' must be a language code such as nl, en, ar, ti or uk")
    return value


def _optional_text(src: Source, node: Node | None, what: str, max_length: int) -> str | None:
    if node is None:
        return None
    return yamlsafe.text(src, node, what, max_length, allow_empty=True) or None


# -- language decks ------------------------------------------------------------

_LANG_KEYS = ("deck", "language", "translated_by", "reviewed", "address", "title", "title_source",
              "description", "description_source", "themes", "cards")
_LANG_THEME_KEYS = ("label", "source")
_LANG_CARD_KEYS = ("id", "text", "follow_up", "source", "added", "theme", "pictogram", "asks_for_people")


def load_language_deck(path: Path, deck: Deck | None = None) -> LanguageDeck:
    """Load the language deck at ``path`` for ``deck`` (read from beside it if not given)."""
    path = Path(path)
    src = yamlsafe.read(path)
    top = yamlsafe.mapping(src, src.root, "a language deck", _LANG_KEYS)
    if "language" not in top:
        raise src.error(src.root, "the language deck has no 'language:' line; add it at the top, e.g. 'language: ar'")
    language = _language(src, top["language"])
    if language != path.stem:
        raise src.error(top["language"], f"the file is called {path.name} but says 'language: {language}'; rename one of them")
    if deck is None:
        deck_file = path.parent / "deck.yaml"
        if not os.path.lexists(deck_file):  # a deck.yaml that is a pipe or folder gets its own message
            raise src.error(src.root, f"there is no deck.yaml beside this language deck in {path.parent}; a language deck belongs in the folder of the deck it translates")
        deck = read_deck(deck_file)
    if "deck" in top:
        named = yamlsafe.text(src, top["deck"], "the deck", MAX_LABEL)
        if named != deck.id:
            raise src.error(top["deck"], f"this language deck is for the deck '{named}', but it sits in the folder of '{deck.id}'; there is no deck '{named}' here")
    if language == deck.language:
        raise src.error(top["language"], f"'{language}' is the deck's own language; a language deck is for another language")

    warnings: list[DeckWarning] = []

    def warn(node: Node, message: str, kind: str) -> None:
        warnings.append(DeckWarning(path, node.start_mark.line + 1, node.start_mark.column + 1, message, kind))

    def fingerprint(node: Node | None, dutch: str, what: str, value_node: Node) -> None:
        """Warn when the Dutch ``dutch`` changed since this text was made from it."""
        source = yamlsafe.text(src, node, "source", 64) if node is not None else None
        if source != text_hash(dutch):
            warn(value_node, f"{what} was translated from an older Dutch text; the Dutch now reads: \"{dutch}\"; "
                             f"update the translation, then run: python main.py mark-current {deck.id} {language}",
                 "outdated")

    address = None
    if "address" in top:
        address = yamlsafe.text(src, top["address"], "address", 20)
        if address not in ADDRESS_FORMS:
            raise src.error(top["address"], f"address must be one of {', '.join(ADDRESS_FORMS)} "
                                            f"(see docs/translating.md), not '{address}'")
    title = _optional_text(src, top.get("title"), "the title", MAX_TITLE)
    if title:
        fingerprint(top.get("title_source"), deck.title, "the title", top["title"])
    description = _optional_text(src, top.get("description"), "the description", MAX_DESCRIPTION)
    if description and deck.description:
        fingerprint(top.get("description_source"), deck.description, "the description", top["description"])

    themes = {t.id: t for t in deck.themes}
    labels: dict[str, str] = {}
    if "themes" in top:
        for theme_id, value in yamlsafe.mapping(src, top["themes"], "themes", tuple(sorted(themes))).items():
            source_node = None
            label_node = value
            if isinstance(value, MappingNode):  # trust: {label: ..., source: ...}
                parts = yamlsafe.mapping(src, value, f"theme '{theme_id}'", _LANG_THEME_KEYS)
                if "label" not in parts:
                    raise src.error(value, f"theme '{theme_id}' needs 'label:' with its name in your language")
                label_node, source_node = parts["label"], parts.get("source")
            label = yamlsafe.text(src, label_node, f"the label of theme '{theme_id}'", MAX_LABEL, allow_empty=True)
            if label:
                labels[theme_id] = label
                fingerprint(source_node, themes[theme_id].label, f"the label of theme '{theme_id}'", label_node)
    theme_ids = set(themes)
    source_cards = {c.id: c for c in deck.cards}
    cards: dict[CardId, TranslatedCard] = {}
    added: list[Card] = []
    seen: dict[str, int] = {}
    card_nodes = yamlsafe.sequence(src, top["cards"], "cards") if "cards" in top else []
    if len(card_nodes) > MAX_CARDS:
        raise src.error(top["cards"], f"a language deck holds at most {MAX_CARDS} cards, like a deck; this one has {len(card_nodes)}")
    for node in card_nodes:
        keys = yamlsafe.mapping(src, node, "a card", _LANG_CARD_KEYS)
        if "id" not in keys:
            raise src.error(node, "this card has no 'id:'; copy the id of the Dutch card it translates")
        card_id = CardId(_identifier(src, keys["id"], "a card id"))
        if card_id in seen:
            raise src.error(node, f"the card id '{card_id}' is used twice (first on line {seen[card_id]})")
        seen[card_id] = node.start_mark.line + 1
        is_added = yamlsafe.boolean(src, keys["added"], "added") if "added" in keys else False
        if is_added:
            if card_id in source_cards:
                raise src.error(keys["id"], f"'{card_id}' is a card of the deck itself; 'added: true' is only for cards of your own")
            if len(deck.cards) + len(added) >= MAX_CARDS:
                raise src.error(node, f"with this added card the deck would hold more than {MAX_CARDS} cards, "
                                      "the most a deck may hold; remove some added cards")
            extra = _card(src, _without(node, ("added", "source")), theme_ids, language)
            added.append(extra)
            warn(node, f"card '{card_id}' is added by this language deck", "added")
            continue
        if card_id not in source_cards:
            warn(node, f"unknown card id '{card_id}': there is no such card in deck.yaml; if this is a card of your own, add 'added: true' and a 'theme:'", "unknown")
            continue
        text = yamlsafe.text(src, keys["text"], "the card text", MAX_TEXT, allow_empty=True) if "text" in keys else ""
        if not text:
            warn(node, f"card '{card_id}' is not translated yet; the app shows the Dutch text", "missing")
            continue
        source = yamlsafe.text(src, keys["source"], "source", 64) if "source" in keys else None
        original = source_cards[card_id]
        if source != source_hash(original):
            warn(node, f"card '{card_id}' was translated from an older Dutch text; the Dutch now reads: "
                       f"\"{original.text}\"; update the translation, then run: python main.py mark-current {deck.id} {language}",
                 "outdated")
        cards[card_id] = TranslatedCard(
            id=card_id,
            text=text,
            follow_up=_optional_text(src, keys.get("follow_up"), "the follow-up", MAX_FOLLOW_UP),
            source=source,
            line=node.start_mark.line + 1,
        )
    has_cards = "cards" in top
    for card in deck.cards if has_cards else ():  # without 'cards:' only the title and labels are translated
        if card.id not in seen:
            warnings.append(DeckWarning(path, 1, 1, f"card '{card.id}' is missing; the app shows the Dutch text: \"{card.text}\"", "missing"))
    if address is None and has_cards:
        warnings.append(DeckWarning(path, 1, 1, "no 'address:' line: say how the cards address the family "
                                                f"({', '.join(ADDRESS_FORMS)}; see docs/translating.md)", "address"))
    return LanguageDeck(
        deck_id=deck.id,
        language=language,
        path=path,
        translated_by=yamlsafe.text(src, top["translated_by"], "translated_by", MAX_LABEL * 3, allow_empty=True) if "translated_by" in top else "",
        reviewed=yamlsafe.boolean(src, top["reviewed"], "reviewed") if "reviewed" in top else False,
        title=title,
        description=description,
        theme_labels=labels,
        cards=cards,
        added=tuple(added),
        warnings=tuple(warnings),
        address=address,
        has_cards=has_cards,
    )


def _without(node: MappingNode, keys: tuple[str, ...]) -> MappingNode:
    kept = [(k, v) for k, v in node.value if k.value not in keys]
    return MappingNode(node.tag, kept, node.start_mark, node.end_mark, node.flow_style)


# -- the translator's commands ---------------------------------------------------

def new_language(deck: Deck, language: str, *, translated_by: str = "", path: Path | None = None) -> Path:
    """Write a language-deck skeleton for ``deck`` to ``path`` (default: beside
    the deck); refuse to overwrite a file or to start a language the deck has."""
    if not _LANGUAGE.match(language):
        raise ValueError(f"'{language}' is not a language code such as en, ar, ti or uk")
    if language == deck.language:
        raise ValueError(f"'{language}' is the deck's own language")
    path = deck.path.parent / f"{language}.yaml" if path is None else Path(path)
    existing = deck.translations[language].path if language in deck.translations else path
    if existing.exists() or path.exists():
        raise FileExistsError(f"{existing if existing.exists() else path} exists already; "
                              "edit it, or remove it first to start again")
    path.parent.mkdir(parents=True, exist_ok=True)
    q = _quote
    lines = [
        f"# Language deck '{language}' for the deck \"{deck.title}\".",
        "# Write each card's question in your language after 'text:' (and the",
        "# follow-up after 'follow_up:'). The Dutch text stands in the comment",
        "# above each card. Leave 'id' and 'source' as they are.",
        f"# Check your work with:  python main.py check {path.parent.name}",
        "",
        f"deck: {deck.id}",
        f"language: {language}",
        f"translated_by: {q(translated_by)}",
        "reviewed: false",
        "# How the cards address the family: informal, polite, plural or neutral;",
        "# docs/translating.md says which one your language uses.",
        "# address: informal",
        f"# nl: {deck.title}",
        'title: ""',
        f"title_source: {text_hash(deck.title)}",
        f"# nl: {deck.description}" if deck.description else "# (the deck has no description)",
        'description: ""',
        *([f"description_source: {text_hash(deck.description)}"] if deck.description else []),
        "themes:",
    ]
    for theme in deck.themes:
        lines += [f"  # nl: {theme.label}", f'  {theme.id}: {{label: "", source: {text_hash(theme.label)}}}']
    lines.append("cards:")
    for card in deck.cards:
        lines.append(f"  # nl: {card.text}")
        if card.follow_up:
            lines.append(f"  # nl follow-up: {card.follow_up}")
        lines += [f"  - id: {card.id}", '    text: ""']
        if card.follow_up:
            lines.append('    follow_up: ""')
        lines.append(f"    source: {source_hash(card)}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def mark_current(deck: Deck, language: str, path: Path | None = None) -> tuple[Path, int]:
    """Record that every translated card, the title, the description and the
    theme labels of a language deck match today's Dutch text.

    Rewrites only the ``source:`` values in the file at ``path`` (default: the
    language deck beside the deck; comments and layout stay), adding a
    ``source:`` line where a card has none, a ``title_source:`` or
    ``description_source:`` line under a translated title or description, and
    turning a theme label written alone into ``{label: ..., source: ...}``.
    Returns the path and the number of cards marked.
    """
    path = deck.path.parent / f"{language}.yaml" if path is None else Path(path)
    load_language_deck(path, deck)  # refuse to touch a broken file
    src = yamlsafe.read(path)
    top = yamlsafe.mapping(src, src.root, "a language deck", _LANG_KEYS)
    lines = src.text.splitlines(keepends=True)
    source_cards = {c.id: c for c in deck.cards}
    edits: list[tuple[int, int, int, str]] = []  # (line, start col, end col, new text); end col -1 = insert line
    count = 0
    for node in yamlsafe.sequence(src, top["cards"], "cards") if "cards" in top else []:
        keys = yamlsafe.mapping(src, node, "a card", _LANG_CARD_KEYS)
        card = source_cards.get(keys["id"].value)
        if card is None or "added" in keys:
            continue
        if "text" not in keys or not keys["text"].value.strip():
            continue  # nothing translated yet: nothing to mark
        if node.flow_style:
            raise src.error(node, "write this card as '- id: ...' lines, not in { } braces, so it can be marked")
        new = source_hash(card)
        count += 1
        if "source" in keys:
            s = keys["source"]
            if s.start_mark.line != s.end_mark.line:
                raise src.error(s, "write 'source:' on one line")
            edits.append((s.start_mark.line, s.start_mark.column, s.end_mark.column, new))
        else:
            id_key = next(k for k, _ in node.value if k.value == "id")
            indent = " " * id_key.start_mark.column
            edits.append((keys["id"].end_mark.line + 1, 0, -1, f"{indent}source: {new}\n"))
    for key in ("title", "description"):
        if key not in top or not str(top[key].value).strip():
            continue
        new = text_hash(deck.title if key == "title" else deck.description)
        if f"{key}_source" in top:
            edits.append(_replace_scalar(src, top[f"{key}_source"], new))
        else:
            key_node = next(k for k, _ in src.root.value if k.value == key)
            edits.append((top[key].end_mark.line + 1 if top[key].end_mark.column else top[key].end_mark.line,
                          0, -1, f"{' ' * key_node.start_mark.column}{key}_source: {new}\n"))
    labels = {t.id: t.label for t in deck.themes}
    for theme_id, value in yamlsafe.mapping(src, top["themes"], "themes", tuple(labels)).items() if "themes" in top else ():
        new = text_hash(labels[theme_id])
        if isinstance(value, MappingNode):
            parts = yamlsafe.mapping(src, value, f"theme '{theme_id}'", _LANG_THEME_KEYS)
            if not str(parts["label"].value).strip():
                continue
            if "source" in parts:
                edits.append(_replace_scalar(src, parts["source"], new))
            elif value.flow_style:
                raise src.error(value, f"add 'source: {new}' inside the braces of theme '{theme_id}'")
            else:
                label_key = next(k for k, _ in value.value if k.value == "label")
                edits.append((parts["label"].end_mark.line + 1, 0, -1,
                               f"{' ' * label_key.start_mark.column}source: {new}\n"))
        elif str(value.value).strip():
            if value.start_mark.line != value.end_mark.line:
                raise src.error(value, "write the theme label on one line")
            label = lines[value.start_mark.line][value.start_mark.column:value.end_mark.column]
            edits.append((value.start_mark.line, value.start_mark.column, value.end_mark.column,
                          f"{{label: {label}, source: {new}}}"))
    for line, start, end, new in sorted(edits, reverse=True):
        if end == -1:
            if line > 0 and not lines[line - 1].endswith("\n"):
                lines[line - 1] += "\n"
            lines.insert(line, new)
        else:
            lines[line] = lines[line][:start] + new + lines[line][end:]
    path.write_text("".join(lines), encoding="utf-8")
    load_language_deck(path, deck)
    return path, count


def _replace_scalar(src: Source, node: Node, new: str) -> tuple[int, int, int, str]:
    if node.start_mark.line != node.end_mark.line:
        raise src.error(node, "write 'source:' on one line")
    return (node.start_mark.line, node.start_mark.column, node.end_mark.column, new)


def _quote(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
