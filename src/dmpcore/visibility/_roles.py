"""The five medico-social RPPS+ roles and their DMP access, as data with its source.

The RPPS+ portal registers medico-social professionals with a role (« genre d'activité », ANS terminology
TRE_R22 ``1.2.250.1.213.1.6.1.19``, codes GENR08 to GENR12, valid since 2022-02-25). The role « permet de
définir des droits d'accès plus ou moins étendus à différents documents du médico-social » (Collectif SI
médico-social, 2024, seed 002). The document types each role may see are fixed by the matrice d'habilitation
(arrêté du 26 octobre 2023); until its annex is loaded into dmpcore, :attr:`MedicoSocialRole.document_types`
is ``None``, which means « every document type », the default of DOMAIN.md §4.3.

The validity date is not in the official CI-SIS kit: neither its ``jeuxDeValeurs`` nor its terminologies
(``schematrons/profils/terminologies/terminologie``, which ``src/dmpcore/_data/terminologies.json`` is
generated from by ``scripts/gen_terminologies.py``: TerminologieCISIS only) carry TRE_R22. It is the
``dateValid`` concept property, ``2022-02-25T12:00:00+01:00``, of each of GENR08 to GENR12 in the ANS
CodeSystem TRE_R22_GenreActivite (canonical URL
https://mos.esante.gouv.fr/NOS/TRE_R22-GenreActivite/FHIR/TRE-R22-GenreActivite, version 20240329120000, as
published in the ANS implementation guide « Terminologies de Santé » v1.12.0); GENR01 to GENR07 date from
2007 and 2016, GENR13 from 2023-07-28.
"""

from __future__ import annotations

from datetime import date
from typing import Final

import attrs

from dmpcore.oids import TRE_R22_RPPS_PLUS_ROLE

__all__ = ["MEDICO_SOCIAL_ROLES", "ROLES_VALID_FROM", "ROLE_SOURCE", "MedicoSocialRole"]

#: the first day of validity of GENR08..GENR12: the ``dateValid`` property of each concept in the ANS
#: CodeSystem TRE_R22_GenreActivite, version 20240329120000 (not in the CI-SIS kit: see the module docstring).
#: Before it no medico-social professional could hold an RPPS+ role, so none can consult with one (fail closed).
ROLES_VALID_FROM: Final = date(2022, 2, 25)

ROLE_SOURCE: Final = (
    "ANS CodeSystem TRE_R22_GenreActivite v20240329120000 (https://mos.esante.gouv.fr/NOS/TRE_R22-GenreActivite"
    "/FHIR/TRE-R22-GenreActivite), concept property dateValid 2022-02-25 of GENR08 to GENR12 (not in the CI-SIS "
    "kit); RPPS+ roles (seed 002); matrice d'habilitation, arrêté du 26 octobre 2023 (annex not loaded: every "
    "document type)"
)


@attrs.frozen(kw_only=True)
class MedicoSocialRole:
    """A medico-social RPPS+ role, its first day of validity, the document types it may see (``None``: all)."""

    code: str
    display: str
    code_system: str = TRE_R22_RPPS_PLUS_ROLE
    valid_from: date = ROLES_VALID_FROM
    document_types: frozenset[str] | None = None
    source: str = ROLE_SOURCE


#: GENR08..GENR12 with their TRE_R22 display names, in the order of seed 002.
MEDICO_SOCIAL_ROLES: Final[dict[str, MedicoSocialRole]] = {
    role.code: role
    for role in (
        MedicoSocialRole(code="GENR08", display="Coordination et orientation"),
        MedicoSocialRole(
            code="GENR09",
            display="Administratif ou appui à l'organisation de l'accompagnement social/médico-social",
        ),
        MedicoSocialRole(
            code="GENR10",
            display="Accompagnement social/médico-social à la vie sociale, professionnelle, éducative",
        ),
        MedicoSocialRole(code="GENR11", display="Accompagnement social/médico-social au soin"),
        MedicoSocialRole(code="GENR12", display="Encadrement et organisation de l'accompagnement social/médico-social"),
    )
}
