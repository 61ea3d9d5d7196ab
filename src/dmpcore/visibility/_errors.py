"""The input errors of the visibility engine."""

from __future__ import annotations

from dmpcore.errors import InputError

__all__ = ["InvalidAccessInput"]


class InvalidAccessInput(InputError):
    """A viewer, a document, a policy or an access context is malformed or contradictory.

    Denials are never errors: they are :class:`~dmpcore.visibility.AccessDecision` results.
    """

    default_code = "visibility.invalid"
