"""dmpcore: the French DMP and DLU domain rules for the medico-social sector.

The package is organised by concept; import what you need from its module:

- :mod:`dmpcore.identity`: INS (NIR/NIA), identity status, national ids of professionals and organisations;
- :mod:`dmpcore.consent`: legal capacity and consent, under the DMP 2016 and the MES 2022 regimes;
- :mod:`dmpcore.visibility`: who may see a DMP document, the restrictions and the deposit rules;
- :mod:`dmpcore.dlu`: the DLU family (DLU, FLUDT, FLUDR, DLU-FT-SU, DLU-FR-SU) as typed models;
- :mod:`dmpcore.cda`: CDA R2 writing and hardened reading, dmpcore's profile XSD;
- :mod:`dmpcore.valuesets`: the official value sets the DLU family and the DMP metadata use;
- :mod:`dmpcore.validation`: native validators with stable rule ids, and the runner of the official ANS kit;
- :mod:`dmpcore.xds`: DMP submission metadata (XDS DocumentEntry) and IHE XDM packages;
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
