"""Legal capacity and consent: who is informed, decides, is consulted, assists and accesses a person's DMP.

Sources: Code de la santé publique L1111-2, L1111-4, L1111-5, L1111-13-1, L1111-14 to L1111-21, R1111-40 to
R1111-54 (décret 2021-1047; the DMP was at R1111-26 to R1111-43 under décret 2016-914), R1111-28 and
R1111-36 (décret 2021-1048, Mon espace santé, R1111-26 to R1111-39); Code civil 371-1, 388, 390, 408,
413-6, 413-7, 414, 425, 440, 457-1, 459, 467, 473, 477, 479, 494-1; guide ANS/CNAM « Le DMP pour les mineurs
et majeurs protégés ». The whole table is in docs/consent.md (« Qui décide ? »).

>>> from datetime import date
>>> from dmpcore.consent import LegalSituation, Measure, Party, Act, Regime, decide, explain
>>> s = LegalSituation(birth_date=date(1950, 3, 2), measure=Measure.TUTELLE)
>>> d = decide(s, Act.CREATE, on=date(2025, 1, 15))
>>> d.deciders == {Party.TUTOR}, d.consulted == {Party.PATIENT}, d.mode, d.regime
(True, True, 'opt_out', <Regime.MES_2022: 'mes_2022'>)
>>> d.basis[0]
'CSP L1111-14'
"""

from dmpcore.consent._engine import classify, decide
from dmpcore.consent._explain import explain, party_name
from dmpcore.consent._model import Act, Capacity, ConsentDecision, InvalidDecision, Measure, Party, Regime
from dmpcore.consent._situation import LegalSituation
from dmpcore.errors import InvalidSituation

__all__ = [
    "Act",
    "Capacity",
    "ConsentDecision",
    "InvalidDecision",
    "InvalidSituation",
    "LegalSituation",
    "Measure",
    "Party",
    "Regime",
    "classify",
    "decide",
    "explain",
    "party_name",
]
