"""The JSON Schemas of data/schema/, loaded once, with their shared definitions resolvable."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from jsonschema import Draft202012Validator
from referencing import Registry, Resource


@lru_cache(maxsize=None)
def _loaded(schema_dir: Path) -> tuple[Registry, dict[str, dict]]:
    registry = Registry()
    contents = {}
    for path in schema_dir.glob("*.schema.json"):
        schema = json.loads(path.read_text(encoding="utf-8"))
        registry = registry.with_resource(schema["$id"], Resource.from_contents(schema))
        contents[path.name] = schema
    return registry, contents


def validator(schema_dir: Path, name: str) -> Draft202012Validator:
    """A validator for the schema file `name` of `schema_dir`."""
    registry, contents = _loaded(schema_dir.resolve())
    return Draft202012Validator(contents[name], registry=registry)
