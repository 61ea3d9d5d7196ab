"""dmpcore: the French DMP and DLU domain rules for the medico-social sector.

The package is organised by concept; import what you need from its module:

- :mod:`dmpcore.identity`: INS (NIR/NIA), identity status, national ids of professionals and organisations;
- :mod:`dmpcore.errors`: the exception hierarchy (root :class:`~dmpcore.errors.DmpcoreError`).

>>> import dmpcore
>>> dmpcore.__version__
'0.1.0.dev0'
"""

from importlib.metadata import PackageNotFoundError, version

from dmpcore.errors import DmpcoreError

__all__ = ["DmpcoreError", "__version__"]

try:
    __version__ = version("dmpcore")
except PackageNotFoundError:  # pragma: no cover - running from a source tree without install
    __version__ = "0.0.0"
