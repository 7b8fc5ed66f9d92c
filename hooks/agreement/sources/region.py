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

from agreement.model.errors import SourceError
from agreement.sources.html_allowlist import link_url_problem

# key path -> what the value must be
REQUIRED = {
    "site_name": "text",
    "site_description": "text",
    "site_url": "text",
    "repo_url": "text",
    "extra.region.name": "text",
    "extra.region.county": "text",
    "extra.region.municipalities": "list of text",
    "extra.contacts": "list of contacts",
}
CONTACT_KEYS = ("name", "text", "url", "email", "phone")
# Mappings whose every key is the region's own: MkDocs deep-merges `extra` from
# an inherited config, so a key set only there would leak into this site.
REGION_MAPPINGS = ("extra.region", "extra.comments")  # where comments go is a region's own


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


def _compose(config_file: Path, path: str):
    try:
        root = yaml.compose(Path(config_file).read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        return None, [SourceError(path, mark.line + 1 if mark else 1, f"malformed YAML: {exc.problem}")]
    if not isinstance(root, yaml.MappingNode):
        return None, [SourceError(path, 1, "the config file must be a mapping of settings")]
    return root, []


def _find(root, key: str):
    """(node, line, found): the node at a dotted key, or the deepest ancestor's line."""
    node, line = root, 1
    for part in key.split("."):
        key_node, value = _mapping_get(node, part) if isinstance(node, yaml.MappingNode) else (None, None)
        if key_node is None:
            return None, line, False
        node, line = value, key_node.start_mark.line + 1
    return node, line, True


def _link_errors(root, path: str) -> list[SourceError]:
    """The region's links become `<a href>` on every page: the allowlist's rule."""
    nodes = [_find(root, "extra.region.cooperation_page")[0]]
    contacts = _find(root, "extra.contacts")[0]
    if isinstance(contacts, yaml.SequenceNode):
        nodes += [_mapping_get(c, "url")[1] for c in contacts.value if isinstance(c, yaml.MappingNode)]
    return [SourceError(path, node.start_mark.line + 1, problem) for node in nodes
            if isinstance(node, yaml.ScalarNode) and (problem := link_url_problem(node.value))]


def _inherited_keys(config_file: Path, root) -> tuple[str | None, list[str]]:
    """The inherited config's name and the keys of its REGION_MAPPINGS."""
    inherit = _mapping_get(root, "INHERIT")[1]
    if not isinstance(inherit, yaml.ScalarNode):
        return None, []
    parent_file = Path(config_file).parent / inherit.value
    parent = _compose(parent_file, inherit.value)[0] if parent_file.exists() else None
    keys = []
    for mapping in REGION_MAPPINGS:
        node = _find(parent, mapping)[0] if parent is not None else None
        if isinstance(node, yaml.MappingNode):
            keys.extend(f"{mapping}.{k.value}" for k, _ in node.value)
    return inherit.value, keys


def check_region_config(config_file: Path, shown_as: str | None = None) -> list[SourceError]:
    """Every missing, malformed or inherited region setting of one config file."""
    path = shown_as or str(config_file)
    root, errors = _compose(config_file, path)
    if root is None:
        return errors
    inherited_from, inherited = _inherited_keys(config_file, root)
    hint = " (region settings are not inherited: state them in this file)" if inherited_from else ""
    for key, kind in REQUIRED.items():
        node, line, found = _find(root, key)
        if not found:
            errors.append(SourceError(path, line, f"missing key {key}{hint}"))
        else:
            errors.extend(_check_value(kind, key, node, line, path))
    errors.extend(_link_errors(root, path))
    for key in inherited:
        _node, line, found = _find(root, key)
        if not found and key not in REQUIRED:
            errors.append(SourceError(path, line, f"{key} is set only in the inherited {inherited_from}: "
                                                  "region settings are not inherited, state it in this file"))
    return errors


def key_line(config_file: Path, key: str) -> int:
    """Line of the first `key:` in a YAML file, for `path:line:` messages."""
    for number, line in enumerate(Path(config_file).read_text(encoding="utf-8").splitlines(), 1):
        if line.strip().startswith(f"{key}:"):
            return number
    return 1
