"""The settings that make the site one region's: checked in the config file
itself, each problem as `path:line: message`.

Region settings are never taken from an inherited config (`INHERIT:`): a region
that reuses another's settings must state its own name, municipalities,
contacts and URL, or the site would silently speak of the other region. So the
check reads the file being built and nothing it inherits.

PyYAML's `compose` gives nodes with line numbers without constructing values,
so MkDocs' own tags (`!ENV`, `!relative`, `!!python/name:`) need no loader."""
from __future__ import annotations

from pathlib import Path

import yaml

from .errors import SourceError

# key path -> what the value must be
REQUIRED = {
    "site_name": "text",
    "site_url": "text",
    "extra.region.name": "text",
    "extra.region.county": "text",
    "extra.region.municipalities": "list of text",
    "extra.contacts": "list of contacts",
}
CONTACT_KEYS = ("name", "text", "url", "email", "phone")


def _mapping_get(node: yaml.MappingNode, key: str):
    for key_node, value_node in node.value:
        if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
            return key_node, value_node
    return None, None


def _is_text(node) -> bool:
    if isinstance(node, yaml.ScalarNode):
        return bool(node.value.strip()) and node.tag != "tag:yaml.org,2002:null"
    # `!ENV [NAME, default]` is text once MkDocs resolves it.
    return node.tag == "!ENV"


def _check_value(kind: str, key: str, node, line: int, path: str) -> list[SourceError]:
    def err(message: str, at: int = line) -> list[SourceError]:
        return [SourceError(path, at, message)]

    if kind == "text":
        return [] if _is_text(node) else err(f"{key} must be non-empty text")
    if not isinstance(node, yaml.SequenceNode) or not node.value:
        return err(f"{key} must be a non-empty list ({kind})")
    errors: list[SourceError] = []
    for item in node.value:
        at = item.start_mark.line + 1
        if kind == "list of text" and not _is_text(item):
            errors += err(f"{key}: every item must be non-empty text", at)
        elif kind == "list of contacts":
            if not isinstance(item, yaml.MappingNode):
                errors += err(f"{key}: every contact must be a mapping with keys {', '.join(CONTACT_KEYS)}", at)
                continue
            _, name = _mapping_get(item, "name")
            if name is None or not _is_text(name):
                errors += err(f"{key}: a contact lacks 'name'", at)
            for key_node, _ in item.value:
                if key_node.value not in CONTACT_KEYS:
                    errors += err(f"{key}: unknown contact key '{key_node.value}' (allowed: {', '.join(CONTACT_KEYS)})",
                                  key_node.start_mark.line + 1)
    return errors


def check_region_config(config_file: Path, shown_as: str | None = None) -> list[SourceError]:
    """Every missing or malformed region setting of one config file."""
    path = shown_as or str(config_file)
    try:
        root = yaml.compose(Path(config_file).read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        return [SourceError(path, mark.line + 1 if mark else 1, f"malformed YAML: {exc.problem}")]
    if not isinstance(root, yaml.MappingNode):
        return [SourceError(path, 1, "the config file must be a mapping of settings")]
    inherits = _mapping_get(root, "INHERIT")[1] is not None
    errors: list[SourceError] = []
    for key, kind in REQUIRED.items():
        node, line = root, 1
        for part in key.split("."):
            key_node, value = _mapping_get(node, part) if isinstance(node, yaml.MappingNode) else (None, None)
            if key_node is None:
                hint = " (region settings are not inherited: state them in this file)" if inherits else ""
                errors.append(SourceError(path, line, f"missing key {key}{hint}"))
                break
            node, line = value, key_node.start_mark.line + 1
        else:
            errors.extend(_check_value(kind, key, node, line, path))
    return errors
