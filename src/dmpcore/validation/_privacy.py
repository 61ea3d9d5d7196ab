"""Messages that dmpcore does not write itself (the XSD's, the official kit's), masked before a report holds them.

The native rules mask the identifiers they quote (``dmpcore.errors.mask``); a schema or schematron message
quotes the offending value as it is: ``'279035121518989 x' is not a valid value of the atomic type ...``
would print a full NIR. Every run of 13 digits or more (a NIR has 13 and its key 2; blanks between the
digits are allowed, as a NIR is often written in groups) is masked the same way, its last 4 digits kept.
Time stamps of 13 digits or more are masked too: a message cannot tell a birth time from a NIR.
"""

from __future__ import annotations

import re
from typing import Final

from dmpcore.errors import mask

__all__ = ["masked"]

#: 13 digits or more, single blanks allowed between them (``2 79 03 51 215 189 89``)
_DIGIT_RUN: Final = re.compile(r"\d(?:[ \t\u00a0]?\d){12,}")
_BLANKS: Final = re.compile(r"[ \t\u00a0]")


def masked(text: str) -> str:
    """*text* with every NIR-like digit run masked (its blanks dropped, so that 4 digits only show).

    >>> masked("'279035121518989 x' is not a valid value")
    "'***********8989 x' is not a valid value"
    >>> masked("2 79 03 51 215 189 89 and 1.2.250.1.213.1.4.8")
    '***********8989 and 1.2.250.1.213.1.4.8'
    """
    return _DIGIT_RUN.sub(lambda run: mask(_BLANKS.sub("", run.group())), text)
