"""A compact, entirely fictitious DLU-family CDA header (FLUDT model) for examples and docs.

Only what the XDS metadata read is present: it is not a complete DLU-EHPAD-FLUDT document (its body
is a single empty section) and it is not meant to pass the official kit. The INS is a test INS
(root ``1.2.250.1.213.1.4.10``), the people and the organisation do not exist.
"""

from __future__ import annotations

from typing import Final

__all__ = ["SAMPLE_CDA", "sample_cda"]

SAMPLE_CDA: Final = """<?xml version="1.0" encoding="UTF-8"?>
<ClinicalDocument xmlns="urn:hl7-org:v3">
  <realmCode code="FR"/>
  <typeId root="2.16.840.1.113883.1.3" extension="POCD_HD000040"/>
  <templateId root="2.16.840.1.113883.2.8.2.1"/>
  <templateId root="1.2.250.1.213.1.1.1.1"/>
  <templateId root="1.2.250.1.213.1.1.1.23" extension="2022.01"/>
  <id root="1.2.250.1.999.1.1" extension="FLUDT-2025-0042"/>
  <code code="74207-2" codeSystem="2.16.840.1.113883.6.1" displayName="Dossier de liaison d'urgence"/>
  <title>Fiche de liaison d'urgence - transfert vers les urgences</title>
  <effectiveTime value="20250301093000+0100"/>
  <confidentialityCode code="N" codeSystem="2.16.840.1.113883.5.25" displayName="Normal"/>
  <languageCode code="fr-FR"/>
  <setId root="1.2.250.1.999.1.2" extension="FLUDT-2025-0042"/>
  <versionNumber value="1"/>
  <recordTarget>
    <patientRole>
      <id root="1.2.250.1.213.1.4.10" extension="285077512345655"/>
      <id root="1.2.250.1.999.2" extension="IPP-7781"/>
      <patient>
        <name>
          <family qualifier="BR">EXEMPLE</family>
          <given qualifier="BR">CAMILLE</given>
          <family qualifier="CL">MARTIN</family>
          <given qualifier="CL">CAMILLE</given>
        </name>
        <administrativeGenderCode code="F" codeSystem="2.16.840.1.113883.5.1" displayName="Féminin"/>
        <birthTime value="19850723"/>
      </patient>
    </patientRole>
  </recordTarget>
  <author>
    <time value="20250301093000+0100"/>
    <assignedAuthor>
      <id root="1.2.250.1.71.4.2.1" extension="801234567897"/>
      <code code="G15_10/SM26" codeSystem="1.2.250.1.213.1.1.4.5"
            displayName="Médecin - Qualifié en Médecine Générale (SM)"/>
      <assignedPerson><name><prefix>DR</prefix><given>Alix</given><family>FICTIF</family></name></assignedPerson>
      <representedOrganization>
        <id root="1.2.250.1.71.4.2.2" extension="1990000001"/>
        <name>EHPAD DES EXEMPLES</name>
      </representedOrganization>
    </assignedAuthor>
  </author>
  <custodian><assignedCustodian><representedCustodianOrganization>
    <id root="1.2.250.1.71.4.2.2" extension="1990000001"/><name>EHPAD DES EXEMPLES</name>
  </representedCustodianOrganization></assignedCustodian></custodian>
  <legalAuthenticator>
    <time value="20250301093000+0100"/>
    <signatureCode code="S"/>
    <assignedEntity>
      <id root="1.2.250.1.71.4.2.1" extension="801234567897"/>
      <assignedPerson><name><given>Alix</given><family>FICTIF</family></name></assignedPerson>
    </assignedEntity>
  </legalAuthenticator>
  <documentationOf>
    <serviceEvent>
      <code code="28651-8" codeSystem="2.16.840.1.113883.6.1"
            displayName="Transfert du patient au service des urgences"/>
      <effectiveTime><low value="20250301091500+0100"/><high value="20250301093000+0100"/></effectiveTime>
      <performer typeCode="PRF">
        <assignedEntity>
          <id root="1.2.250.1.71.4.2.1" extension="801234567897"/>
          <representedOrganization>
            <id root="1.2.250.1.71.4.2.2" extension="1990000001"/>
            <name>EHPAD DES EXEMPLES</name>
            <standardIndustryClassCode code="ESSMS" codeSystem="1.2.250.1.213.1.1.4.9"
              displayName="Etablissement ou Service Social ou Médico-Social"/>
          </representedOrganization>
        </assignedEntity>
      </performer>
    </serviceEvent>
  </documentationOf>
  <componentOf>
    <encompassingEncounter>
      <effectiveTime><high value="20250301093000+0100"/></effectiveTime>
      <location><healthCareFacility>
        <code code="SA17" codeSystem="1.2.250.1.71.4.2.4" displayName="Etablissement pour personnes âgées"/>
      </healthCareFacility></location>
    </encompassingEncounter>
  </componentOf>
  <component><structuredBody><component><section>
    <title>Motif du transfert</title><text>Chute.</text>
  </section></component></structuredBody></component>
</ClinicalDocument>
"""


def sample_cda(*, birth_time: str = "19850723") -> bytes:
    """The sample's bytes, with the patient born on *birth_time* (``YYYYMMDD``)."""
    return SAMPLE_CDA.replace('<birthTime value="19850723"/>', f'<birthTime value="{birth_time}"/>').encode("utf-8")
