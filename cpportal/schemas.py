"""The JSON Schemas, loaded once, with their shared definitions resolvable: the package's own
(cpportal/schema/), each replaced by the portal's file of the same name in data/schema/ if it
brings one. A portal made by `python -m cpportal new` brings none, so it never drifts."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import jsonschema_rs
from jsonschema import Draft202012Validator
from referencing import Registry, Resource


PACKAGE = Path(__file__).resolve().parent / "schema"


def _files(schema_dir: Path) -> tuple[Path, ...]:
    """The schema files in force: the package's, each replaced by the portal's of its name."""
    files = {path.name: path for folder in (PACKAGE, schema_dir.resolve())
             for path in sorted(folder.glob("*.schema.json"))}
    return tuple(files.values())


@lru_cache(maxsize=None)
def _loaded(files: tuple[Path, ...]) -> tuple[Registry, dict[str, dict]]:
    registry = Registry()
    contents = {}
    for path in files:
        schema = json.loads(path.read_text(encoding="utf-8"))
        registry = registry.with_resource(schema["$id"], Resource.from_contents(schema))
        contents[path.name] = schema
    return registry, contents


def _inline(value, defs: dict):
    """The schema with references to the shared definitions written out in place."""
    if isinstance(value, dict):
        ref = value.get("$ref", "")
        if ref.startswith("common.schema.json#/$defs/"):
            rest = {k: v for k, v in value.items() if k != "$ref"}
            return {**_inline(defs[ref.rsplit("/", 1)[1]], defs), **_inline(rest, defs)}
        return {k: _inline(v, defs) for k, v in value.items() if k not in ("$schema", "$id")}
    if isinstance(value, list):
        return [_inline(item, defs) for item in value]
    return value


def quick_check(schema_dir: Path, name: str):
    """A compiled yes/no check of the schema `name` (Rust, `.is_valid(data)`): fast on the valid
    files that are the rule; a file it rejects is then explained by `validator`."""
    return _compiled(_files(schema_dir), name)


@lru_cache(maxsize=None)
def _compiled(files: tuple[Path, ...], name: str):
    _, contents = _loaded(files)
    return jsonschema_rs.validator_for(
        _inline(contents[name], contents["common.schema.json"]["$defs"]))


def validator(schema_dir: Path, name: str) -> Draft202012Validator:
    """A validator for the schema file `name` (the portal's in `schema_dir`, else the
    package's)."""
    registry, contents = _loaded(_files(schema_dir))
    return Draft202012Validator(contents[name], registry=registry)
