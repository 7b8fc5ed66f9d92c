"""Reading a Markdown source: front matter with line numbers, and a checker that
collects typed-value errors as `path:line: message`.

python-frontmatter splits the file; PyYAML's node API gives each key its line."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import yaml
from frontmatter.default_handlers import YAMLHandler

from agreement.model.dates import PartialDate
from agreement.model.errors import SourceError

_HANDLER = YAMLHandler()


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


def read_front_matter(path: Path, rel_path: str) -> tuple[FrontMatter | None, list[SourceError]]:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        return None, [SourceError(rel_path, 1, f"not UTF-8 text: {exc}")]
    if not _HANDLER.detect(text):
        return None, [SourceError(rel_path, 1, "no front matter: the file must start with a '---' line and YAML keys")]
    fm_text, body = _HANDLER.split(text)
    head = text[: len(text) - len(body)]
    body_line = head.count("\n") + 1
    # Lines before the YAML text starts: a node on YAML line n (0-based) is on
    # file line n + 1 + fm_offset.
    fm_offset = text[: text.index(fm_text)].count("\n") if fm_text else 1
    try:
        node = yaml.compose(fm_text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        # The context mark points at where the broken construct starts (an
        # unclosed bracket or quote); the problem mark only where it was noticed.
        mark = exc.context_mark or exc.problem_mark
        line = mark.line + 1 + fm_offset if mark else 1
        problem = exc.problem or str(exc)
        return None, [SourceError(rel_path, line, f"malformed YAML in front matter: {problem}")]
    if node is None:
        return FrontMatter(rel_path, {}, {}, {}, body, body_line), []
    if not isinstance(node, yaml.MappingNode):
        return None, [SourceError(rel_path, node.start_mark.line + 1 + fm_offset, "front matter must be a mapping of keys to values")]
    data: dict[str, Any] = {}
    key_lines: dict[str, int] = {}
    value_nodes: dict[str, yaml.Node] = {}
    errors: list[SourceError] = []
    constructor = yaml.SafeLoader("")
    for key_node, value_node in node.value:
        line = key_node.start_mark.line + 1 + fm_offset
        key = key_node.value
        if key in data:
            errors.append(SourceError(rel_path, line, f"duplicate key '{key}' (first on line {key_lines[key]})"))
            continue
        try:
            data[key] = constructor.construct_object(value_node, deep=True)
        except (yaml.YAMLError, ValueError) as exc:  # ValueError: e.g. a date 2025-13-25
            errors.append(SourceError(rel_path, line, f"bad value for '{key}': {exc}"))
            continue
        key_lines[key] = line
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
