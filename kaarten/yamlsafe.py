"""Reading YAML that a stranger wrote: safe, bounded, and with a line for every problem.

Deck files come from translators and trainers, sometimes by e-mail. PyYAML's
``safe_load`` alone prevents code execution but still builds alias bombs,
segfaults on very deep nesting, keeps the last of two duplicate keys and turns
``nee``/``no``/``on`` or ``12:30`` into booleans and numbers. So this module:

1. caps the file size and decodes strict UTF-8;
2. pre-scans the parser's *events* (libyaml when present: fast and without
   recursion) and refuses anchors, aliases, explicit tags, a second document
   and nesting deeper than :data:`MAX_DEPTH` before any node is built;
3. composes nodes with a resolver that has no implicit types, so every scalar
   stays the text that was typed; the schema code decides what is a number.

Every problem is a :class:`DeckError` that prints as ``FILE:LINE:COL: message``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from kaarten.errors import KaartenError

MAX_FILE_BYTES = 512 * 1024
MAX_DEPTH = 12

_Parser = getattr(yaml, "CBaseLoader", yaml.BaseLoader)


class DeckError(KaartenError):
    """A deck file that cannot be used, with the place to fix it."""

    def __init__(self, path: Path | str, line: int, column: int, message: str):
        super().__init__(message)
        self.path = Path(path)
        self.line = line
        self.column = column
        self.message = message

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.message}"


@dataclass(frozen=True)
class Source:
    """A parsed YAML file: its root node and its text (for rewriting in place)."""

    path: Path
    text: str
    root: Node

    def error(self, node: Node | None, message: str) -> DeckError:
        if node is None:
            return DeckError(self.path, 1, 1, message)
        return DeckError(self.path, node.start_mark.line + 1, node.start_mark.column + 1, message)


def read(path: Path) -> Source:
    """Read ``path`` as one untrusted YAML document; raise :class:`DeckError`."""
    path = Path(path)
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise DeckError(path, 1, 1, "file not found") from None
    except IsADirectoryError:
        raise DeckError(path, 1, 1, "this is a folder, not a deck file") from None
    except OSError as exc:
        raise DeckError(path, 1, 1, f"cannot read the file ({exc.strerror})") from None
    if len(data) > MAX_FILE_BYTES:
        raise DeckError(
            path, 1, 1,
            f"the file is larger than {MAX_FILE_BYTES // 1024} KiB; "
            "a deck is text only, so split it or remove what does not belong",
        )
    text = _decode(path, data)
    if not any(line.strip() and not line.lstrip().startswith("#") for line in text.splitlines()):
        raise DeckError(path, 1, 1, "the file is empty")
    _prescan(path, text)
    try:
        root = yaml.compose(text, Loader=_Parser)
    except yaml.MarkedYAMLError as exc:  # pragma: no cover - the pre-scan saw the same text
        raise _from_yaml_error(path, text, exc) from None
    if root is None:
        raise DeckError(path, 1, 1, "the file is empty")
    return Source(path, text, root)


def _decode(path: Path, data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        raise DeckError(
            path, line, column,
            "the file is not saved as UTF-8 text; in your editor choose "
            "'Save as' with the encoding UTF-8",
        ) from None


def _prescan(path: Path, text: str) -> None:
    depth = 0
    documents = 0
    try:
        for event in yaml.parse(text, Loader=_Parser):
            where = event.start_mark
            if isinstance(event, yaml.AliasEvent):
                raise _at(path, where, "aliases (*name) are not allowed in a deck; write the text out in full")
            if getattr(event, "anchor", None):
                raise _at(path, where, "anchors (&name) are not allowed in a deck; write the text out in full")
            if getattr(event, "tag", None) is not None and not isinstance(event, yaml.DocumentStartEvent):
                raise _at(path, where, f"tags such as '{event.tag}' are not allowed in a deck; remove the '!' part")
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise _at(path, where, "a deck file holds one document; remove the second '---'")
            elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    raise _at(path, where, f"the text is nested too deeply (more than {MAX_DEPTH} levels)")
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.MarkedYAMLError as exc:
        raise _from_yaml_error(path, text, exc) from None
    except yaml.YAMLError as exc:
        raise DeckError(path, 1, 1, f"this is not valid YAML ({exc})") from None


def _at(path: Path, mark, message: str) -> DeckError:
    return DeckError(path, mark.line + 1, mark.column + 1, message)


def _from_yaml_error(path: Path, text: str, exc: yaml.MarkedYAMLError) -> DeckError:
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else 1
    column = mark.column + 1 if mark else 1
    lines = text.splitlines()
    here = lines[line - 1] if 0 < line <= len(lines) else ""
    problem = exc.problem or "this is not valid YAML"
    if "\t" in here[: max(column, 1)] or "'\\t'" in problem:
        return DeckError(path, line, column, "a tab is used here; indent with spaces, not tabs")
    if "nesting depth" in problem:
        return DeckError(path, line, column, f"the text is nested too deeply (more than {MAX_DEPTH} levels)")
    hint = ""
    if "mapping values are not allowed" in problem:
        hint = "; a text with ': ' in it needs quotes around it"
    elif "could not find expected ':'" in problem or "expected <block end>" in problem:
        hint = "; check the indentation of this line and the one above"
    return DeckError(path, line, column, f"{problem}{hint}")


# -- reading nodes against a schema -----------------------------------------

def kind(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "a list of 'key: value' lines"
    if isinstance(node, SequenceNode):
        return "a list of '- ' items"
    return "a text"


def mapping(src: Source, node: Node, what: str, allowed: tuple[str, ...]) -> dict[str, Node]:
    """The keys of a mapping node, refusing duplicates and keys not in ``allowed``."""
    if not isinstance(node, MappingNode):
        raise src.error(node, f"{what} must be {kind(MappingNode('', []))}, but this is {kind(node)}")
    result: dict[str, Node] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, ScalarNode):
            raise src.error(key_node, f"a key in {what} must be a plain word")
        key = key_node.value
        if key in result:
            raise src.error(key_node, f"'{key}' appears twice in {what}; keep one")
        if key not in allowed:
            raise src.error(
                key_node, f"unknown key '{key}' in {what}; allowed are: {', '.join(allowed)}"
            )
        result[key] = value_node
    return result


def sequence(src: Source, node: Node, what: str) -> list[Node]:
    if not isinstance(node, SequenceNode):
        raise src.error(node, f"{what} must be {kind(SequenceNode('', []))}, but this is {kind(node)}")
    return list(node.value)


def text(src: Source, node: Node, what: str, max_length: int, *, allow_empty: bool = False) -> str:
    if not isinstance(node, ScalarNode):
        raise src.error(node, f"{what} must be {kind(ScalarNode('', ''))}, but this is {kind(node)}")
    value = " ".join(node.value.split())
    if not value and not allow_empty:
        raise src.error(node, f"{what} is empty")
    if len(value) > max_length:
        raise src.error(node, f"{what} is {len(value)} characters long; at most {max_length} fit on a card")
    return value


_TRUE = {"true", "yes", "ja", "waar"}
_FALSE = {"false", "no", "nee", "onwaar"}


def boolean(src: Source, node: Node, what: str) -> bool:
    value = text(src, node, what, 10).lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise src.error(node, f"{what} must be true or false, not '{value}'")


def integer(src: Source, node: Node, what: str, low: int, high: int) -> int:
    value = text(src, node, what, 12)
    if not value.isascii() or not value.isdigit() or not low <= int(value) <= high:
        raise src.error(node, f"{what} must be a whole number from {low} to {high}, not '{value}'")
    return int(value)
