"""Reading a YAML data file (`data/*.yml`) so that every mapping remembers the
line it starts on and the line of each key: errors in data files are reported
as `path:line: message`, like errors in front matter. The file is decoded and
composed by `safeyaml`, with its limits."""
from __future__ import annotations

from pathlib import Path

import yaml

from agreement.model.errors import SourceError
from agreement.sources.safeyaml import LimitedComposer, MarkedConstructor, read_source, yaml_problem


class LineDict(dict):
    """A mapping from YAML that knows where it stands in its file."""

    line: int = 1
    key_lines: dict  # key as read (a YAML `NO` is False) -> line

    def line_of(self, key) -> int:
        return getattr(self, "key_lines", {}).get(key, self.line)


class _LineLoader(LimitedComposer, MarkedConstructor, yaml.SafeLoader):
    pass


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode):
    data = LineDict()
    data.line = node.start_mark.line + 1
    yield data
    data.update(loader.construct_mapping(node, deep=True))
    data.key_lines = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=True)
        data.key_lines.setdefault(key, key_node.start_mark.line + 1)


_LineLoader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)


def read_yaml(path: Path, rel_path: str) -> tuple[object, list[SourceError]]:
    """The file's data (mappings as LineDict), or None and the error."""
    text, errors = read_source(path, rel_path)
    if text is None:
        return None, errors
    try:
        return yaml.load(text, Loader=_LineLoader), []
    except yaml.YAMLError as exc:
        return None, [yaml_problem(exc, text, rel_path)]
