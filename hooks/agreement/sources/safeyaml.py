"""Reading a source file and its YAML so that every bad input becomes one
`path:line: message`, never a traceback, a hang or megabytes of output.

Every YAML source (revision and related front matter, `data/*.yml`) is read
here: the bytes are decoded with the real line of a bad byte, a UTF-8 BOM is
accepted, and YAML is composed with limits on nesting (PyYAML's composer is
recursive: 3,000 nested brackets end in RecursionError) and on the size the
document has once its aliases are expanded (a "billion laughs" bomb is a few
lines that expand to millions of values)."""
from __future__ import annotations

from pathlib import Path

import yaml

from agreement.model.errors import SourceError

MAX_FILE_BYTES = 1_000_000  # the largest source today is about 32 kB
MAX_DEPTH = 50  # nested collections; the sources use at most 3
MAX_NODES = 100_000  # values in one document, with aliases expanded
BOM = "\ufeff"


class LimitError(yaml.MarkedYAMLError):
    """A YAML document beyond the limits above; a MarkedYAMLError, so that it is
    reported like any other YAML problem, at its line."""


def read_source(path: Path, rel_path: str) -> tuple[str | None, list[SourceError]]:
    """The text of a source file, or None and the error. Its size is checked
    before it is read (a link to /dev/zero never ends)."""
    if not path.exists():
        return None, [SourceError(rel_path, 1, "file is missing")]
    if not path.is_file():
        return None, [SourceError(rel_path, 1, "not a regular file")]
    if path.stat().st_size > MAX_FILE_BYTES:
        return None, [_too_large(path.stat().st_size, rel_path)]
    return decode_source(path.read_bytes(), rel_path)


def _too_large(size: int, rel_path: str) -> SourceError:
    return SourceError(rel_path, 1, f"file is {size:,} bytes; a source may have at most "
                                    f"{MAX_FILE_BYTES:,} (split it, or remove what is not text)")


def decode_source(data: bytes, rel_path: str) -> tuple[str | None, list[SourceError]]:
    """The text of a source file, or None and the error: too large, or not UTF-8
    (at the line of the first bad byte). A leading UTF-8 BOM is dropped."""
    if len(data) > MAX_FILE_BYTES:
        return None, [_too_large(len(data), rel_path)]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        byte = data[exc.start:exc.start + 1].hex()
        return None, [SourceError(rel_path, line, f"not UTF-8 text: byte 0x{byte} cannot be read "
                                                  "(save the file as UTF-8)")]
    return text.removeprefix(BOM), []


class LimitedComposer:
    """Mixin for a PyYAML loader: compose with a nesting limit and a budget of
    values counted with aliases expanded."""

    def compose_document(self):
        self._depth = 0
        self._sizes: dict[int, int] = {}
        return super().compose_document()

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            node = self.anchors.get(event.anchor)
            if node is not None and id(node) not in self._sizes:
                raise LimitError("while reading an alias", event.start_mark,
                                 f"alias *{event.anchor} refers to a value that contains it", event.start_mark)
            return super().compose_node(parent, index)
        self._depth += 1
        if self._depth > MAX_DEPTH:
            mark = self.peek_event().start_mark
            raise LimitError(None, None, f"values nested more than {MAX_DEPTH} deep", mark)
        try:
            node = super().compose_node(parent, index)
        finally:
            self._depth -= 1
        size = 1
        if isinstance(node, yaml.SequenceNode):
            size += sum(self._sizes[id(child)] for child in node.value)
        elif isinstance(node, yaml.MappingNode):
            size += sum(self._sizes[id(k)] + self._sizes[id(v)] for k, v in node.value)
        if size > MAX_NODES:
            raise LimitError(None, None, f"more than {MAX_NODES:,} values once its aliases (*name) are "
                                         "expanded: write the values out, without aliases", node.start_mark)
        self._sizes[id(node)] = size
        return node


class MarkedConstructor:
    """Mixin for a PyYAML loader: a value that cannot be built (a date
    2025-13-25 raises ValueError in PyYAML) becomes an error at its line."""

    def construct_object(self, node, deep=False):
        try:
            return super().construct_object(node, deep)
        except (ValueError, TypeError, OverflowError) as exc:
            raise yaml.constructor.ConstructorError(None, None, str(exc), node.start_mark)


class LimitedLoader(LimitedComposer, MarkedConstructor, yaml.SafeLoader):
    pass


def yaml_problem(exc: yaml.YAMLError, text: str, rel_path: str, line_offset: int = 0,
                 what: str = "the file") -> SourceError:
    """A YAML error as `path:line: malformed YAML ...`; `line_offset` is the file
    line of the YAML text's first line, minus one."""
    line = 0
    if isinstance(exc, yaml.MarkedYAMLError):
        # The context mark points at where the broken construct starts (an
        # unclosed bracket or quote); the problem mark only where it was noticed.
        # A constructor's context is the whole mapping: its problem is the key.
        constructing = isinstance(exc, yaml.constructor.ConstructorError)
        mark = (exc.problem_mark or exc.context_mark) if constructing else (exc.context_mark or exc.problem_mark)
        problem = exc.problem or str(exc)
        line = mark.line if mark else 0
    elif isinstance(exc, yaml.reader.ReaderError):  # e.g. a NUL byte: a position, no line
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        problem = f"character U+{code:04X} is not allowed in YAML"
        line = text.count("\n", 0, exc.position)
    else:
        problem = str(exc)
    return SourceError(rel_path, line + 1 + line_offset, f"malformed YAML in {what}: {problem}")


def compose(text: str, rel_path: str, line_offset: int = 0, what: str = "the file",
            loader=LimitedLoader) -> tuple[yaml.Node | None, list[SourceError]]:
    """The YAML text's node tree (None for an empty document), or the error."""
    try:
        return yaml.compose(text, Loader=loader), []
    except yaml.YAMLError as exc:
        return None, [yaml_problem(exc, text, rel_path, line_offset, what)]
