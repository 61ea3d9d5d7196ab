"""Checks of collection inputs shared by the visibility models: junk raises InvalidAccessInput, never TypeError.

A collection is any iterable but a ``str`` (one id or code is a common slip, not a collection of characters)
and but a mapping (iterating it would read its keys and silently drop its values); ``None``, numbers and other
non-iterables are refused with what was expected and what was got.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from dmpcore.visibility._errors import InvalidAccessInput

__all__ = ["items_of", "str_set"]


def items_of(value: object, *, name: str, noun: str, code: str) -> tuple[object, ...]:
    """The items of the collection *value* given for the field *name* (a collection of *noun*)."""
    if isinstance(value, str | bytes):
        raise InvalidAccessInput(f"'{name}' must be a collection of {noun}, got one {type(value).__name__}", code=code)
    if isinstance(value, Mapping):
        raise InvalidAccessInput(
            f"'{name}' must be a collection of {noun}, got a mapping ({type(value).__name__}): "
            "its keys would be read and its values dropped",
            code=code,
        )
    if not isinstance(value, Iterable):
        raise InvalidAccessInput(f"'{name}' must be a collection of {noun}, got {type(value).__name__}", code=code)
    return tuple(value)


def str_set(value: object, *, name: str, noun: str, code: str) -> frozenset[str]:
    """*value* as a set of non-empty ``str`` (ids or codes); anything else raises :class:`InvalidAccessInput`."""
    found = items_of(value, name=name, noun=noun, code=code)
    for item in found:
        if not isinstance(item, str) or not item:
            got = "an empty str" if isinstance(item, str) else type(item).__name__
            raise InvalidAccessInput(f"'{name}' must hold non-empty str {noun}, got {got}", code=code)
    return frozenset(item for item in found if isinstance(item, str))
