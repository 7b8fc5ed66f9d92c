"""Reading a Markdown source: front matter with line numbers, and a checker that
collects typed-value errors as `path:line: message`.

The file is split here (a first line `---`, YAML, a closing `---` line) and the
YAML composed by `safeyaml` with its limits; PyYAML's node API gives each key
its line."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import yaml

from agreement.model.dates import PartialDate
from agreement.model.errors import SourceError
from agreement.sources.safeyaml import LimitedLoader, compose, read_source

RE_BOUNDARY = re.compile(r"^-{3,}[ \t]*$")
# WeasyPrint breaks a paragraph into lines in time that grows faster than its
# length (a 540,000-character paragraph took 13 s of PDF rendering, 5 MB never
# finished); the longest paragraph of the sources today has about 3,000.
MAX_PARAGRAPH_CHARS = 20_000


@dataclass
class FrontMatter:
    path: str
    data: dict
    key_lines: dict[str, int]
    value_nodes: dict[str, yaml.Node]
    body: str
    body_line: int  # line number of the body's first line in the file
    yaml_offset: int = 1  # file line of YAML line 0, minus one

    def line(self, key: str | None = None) -> int:
        return self.key_lines.get(key, 1) if key else 1


def split_front_matter(text: str, rel_path: str) -> tuple[str, str, int] | SourceError:
    """(YAML text, body, line of the body's first line), or the error."""
    lines = text.split("\n")
    if not lines or not RE_BOUNDARY.match(lines[0]):
        return SourceError(rel_path, 1, "no front matter: the file must start with a '---' line and YAML keys")
    closing = next((i for i in range(1, len(lines)) if RE_BOUNDARY.match(lines[i])), None)
    if closing is None:
        return SourceError(rel_path, 1, "the front matter that starts here never closes: "
                                        "end it with a '---' line after the last key")
    return "\n".join(lines[1:closing]), "\n".join(lines[closing + 1:]), closing + 2


def long_paragraphs(body: str, body_line: int, rel_path: str) -> list[SourceError]:
    """Paragraphs (text between blank lines) beyond MAX_PARAGRAPH_CHARS."""
    errors, start, size = [], None, 0
    for number, line in enumerate(body.split("\n") + [""], body_line):
        if line.strip():
            start, size = (number if start is None else start), size + len(line) + 1
            continue
        if start is not None and size > MAX_PARAGRAPH_CHARS:
            errors.append(SourceError(rel_path, start, f"paragraph of {size:,} characters; at most "
                                                       f"{MAX_PARAGRAPH_CHARS:,}: split it with blank lines"))
        start, size = None, 0
    return errors


def read_front_matter(path: Path, rel_path: str) -> tuple[FrontMatter | None, list[SourceError]]:
    text, errors = read_source(path, rel_path)
    if text is None:
        return None, errors
    split = split_front_matter(text, rel_path)
    if isinstance(split, SourceError):
        return None, [split]
    fm_text, body, body_line = split
    fm_offset = 1  # YAML line 0 is file line 2
    node, errors = compose(fm_text, rel_path, fm_offset, "front matter")
    if errors:
        return None, errors
    errors = long_paragraphs(body, body_line, rel_path)
    if node is None:
        return FrontMatter(rel_path, {}, {}, {}, body, body_line, fm_offset), errors
    if not isinstance(node, yaml.MappingNode):
        return None, [SourceError(rel_path, node.start_mark.line + 1 + fm_offset, "front matter must be a mapping of keys to values")]
    data: dict[str, Any] = {}
    key_lines: dict[str, int] = {}
    value_nodes: dict[str, yaml.Node] = {}
    constructor = LimitedLoader("")
    for key_node, value_node in node.value:
        line = key_node.start_mark.line + 1 + fm_offset
        if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != "tag:yaml.org,2002:str":
            errors.append(SourceError(rel_path, line, "a key must be a plain word, e.g. title:"))
            continue
        key = key_node.value
        if key in data or key in key_lines:
            errors.append(SourceError(rel_path, line, f"duplicate key '{key}' (first on line {key_lines[key]})"))
            continue
        key_lines[key] = line
        try:
            data[key] = constructor.construct_object(value_node, deep=True)
        except yaml.YAMLError as exc:  # e.g. a date 2025-13-25
            problem = exc.problem if isinstance(exc, yaml.MarkedYAMLError) and exc.problem else str(exc)
            errors.append(SourceError(rel_path, line, f"bad value for '{key}': {problem}"))
            continue
        value_nodes[key] = value_node
    return FrontMatter(rel_path, data, key_lines, value_nodes, body, body_line, fm_offset), errors


@dataclass
class Checker:
    """Typed access to front matter values; every problem becomes a SourceError."""

    fm: FrontMatter
    errors: list[SourceError] = field(default_factory=list)

    def error(self, key: str | None, message: str, line: int | None = None) -> None:
        self.errors.append(SourceError(self.fm.path, line or self.fm.line(key), message))

    def keys(self, required: tuple[str, ...], optional: tuple[str, ...]) -> None:
        allowed = set(required) | set(optional)
        for key in self.fm.data:
            if key not in allowed:
                self.error(key, f"unknown key '{key}' (allowed: {', '.join(sorted(allowed))})")
        for key in required:
            if key not in self.fm.data:
                self.error(None, f"missing required key '{key}'")

    def string(self, key: str, required: bool = True) -> str | None:
        value = self.fm.data.get(key)
        if value is None:
            return None
        if not isinstance(value, str) or not value.strip():
            hint = f" (quote it: {key}: \"{value}\")" if isinstance(value, (int, float)) else ""
            self.error(key, f"'{key}' must be a non-empty string, got {type(value).__name__}{hint}")
            return None
        return value.strip()

    def choice(self, key: str, choices: tuple[str, ...]) -> str | None:
        value = self.string(key)
        if value is not None and value not in choices:
            self.error(key, f"unknown {key} '{value}' (one of: {', '.join(choices)})")
            return None
        return value

    def date(self, key: str, value: Any, line: int | None = None) -> PartialDate | None:
        try:
            return PartialDate.parse(value)
        except ValueError as exc:
            self.error(key, f"'{key}': {exc}", line)
            return None

    def item_line(self, key: str, index: int) -> int:
        node = self.fm.value_nodes.get(key)
        if isinstance(node, yaml.SequenceNode) and index < len(node.value):
            return node.value[index].start_mark.line + 1 + self.fm.yaml_offset
        return self.fm.line(key)

    def mapping(self, key: str, value: Any, required: tuple[str, ...], optional: tuple[str, ...],
                line: int | None = None) -> dict | None:
        if not isinstance(value, dict):
            self.error(key, f"'{key}' must be a mapping with keys {', '.join(required + optional)}", line)
            return None
        ok = True
        for k in value:
            if k not in required + optional:
                self.error(key, f"'{key}' has unknown key '{k}' (allowed: {', '.join(required + optional)})", line)
                ok = False
        for k in required:
            if k not in value:
                self.error(key, f"'{key}' lacks required key '{k}'", line)
                ok = False
        return value if ok else None

    def list_of(self, key: str, parse_item: Callable[[Any, int], Any]) -> tuple:
        value = self.fm.data.get(key)
        if value is None:
            return ()
        if not isinstance(value, list):
            self.error(key, f"'{key}' must be a list")
            return ()
        items = []
        for i, item in enumerate(value):
            parsed = parse_item(item, self.item_line(key, i))
            if parsed is not None:
                items.append(parsed)
        return tuple(items)
