"""Reading YAML that a stranger wrote: safe, bounded, and with a line for every problem.

Deck files come from translators and trainers, sometimes by e-mail. PyYAML's
``safe_load`` alone prevents code execution but still builds alias bombs,
segfaults on very deep nesting, keeps the last of two duplicate keys and turns
``nee``/``no``/``on`` or ``12:30`` into booleans and numbers. So this module:

1. opens only regular files (a FIFO would block ``open`` forever, a device
   would stream without end) and caps the size, then decodes strict UTF-8;
2. refuses characters that make text look different from what it is (control
   characters, bidi overrides and isolates, line breaks a text editor does not
   show) before the parser sees them, so every later line number is the line
   a translator sees in the editor;
3. pre-scans the parser's *events* (libyaml when present: fast and without
   recursion) and refuses anchors, aliases, explicit tags, a second document
   and nesting deeper than :data:`MAX_DEPTH` before any node is built;
4. composes nodes with a resolver that has no implicit types, so every scalar
   stays the text that was typed; the schema code decides what is a number.

Every problem is a :class:`DeckError` that prints as ``FILE:LINE:COL: message``,
with hostile characters shown escaped (``\\u202e``), never raw: a message is
printed to a terminal, where an escape sequence would be obeyed.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from kaarten.errors import KaartenError

MAX_FILE_BYTES = 512 * 1024
MAX_DEPTH = 12

_Parser = getattr(yaml, "CBaseLoader", yaml.BaseLoader)

#: Bidi overrides and isolates: they reorder what follows, so a text can show
#: something other than what it holds ("Trojan Source"). The app sets the
#: direction of every text itself; a deck never needs them.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
#: Characters a text editor does not show as a new line but YAML counts as one.
HIDDEN_LINE_BREAKS = frozenset("\x85\u2028\u2029")
#: A character that can fool a reader of deck text or a terminal: control
#: characters (C0, DEL and C1, such as the ESC of terminal colour codes)
#: except tab, newline and carriage return; bidi overrides and isolates; and
#: line/paragraph separators. A regular expression, because every character
#: of every deck file passes through it at start-up.
HOSTILE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def shown(text: str) -> str:
    """``text`` safe to print: every control, format, separator or surrogate
    character as an escape (``\\x1b``, ``\\u202e``), everything else as is."""
    return "".join(_escape(ch) if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp", "Cs") else ch
                   for ch in text)


def _escape(char: str) -> str:
    code = ord(char)
    if code <= 0xFF:
        return f"\\x{code:02x}"
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def describe(char: str) -> str:
    """``\\u202e (RIGHT-TO-LEFT OVERRIDE)``: the escape and, when Unicode has
    one, the character's name, so a translator can look it up."""
    name = unicodedata.name(char, "")
    if not name:
        name = "a control character" if unicodedata.category(char) == "Cc" else "not a character of any language"
    return f"{_escape(char)} ({name})"


class DeckError(KaartenError):
    """A deck file that cannot be used, with the place to fix it.

    The message is kept escaped (see :func:`shown`) because it may quote the
    deck's own text; the path is escaped when printed.
    """

    def __init__(self, path: Path | str, line: int, column: int, message: str):
        message = shown(message)
        super().__init__(message)
        self.path = Path(path)
        self.line = line
        self.column = column
        self.message = message

    def __str__(self) -> str:
        return f"{shown(str(self.path))}:{self.line}:{self.column}: {self.message}"


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
    data = read_regular_file(path)
    text = _decode(path, data)
    _refuse_hostile_characters(path, text)
    if not any(line.strip() and not line.lstrip().startswith("#") for line in text.split("\n")):
        raise DeckError(path, 1, 1, "the file is empty")
    _prescan(path, text)
    try:
        root = yaml.compose(text, Loader=_Parser)
    except yaml.MarkedYAMLError as exc:  # pragma: no cover - the pre-scan saw the same text
        raise _from_yaml_error(path, text, exc) from None
    if root is None:
        raise DeckError(path, 1, 1, "the file is empty")
    return Source(path, text, root)


def read_regular_file(path: Path) -> bytes:
    """The bytes of ``path`` (at most :data:`MAX_FILE_BYTES`), if it is a regular file.

    ``os.stat`` first, so a pipe, device or folder is named for what it is and
    never opened (opening a FIFO for reading blocks until a writer comes).
    Then open with ``O_NONBLOCK`` and check again with ``fstat``: the path may
    have been swapped for a FIFO between the two calls.
    """
    try:
        _refuse_special(path, os.stat(path).st_mode)
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise _open_error(path, exc) from None
    with os.fdopen(fd, "rb") as handle:
        _refuse_special(path, os.fstat(fd).st_mode)
        try:
            data = handle.read(MAX_FILE_BYTES + 1)
        except OSError as exc:
            raise _open_error(path, exc) from None
    if len(data) > MAX_FILE_BYTES:
        raise DeckError(
            path, 1, 1,
            f"the file is larger than {MAX_FILE_BYTES // 1024} KiB; "
            "a deck is text only, so split it or remove what does not belong",
        )
    return data


_NOT_A_FILE = (
    (stat.S_ISDIR, "is a folder, not a file"),
    (stat.S_ISFIFO, "is a pipe (FIFO), not a file; replace it with a text file"),
    (stat.S_ISCHR, "is a device, not a file; replace it with a text file"),
    (stat.S_ISBLK, "is a device, not a file; replace it with a text file"),
    (stat.S_ISSOCK, "is a socket, not a file; replace it with a text file"),
)


def _refuse_special(path: Path, mode: int) -> None:
    if stat.S_ISREG(mode):
        return
    for test, words in _NOT_A_FILE:
        if test(mode):
            raise DeckError(path, 1, 1, f"{path.name} {words}")
    raise DeckError(path, 1, 1, f"{path.name} is not a regular file; replace it with a text file")


def _open_error(path: Path, exc: OSError) -> DeckError:
    if exc.errno == errno.ENOENT:
        if os.path.islink(path):
            return DeckError(path, 1, 1, f"{path.name} is a link to a file that does not exist")
        return DeckError(path, 1, 1, "file not found")
    if exc.errno == errno.ELOOP:
        return DeckError(path, 1, 1, f"{path.name} is a link that leads back to itself (a loop), not a file")
    if exc.errno in (errno.EACCES, errno.EPERM):
        return DeckError(path, 1, 1, "the file may not be read (no permission); ask who set up this computer")
    return DeckError(path, 1, 1, f"cannot read the file ({exc.strerror})")


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


def _refuse_hostile_characters(path: Path, text: str) -> None:
    """Refuse the first hostile character anywhere in the file (comments too).

    The line and column are counted as a text editor does (only ``\\n``,
    ``\\r\\n`` and ``\\r`` end a line). Because hidden line breaks are refused
    here, PyYAML's marks agree with the editor for every later error.
    """
    found = HOSTILE.search(text)
    if found is None:
        return
    char = found.group()
    line, column = editor_position(text, found.start())
    if char in HIDDEN_LINE_BREAKS:
        words = (f"an invisible line break {describe(char)} is here; your editor does not show it, "
                 "but it splits the line. Delete it, and press Enter where a new line belongs")
    elif char in BIDI_CONTROLS:
        words = (f"an invisible direction mark {describe(char)} is here; it can make a text look "
                 "different from what it says. Delete it: the app sets the direction of each text itself")
    else:
        words = f"an invisible control character {describe(char)} is here; delete it"
    raise DeckError(path, line, column, words)


def editor_position(text: str, index: int) -> tuple[int, int]:
    """The 1-based line and column of ``text[index]`` as a text editor shows them."""
    before = text[:index]
    line = before.count("\n") + before.count("\r") - before.count("\r\n") + 1
    start = max(before.rfind("\n"), before.rfind("\r")) + 1
    return line, index - start + 1


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
    except yaml.reader.ReaderError as exc:  # e.g. U+FFFF: not hostile, but not text either
        # libyaml gives a byte offset, PyYAML a character index: find the character itself
        index = max(text.find(chr(exc.character)), 0) if isinstance(exc.character, int) else 0
        line, column = editor_position(text, index)
        raise DeckError(path, line, column, f"a character that does not belong in a text file is here "
                                            f"({describe(text[index])}); delete it") from None
    except yaml.YAMLError as exc:
        raise DeckError(path, 1, 1, f"the file cannot be read as YAML ({exc})") from None


def _at(path: Path, mark, message: str) -> DeckError:
    return DeckError(path, mark.line + 1, mark.column + 1, message)


_CHECK_INDENT = "check that this line starts in the same column as the lines it belongs with"

#: PyYAML's words for a syntax error -> (what a translator can do, point at the
#: context mark (where the unfinished thing began) instead of the problem mark).
_PLAIN_WORDS: tuple[tuple[str, str, bool], ...] = (
    ("mapping values are not allowed",
     "there is a ': ' inside a text here, which YAML reads as a new key; "
     "a text with ': ' in it needs quotes around it, such as \"Wie: jij?\"", False),
    ("could not find expected ':'",
     f"this line has no ':' after its key; add the ':', or {_CHECK_INDENT}", True),
    ("did not find expected key",
     f"this does not fit here; {_CHECK_INDENT}, and that nothing follows a closing quote", False),
    ("did not find expected '-' indicator",
     "this does not fit in the list above; every item of a list starts with '- ' in the same column", False),
    ("did not find expected node content",
     "a text is missing here, or it starts with a sign YAML keeps for itself ([ ] { } , ); "
     "put quotes around the text", False),
    ("did not find expected ',' or ']'",
     "the '[' here is never closed; close it with ']', or put quotes around a text that starts with '['", True),
    ("did not find expected ',' or '}'",
     "the '{' here is never closed; close it with '}', or put quotes around a text that starts with '{'", True),
    ("found unexpected end of stream",
     "the quote that opens here is never closed; add the same quote at the end of the text", True),
    ("found incompatible YAML document",
     "the line '%YAML' at the top names a YAML version this app does not read; delete that line", False),
    ("directive",
     "a line may not start with '%'; delete it, or put quotes around a text that starts with '%'", True),
    ("non-alphabetical character",  # libyaml's words for '%' followed by a sign
     "a line may not start with '%'; delete it, or put quotes around a text that starts with '%'", True),
    ("tag handle",
     "a text may not start with '!'; put quotes around it", False),
    ("found character that cannot start any token",
     "a text may not start with this sign; put quotes around the text", False),
    ("found unknown escape character",
     "inside \"double quotes\" a backslash (\\) starts a special sign, and this one does not exist; "
     "write \\\\ for a backslash, or use 'single quotes'", False),
    ("did not find expected hexdecimal number",
     "inside \"double quotes\" \\x, \\u and \\U must be followed by a character code; "
     "write \\\\ for a backslash, or use 'single quotes'", False),
    ("did not find expected <document start>",
     "this text does not belong to the deck (it follows a line '...' or '---'); delete it", False),
    ("did not find expected comment or line break",
     "nothing may follow '|' or '>' on its line; start the text on the next line, indented", False),
    ("block sequence entries are not allowed",
     "a '- ' item cannot start here; start it on a new line, indented under its key", False),
)


def _from_yaml_error(path: Path, text: str, exc: yaml.MarkedYAMLError) -> DeckError:
    problem = exc.problem or ""
    words, at_context = next(((w, c) for key, w, c in _PLAIN_WORDS if key in problem), (None, False))
    mark = (exc.context_mark if at_context else None) or exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else 1
    column = mark.column + 1 if mark else 1
    lines = text.split("\n")
    here = lines[line - 1] if 0 < line <= len(lines) else ""
    if "\t" in here[: max(column, 1)] or "'\\t'" in problem or "tab character" in problem:
        return DeckError(path, line, column, "a tab is used here; indent with spaces, not tabs")
    if "nesting depth" in problem:
        return DeckError(path, line, column, f"the text is nested too deeply (more than {MAX_DEPTH} levels)")
    if words is None:
        words = (f"YAML cannot read the file from here ({problem or 'unknown problem'}); check this line and "
                 "the one above for a missing ':', a quote that is not closed, or the indentation")
    return DeckError(path, line, column, words)


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
    hostile = HOSTILE.search(node.value)
    if hostile is not None:  # written as an escape in "double quotes": raw ones never get here
        raise src.error(node, f"{what} holds an invisible character {describe(hostile.group())}, written as "
                              "an escape such as \\x1b or \\u202e; delete it")
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
