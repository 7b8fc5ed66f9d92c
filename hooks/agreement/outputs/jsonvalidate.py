"""Validate the JSON files of a built site against the repository's schemas.

Which schema a file answers to is decided by its path in the site; a file no
rule names (the search index, for one) is not open data and is skipped.

Two validators of the same schema: jsonschema-rs (compiled, some 200 times
faster: a site with 50 revisions has 1,225 diff files) says whether a file is
valid, and only for a file that is not does `jsonschema` say where and why,
in the messages editors see (it is imported only then: a tenth of a second
that a build with valid files need not pay).

A build may pass a cache of the files found valid before (`valid_before`):
its entries are named by a hash of the schema and the file's bytes, so a
file met again byte for byte is not parsed again (most files of a rebuild
are the previous build's, from the build cache)."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import jsonschema_rs

from agreement import urls
from agreement.build.cache import Cache, digest

SCHEMA_DIR = Path(__file__).resolve().parents[3] / "schemas"

# (site path pattern, schema file in SCHEMA_DIR)
SCHEMA_RULES = (
    (urls.JSON_PATTERNS["revision"], "revision.schema.json"),
    (urls.JSON_PATTERNS["diff"], "diff.schema.json"),
    (urls.JSON_PATTERNS["dcat"], "dcat.schema.json"),
)
DATA_SUFFIXES = (".json", ".jsonld")  # the files of a site that may be open data
# The schema of the JSON-LD in the pages (it has no file of its own: each page's
# JSON-LD is checked before the page is written).
LINKED_DATA_SCHEMA = "linked-data.schema.json"


@dataclass
class Report:
    checked: list[str] = field(default_factory=list)  # site paths validated
    errors: list[str] = field(default_factory=list)  # `path: where: what` lines


def schema_files(schema_dir: Path = SCHEMA_DIR) -> list[Path]:
    return sorted(schema_dir.glob("*.schema.json"))


def schema_for(site_path: str, schema_dir: Path = SCHEMA_DIR) -> Path | None:
    """The schema a site file must satisfy, or None when no schema exists for it."""
    for pattern, name in SCHEMA_RULES:
        if pattern.match(site_path):
            schema = schema_dir / name
            return schema if schema.exists() else None
    return None


MAX_MESSAGE = 160  # jsonschema quotes the whole offending value; keep lines readable


def _message(error) -> str:
    text = error.message
    # Keep the start (the value) and the end (what is wrong with it).
    return text if len(text) <= MAX_MESSAGE else text[:100] + " … " + text[-(MAX_MESSAGE - 103):]


def _where(error) -> str:
    return "$" + "".join(f"[{p!r}]" if isinstance(p, str) else f"[{p}]" for p in error.absolute_path)


@dataclass(frozen=True)
class Validator:
    schema: dict
    fast: object  # jsonschema_rs validator: is the document valid?

    def errors(self, data) -> list:
        """Every error, where and why (jsonschema's messages)."""
        from jsonschema import Draft202012Validator

        return sorted(Draft202012Validator(self.schema).iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))


def load_validator(schema: Path) -> Validator:
    document = json.loads(schema.read_text(encoding="utf-8"))
    jsonschema_rs.meta.validate(document)  # a schema that is not one fails here, not file by file
    return Validator(document, jsonschema_rs.validator_for(document))


def validate_file(path: Path, validator: Validator, shown_as: str) -> list[str]:
    return validate_bytes(path.read_bytes(), validator, shown_as)


def validate_bytes(raw: bytes, validator: Validator, shown_as: str) -> list[str]:
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        return [f"{shown_as}: not valid JSON: {exc}"]
    return validate_document(data, validator, shown_as)


def validate_document(data, validator: Validator, shown_as: str) -> list[str]:
    """Errors of a document made in memory (a page's JSON-LD), as `validate_file`'s."""
    if validator.fast.is_valid(data):
        return []
    return [f"{shown_as}: {_where(e)}: {_message(e)}" for e in validator.errors(data)]


def validate_site(site_dir: Path, schema_dir: Path = SCHEMA_DIR, shown_prefix: str = "site",
                  valid_before: Cache | None = None) -> Report:
    """Validate every JSON file under `site_dir` that has a schema (a file
    `valid_before` knows byte for byte, against the same schema, is valid)."""
    report = Report()
    validators: dict[Path, Validator] = {}
    schema_digests: dict[Path, str] = {}
    data_files = (p for p in Path(site_dir).rglob("*.json*") if p.suffix in DATA_SUFFIXES)
    for path in sorted(data_files):
        site_path = path.relative_to(site_dir).as_posix()
        schema = schema_for(site_path, schema_dir)
        if schema is None:
            continue
        if schema not in validators:
            try:
                validators[schema] = load_validator(schema)
            except (json.JSONDecodeError, jsonschema_rs.ValidationError) as exc:
                report.errors.append(f"{schema}: not a valid JSON Schema: {exc}")
                return report
        report.checked.append(site_path)
        raw = path.read_bytes()
        known = None
        if valid_before is not None:
            if schema not in schema_digests:
                schema_digests[schema] = digest(schema.read_bytes())
            known = digest(schema_digests[schema], raw)
            if valid_before.has(known):
                continue
        errors = validate_bytes(raw, validators[schema], f"{shown_prefix}/{site_path}")
        report.errors.extend(errors)
        if known is not None and not errors:
            valid_before.put(known, b"")
    return report
