"""The JSON Schema (draft 2020-12) of the :func:`~dmpcore.dlu.to_dict` form, generated from the models.

``scripts/gen_dlu_schema.py`` writes it to ``schemas/dlu.schema.json``; a test checks the file is fresh.
"""

from __future__ import annotations

import datetime as dt
import enum
import types
import typing
from decimal import Decimal
from typing import Any

import attrs

from dmpcore.dlu._base import Origin
from dmpcore.dlu._document import AnySection, Document
from dmpcore.dlu._entries import Entry
from dmpcore.dlu._registry import DocumentKind, SectionKind
from dmpcore.identity import Ins

__all__ = ["SCHEMA_ID", "json_schema"]

SCHEMA_ID = "https://dmpcore.invalid/schemas/dlu.schema.json"
_BY_NAME = (DocumentKind, SectionKind)


def json_schema() -> dict[str, Any]:
    """The JSON Schema of ``to_dict(document)``."""
    defs: dict[str, Any] = {}
    root = _schema_of(Document, defs)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "dmpcore DLU-family document (to_dict form)",
        **root,
        "$defs": dict(sorted(defs.items())),
    }


def _schema_of(tp: Any, defs: dict[str, Any]) -> dict[str, Any]:
    simple = _simple(tp)
    if simple is not None:
        return simple
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        return _union(tp, defs)
    if origin is tuple:
        return {"type": "array", "items": _schema_of(typing.get_args(tp)[0], defs)}
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        values = [m.name for m in tp] if tp in _BY_NAME else [m.value for m in tp]
        return {"enum": values}
    if tp is Ins:
        return _object({"value": {"type": "string"}, "oid": {"type": "string"}}, ["value", "oid"])
    if tp is Origin:
        members = {"type": "integer", "minimum": 1}
        return _object(
            {"xml": {"type": "string"}, "member": {"type": "integer", "minimum": 0}, "members": members}, ["xml"]
        )
    if attrs.has(tp):
        return _class(tp, defs)
    raise TypeError(f"no JSON Schema for {tp!r}")


def _simple(tp: Any) -> dict[str, Any] | None:
    table: dict[Any, dict[str, Any]] = {
        str: {"type": "string"},
        int: {"type": "integer"},
        bool: {"type": "boolean"},
        type(None): {"type": "null"},
        Decimal: {"type": "string", "pattern": r"^-?\d+(\.\d+)?$"},
        dt.datetime: {"type": "string", "format": "date-time"},
        dt.date: {"type": "string", "format": "date"},
        bytes: {"type": "string", "contentEncoding": "base64"},
        object: {},
    }
    return table.get(tp)


def _object(properties: dict[str, Any], required: list[str]) -> dict[str, Any]:
    return {"type": "object", "properties": properties, "required": required, "additionalProperties": False}


def _tagged(tp: type, defs: dict[str, Any]) -> dict[str, Any]:
    ref = _schema_of(tp, defs)
    name = tp.__name__
    if "type" not in defs[name]["properties"]:
        defs[name]["properties"]["type"] = {"const": name}
        defs[name]["required"].append("type")
    return ref


def _union(tp: Any, defs: dict[str, Any]) -> dict[str, Any]:
    args = typing.get_args(tp)
    if tp in (Entry, AnySection) or set(args) == set(typing.get_args(Entry)):
        return {"oneOf": [_tagged(arg, defs) for arg in args]}
    return {"anyOf": [_schema_of(arg, defs) for arg in args]}


def _class(cls: type, defs: dict[str, Any]) -> dict[str, Any]:
    name = cls.__name__
    if name not in defs:
        defs[name] = {}  # placeholder against recursion
        hints = typing.get_type_hints(cls)
        properties: dict[str, Any] = {}
        required: list[str] = []
        for field in attrs.fields(cls):
            if field.name == "origin":
                properties["origin"] = _schema_of(Origin, defs)
                continue
            properties[field.name] = _schema_of(hints[field.name], defs)
            if field.default is attrs.NOTHING:
                required.append(field.name)
        schema = _object(properties, required)
        if cls.__doc__:
            schema["description"] = cls.__doc__.strip().split("\n\n")[0].replace("\n", " ")
        defs[name] = schema
    return {"$ref": f"#/$defs/{name}"}
