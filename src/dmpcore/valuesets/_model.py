"""The :class:`ValueSet` type and its errors."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

import attrs

from dmpcore.codes import Code
from dmpcore.errors import InputError

__all__ = ["Binding", "CodeNotInValueSet", "UnknownValueSet", "ValueSet"]


class UnknownValueSet(InputError, LookupError):
    """No shipped value set has this name, alias or OID (``code = "valueset.unknown"``)."""

    default_code = "valueset.unknown"


class CodeNotInValueSet(InputError, LookupError):
    """A code is not a member of the value set it was looked up in (``code = "valueset.not_member"``)."""

    default_code = "valueset.not_member"


@attrs.frozen(kw_only=True)
class Binding:
    """Where an official schematron requires the codes of an element to come from a value set.

    ``schematron`` is the kit schematron (``"CI-SIS_DLU-EHPAD-DLU_2022.01"``), ``context`` its XPath
    (prefix ``cda`` = ``urn:hl7-org:v3``) of the coded element, ``null_flavor`` whether a nullFlavor
    may replace the code there.
    """

    schematron: str
    context: str
    null_flavor: bool = False


@attrs.frozen(kw_only=True)
class ValueSet:
    """A value set: its canonical ``name`` (``JDV_..._CISIS``), ``oid`` and member ``codes``.

    Membership compares code and code system, never the display name (as the official
    ``dansJeuDeValeurs`` schematron does).
    """

    name: str
    oid: str
    codes: tuple[Code, ...]
    aliases: tuple[str, ...] = ()
    title: str | None = None
    version: str | None = None
    revision_date: str | None = None
    bindings: tuple[Binding, ...] = ()
    _index: Mapping[tuple[str, str], Code] = attrs.field(init=False, repr=False, eq=False)
    _by_code: Mapping[str, tuple[Code, ...]] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        by_code: dict[str, tuple[Code, ...]] = {}
        for member in self.codes:
            by_code[member.code] = (*by_code.get(member.code, ()), member)
        object.__setattr__(self, "_index", {(c.code, c.code_system): c for c in self.codes})
        object.__setattr__(self, "_by_code", by_code)

    def __contains__(self, item: object) -> bool:
        if isinstance(item, str):
            raise TypeError(f"test membership with a Code, not a str (got {item!r:.40}); use {self.name}.lookup(code)")
        return isinstance(item, Code) and (item.code, item.code_system) in self._index

    def __iter__(self) -> Iterator[Code]:
        return iter(self.codes)

    def __len__(self) -> int:
        return len(self.codes)

    def lookup(self, code: str, code_system: str | None = None) -> Code | None:
        """The member with this *code* (and *code_system*, if given), with its official display; or None.

        A code that several code systems of the set share needs its *code_system*.
        """
        if code_system is not None:
            return self._index.get((code, code_system))
        found = self._by_code.get(code, ())
        if len(found) > 1:
            systems = ", ".join(c.code_system for c in found)
            raise CodeNotInValueSet(
                f"code {code!r} is ambiguous in {self.name} (code systems {systems}): give its code_system",
                code="valueset.ambiguous",
            )
        return found[0] if found else None

    def display(self, code: Code | str) -> str | None:
        """The official display name of *code* (a :class:`Code` or a bare code string).

        Raises :class:`CodeNotInValueSet` when *code* is not a member.
        """
        member = self.lookup(code) if isinstance(code, str) else self._index.get((code.code, code.code_system))
        if member is None:
            shown = code if isinstance(code, str) else f"{code.code} ({code.code_system})"
            raise CodeNotInValueSet(f"{shown!s:.80} is not a member of {self.name} ({self.oid})")
        return member.display
