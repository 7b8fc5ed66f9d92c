"""Reading a YAML data file (`data/*.yml`) so that every mapping remembers the
line it starts on and the line of each key: errors in data files are reported
as `path:line: message`, like errors in front matter."""
from __future__ import annotations

from pathlib import Path

import yaml

from agreement.model.errors import SourceError


class LineDict(dict):
    """A mapping from YAML that knows where it stands in its file."""

    line: int = 1
    key_lines: dict

    def line_of(self, key: str) -> int:
        return getattr(self, "key_lines", {}).get(key, self.line)


class _LineLoader(yaml.SafeLoader):
    pass


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode):
    data = LineDict()
    data.line = node.start_mark.line + 1
    data.key_lines = {k.value: k.start_mark.line + 1 for k, _ in node.value if isinstance(k, yaml.ScalarNode)}
    yield data
    data.update(loader.construct_mapping(node, deep=True))


_LineLoader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)


def read_yaml(path: Path, rel_path: str) -> tuple[object, list[SourceError]]:
    """The file's data (mappings as LineDict), or None and the error."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None, [SourceError(rel_path, 1, "file is missing")]
    except UnicodeDecodeError as exc:
        return None, [SourceError(rel_path, 1, f"not UTF-8 text: {exc}")]
    try:
        return yaml.load(text, Loader=_LineLoader), []
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        return None, [SourceError(rel_path, mark.line + 1 if mark else 1, f"malformed YAML: {exc.problem or exc}")]
