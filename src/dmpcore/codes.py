"""Coded values: one small :class:`Code` type for every coded element dmpcore reads or writes.

>>> from dmpcore.codes import Code
>>> Code(code="74207-2", code_system="2.16.840.1.113883.6.1", display="Dossier de liaison d'urgence")
Code(code='74207-2', code_system='2.16.840.1.113883.6.1', display="Dossier de liaison d'urgence")
>>> Code(code="N", code_system="2.16.840.1.113883.5.25") == Code(code="N", code_system="2.16.840.1.113883.5.25")
True
"""

from __future__ import annotations

import attrs

__all__ = ["Code"]


def _non_empty(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str) or not value.strip():
        from dmpcore.errors import InputError

        raise InputError(f"'{attribute.name}' must be a non-empty str (got {value!r:.40})", code="code.invalid")


@attrs.frozen(kw_only=True)
class Code:
    """A coded value: ``code`` in the code system ``code_system`` (an OID), with its ``display`` name.

    Two codes are equal when code, code system and display are equal; compare
    :meth:`same_concept` to ignore the display.
    """

    code: str = attrs.field(validator=_non_empty)
    code_system: str = attrs.field(validator=_non_empty)
    display: str | None = None

    def same_concept(self, other: Code) -> bool:
        """Whether *other* names the same concept (same code in the same code system)."""
        return (self.code, self.code_system) == (other.code, other.code_system)
