"""The JSON Schemas, loaded once, with their shared definitions resolvable: the package's own
(cpportal/schema/), each replaced by the portal's file of the same name in data/schema/ if it
brings one. A portal made by `python -m cpportal new` brings none, so it never drifts."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

import jsonschema_rs
from jsonschema import Draft202012Validator, ValidationError, validators
from referencing import Registry, Resource


PACKAGE = Path(__file__).resolve().parent / "schema"


def _files(schema_dir: Path) -> tuple[Path, ...]:
    """The schema files in force: the package's, each replaced by the portal's of its name."""
    files = {path.name: path for folder in (PACKAGE, schema_dir.resolve())
             for path in sorted(folder.glob("*.schema.json"))}
    return tuple(files.values())


@lru_cache(maxsize=None)
def _ecma(pattern: str) -> re.Pattern:
    """`pattern` as JSON Schema (ECMA-262) reads it: `$` ends the text. Python's `$` also
    matches before a final newline, which let 'camp-26\\n' pass as an id."""
    return re.compile(re.sub(r"(?<!\\)\$", r"\\Z", pattern))


def _pattern(validator, pattern, instance, schema):
    if validator.is_type(instance, "string") and not _ecma(pattern).search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


# An integer is a whole number written as one: 90.0 passes JSON Schema's own integer type,
# and would escape every check that compares numbers.
_Validator = validators.extend(
    Draft202012Validator, validators={"pattern": _pattern},
    type_checker=Draft202012Validator.TYPE_CHECKER.redefine(
        "integer", lambda _, value: isinstance(value, int) and not isinstance(value, bool)))


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


def is_valid(schema_dir: Path, name: str, doc) -> bool:
    """A fast yes/no check of a document's data against the schema `name`: true for the valid
    files that are the rule; a file it rejects is then explained by `validator`. Data holding
    a float always takes `validator`, which alone tells 90.0 from an integer."""
    return not doc.floats and _compiled(_files(schema_dir), name).is_valid(doc.data)


@lru_cache(maxsize=None)
def _compiled(files: tuple[Path, ...], name: str):
    """A compiled yes/no check of the schema `name` (Rust, `.is_valid(data)`)."""
    _, contents = _loaded(files)
    return jsonschema_rs.validator_for(
        _inline(contents[name], contents["common.schema.json"]["$defs"]))


def validator(schema_dir: Path, name: str) -> Draft202012Validator:
    """A validator for the schema file `name` (the portal's in `schema_dir`, else the
    package's)."""
    registry, contents = _loaded(_files(schema_dir))
    return _Validator(contents[name], registry=registry)
