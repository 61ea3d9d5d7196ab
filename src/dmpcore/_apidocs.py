"""The API reference of ``docs/api.md``, generated from each public module's ``__all__`` and docstrings.

Nothing here is hand-written about the API itself: a name added to a module's ``__all__`` appears in
the reference, a name removed disappears, and ``tests/test_docs_generated.py`` fails until the page
is regenerated (``python -m dmpcore._docgen``).
"""

from __future__ import annotations

import enum
import importlib
import inspect
import re
from types import ModuleType

__all__ = ["MODULES", "cli_reference", "error_codes", "reference"]

#: a summary longer than this keeps its first sentence only
_LONG = 160
#: a Sphinx role such as :func:`~dmpcore.cda.to_cda`, shown as plain code
_ROLE = re.compile(r":\w+:`~?([^`]+)`")

#: the public modules, in the order a reader meets them
MODULES = (
    "dmpcore.identity",
    "dmpcore.consent",
    "dmpcore.visibility",
    "dmpcore.dlu",
    "dmpcore.cda",
    "dmpcore.valuesets",
    "dmpcore.validation",
    "dmpcore.xds",
    "dmpcore.xds.constants",
    "dmpcore.codes",
    "dmpcore.oids",
    "dmpcore.errors",
)


def _summary(obj: object) -> str:
    """The first sentence line of *obj*'s own docstring, escaped for a Markdown table."""
    doc = inspect.getdoc(obj) or ""
    first = doc.strip().split("\n\n", 1)[0].replace("\n", " ").strip()
    if len(first) > _LONG and ". " in first:
        first = first.split(". ", 1)[0] + "."
    first = _ROLE.sub(r"`\1`", first).replace("``", "`")
    return first.replace("|", "\\|")


def _kind(obj: object) -> str:
    if inspect.isclass(obj):
        if issubclass(obj, BaseException):
            return "exception"
        if issubclass(obj, enum.Enum):
            return "enum"
        return "class"
    if callable(obj):
        return "function"
    return "constant"


def _describe(name: str, obj: object) -> tuple[str, str]:
    kind = _kind(obj)
    if kind == "function":
        return kind, f"`{name}{_signature(obj)}`"
    return kind, f"`{name}`"


def _signature(function: object) -> str:
    """The parameters of *function*, without annotations, long defaults shortened: ``(source, *, kit=None)``."""
    signature = inspect.signature(function)  # type: ignore[arg-type]
    parameters = [
        parameter.replace(annotation=inspect.Parameter.empty, default=_short_default(parameter.default))
        for parameter in signature.parameters.values()
    ]
    plain = signature.replace(parameters=parameters, return_annotation=inspect.Signature.empty)
    return str(plain).replace("|", "\\|")


class _Elided:
    def __repr__(self) -> str:
        return "..."


def _short_default(default: object) -> object:
    if default is inspect.Parameter.empty or len(repr(default)) <= 24:
        return default
    return _Elided()


def _row(module: ModuleType, name: str) -> str:
    obj = getattr(module, name)
    kind, shown = _describe(name, obj)
    summary = _summary(obj) if kind != "constant" else _constant_summary(obj)
    return f"| {shown} | {kind} | {summary} |"


def _constant_summary(value: object) -> str:
    if isinstance(value, str | int):
        return f"`{value!r}`"
    return f"a `{type(value).__name__}`"  # no item count: a registry may still be filling when this runs


def _module_block(path: str) -> str:
    module = importlib.import_module(path)
    lines = [f"### `{path}`", "", _summary(module), "", "| name | kind | what |", "|---|---|---|"]
    lines += [_row(module, name) for name in module.__all__]
    return "\n".join(lines) + "\n"


def reference() -> str:
    """Markdown: one table per public module, each name of its ``__all__`` with its kind and summary."""
    return "\n".join(_module_block(path) for path in MODULES)


def _exceptions() -> dict[str, type[BaseException]]:
    found: dict[str, type[BaseException]] = {}
    for path in MODULES:
        module = importlib.import_module(path)
        for name in module.__all__:
            obj = getattr(module, name)
            if inspect.isclass(obj) and issubclass(obj, BaseException):
                found.setdefault(f"{obj.__module__.split('._')[0]}.{obj.__qualname__}", obj)
    return found


def error_codes() -> str:
    """Markdown: every public exception, its bases and its default machine-readable ``code``."""
    lines = ["| exception | a `ValueError` | default `code` |", "|---|---|---|"]
    for shown, cls in sorted(_exceptions().items()):
        is_value_error = "yes" if issubclass(cls, ValueError) else "no"
        lines.append(f"| `{shown}` | {is_value_error} | `{getattr(cls, 'default_code', '')}` |")
    return "\n".join(lines) + "\n"


def cli_reference() -> str:
    """Markdown: the ``--help`` of ``dmpcore`` and of each of its commands, at a fixed width of 100 columns."""
    import argparse
    import os
    from unittest import mock

    from dmpcore.cli import _parser

    with mock.patch.dict(os.environ, {"COLUMNS": "100"}):
        parser = _parser()
        commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        blocks = [("dmpcore", parser.format_help())]
        blocks += [(f"dmpcore {name}", sub.format_help()) for name, sub in commands.choices.items()]
    return "\n".join(f"### `{title}`\n\n```text\n{text.rstrip()}\n```\n" for title, text in blocks)
