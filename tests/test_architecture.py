"""The package's layering, read from its own docstrings: no part imports MkDocs,
each part imports only what its docstring's `May import:` line allows, and
among the hooks and scripts only the event modules and the one config adapter
(hooks/site_context.py) import MkDocs."""
from __future__ import annotations

import ast
import re
from pathlib import Path

import yaml

from conftest import ROOT

PACKAGE = ROOT / "hooks" / "agreement"
RE_MAY_IMPORT = re.compile(r"May import:\s*(.*?)\.(?:\s|$)", re.S)
RE_SHARED = re.compile(r"Every part may import (.*?)\.(?:\s|$)", re.S)
RE_TOP_MODULE = re.compile(r"^- (\w+):", re.M)


def imported_modules(path: Path) -> list[tuple[int, str]]:
    """(line, dotted name) of every import in a file; `from a import b` gives
    `a.b`, so `from agreement import urls` names the module it imports."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{path}:{node.lineno}: a relative import; write it in full"
            found.extend((node.lineno, f"{node.module}.{alias.name}") for alias in node.names)
    return found


def names(listed: str) -> set[str]:
    """`model, text, build (why)` -> {model, text, build}; `nothing ...` -> {}."""
    listed = re.sub(r"\([^)]*\)", "", listed).strip()
    if listed.startswith("nothing"):
        return set()
    return {n.strip() for n in re.split(r",|\band\b", listed) if n.strip()}


def rules() -> tuple[dict[str, set[str]], set[str]]:
    """What each part (subpackage or top module) may import, and what every part may."""
    allowed = {}
    for init in sorted(PACKAGE.glob("*/__init__.py")):
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))) or ""
        found = RE_MAY_IMPORT.search(doc)
        assert found, f"{init.relative_to(ROOT)}: its docstring has no 'May import:' line"
        allowed[init.parent.name] = names(found.group(1))
    package_doc = ast.get_docstring(ast.parse((PACKAGE / "__init__.py").read_text(encoding="utf-8")))
    entries = RE_TOP_MODULE.split(package_doc)[1:]
    for module, text in zip(entries[::2], entries[1::2]):
        allowed[module] = names(RE_MAY_IMPORT.search(text).group(1))
    return allowed, names(RE_SHARED.search(package_doc).group(1))


def part_of(path: Path) -> str:
    relative = path.relative_to(PACKAGE)
    return relative.parts[0] if len(relative.parts) > 1 else relative.stem


def test_the_rules_are_read_from_the_docstrings():
    allowed, shared = rules()
    assert shared == {"urls", "labels"}
    assert allowed["model"] == allowed["build"] == allowed["urls"] == allowed["labels"] == set()
    assert allowed["text"] == {"model"}
    assert allowed["page"] == {"model", "text", "sources", "diff", "links", "outputs"}
    parts = {part_of(p) for p in PACKAGE.rglob("*.py")} - {"__init__"}
    assert parts == set(allowed), "every part of the package states what it may import"


def test_no_module_of_the_package_imports_mkdocs():
    found = [f"{path.relative_to(ROOT)}:{line}: {name}"
             for path in sorted(PACKAGE.rglob("*.py"))
             for line, name in imported_modules(path) if name.split(".")[0] == "mkdocs"]
    assert found == []


def test_each_part_imports_only_what_its_docstring_allows():
    allowed, shared = rules()
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        part = part_of(path)
        if part == "__init__":
            continue
        for line, name in imported_modules(path):
            dotted = name.split(".")
            if dotted[0] != "agreement":
                continue
            target = dotted[1] if len(dotted) > 1 else "agreement"
            if target != part and target not in allowed[part] | shared:
                found.append(f"{path.relative_to(ROOT)}:{line}: {part} imports {target} ({name})")
    assert found == [], "\n".join(found)


def test_only_the_event_modules_and_the_config_adapter_import_mkdocs():
    class Tags(yaml.SafeLoader):
        pass

    Tags.add_multi_constructor("!", lambda loader, suffix, node: None)
    Tags.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Tags)
    may = {ROOT / hook for hook in config["hooks"]} | {ROOT / "hooks" / "site_context.py"}
    importers = {path for folder in ("hooks", "scripts") for path in (ROOT / folder).rglob("*.py")
                 if any(name.split(".")[0] == "mkdocs" for _, name in imported_modules(path))}
    assert importers - may == set()
    assert ROOT / "hooks" / "site_context.py" in importers, "the test sees imports inside functions"
