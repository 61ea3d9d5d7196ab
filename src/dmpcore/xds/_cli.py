"""The work behind ``dmpcore package`` and ``dmpcore unpackage`` (exit 0 ok, 1 invalid, 2 usage or I/O)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TextIO

from dmpcore.codes import Code
from dmpcore.errors import InputError
from dmpcore.visibility import Policy, Restriction
from dmpcore.xds import constants as c
from dmpcore.xds._check import check_entry
from dmpcore.xds._errors import ArchiveError
from dmpcore.xds._extract import document_entry
from dmpcore.xds._xdm import extract_xdm, read_xdm, write_xdm

__all__ = ["add_commands"]

OK, INVALID, USAGE = 0, 1, 2


def _io_error(exc: InputError) -> bool:
    return exc.code in ("xdm.io", "cda.io")


def package(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    try:
        restrictions = {Restriction.from_code(code) for code in args.restriction}
        source = Path(args.file)
        if not source.is_file():
            err.write(f"dmpcore package: no such file: {source}\n")
            return USAGE
        fmt = Code(code=args.format_code, code_system=c.FORMAT_CODE_SYSTEM) if args.format_code else None
        entry = document_entry(source, restrictions=restrictions, format_code=fmt)
        policy = Policy(cumul_invisible_patient_masque_ps=args.cumul_invisible_patient_masque_ps)
        problems = check_entry(entry, source, secret_connection=args.secret_connection, policy=policy)
        if problems:
            for problem in problems:
                err.write(f"{problem.code}: {problem.message}\n")
            return INVALID
        write_xdm(source, entry, args.output)
    except InputError as exc:
        err.write(f"dmpcore package: {exc} [{exc.code}]\n")
        return USAGE if _io_error(exc) else INVALID
    codes = " ".join(code.code for code in entry.confidentiality_codes)
    out.write(f"{args.output}: {entry.type_code.code} {entry.format_code.code} [{codes}]\n")
    return OK


def unpackage(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    try:
        if args.directory:
            package_, written = extract_xdm(args.archive, args.directory)
        else:
            package_, written = read_xdm(args.archive), []
    except ArchiveError as exc:
        err.write(f"dmpcore unpackage: {exc} [{exc.code}]\n")
        return USAGE if _io_error(exc) else INVALID
    except InputError as exc:
        err.write(f"dmpcore unpackage: {exc} [{exc.code}]\n")
        return INVALID
    entry = package_.entry
    restrictions = ", ".join(sorted(r.code for r in package_.restrictions)) or "none"
    out.write(f"document: {package_.document_path} ({entry.size} bytes, {entry.type_code.code})\n")
    out.write(f"uniqueId: {entry.unique_id}\nformatCode: {entry.format_code.code}\nrestrictions: {restrictions}\n")
    for path in written:
        out.write(f"wrote {path}\n")
    return OK


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``package`` and ``unpackage`` on the ``dmpcore`` parser."""
    import sys

    pack = commands.add_parser("package", help="package a DLU-family CDA with its XDS metadata as an IHE XDM ZIP")
    pack.add_argument("file", metavar="FILE", help="the CDA document")
    pack.add_argument(
        "--restriction",
        action="append",
        default=[],
        metavar="CODE",
        help="a DMP restriction (MASQUE_PS, INVISIBLE_PATIENT, INVISIBLE_REPRESENTANTS_LEGAUX); repeatable",
    )
    pack.add_argument("--format-code", help="the formatCode, for models whose code is not published yet")
    pack.add_argument("--secret-connection", action="store_true", help="a minor consulting alone (CSP L1111-5)")
    pack.add_argument(
        "--cumul-invisible-patient-masque-ps",
        action="store_true",
        help="the DMP platform parameter cumul-invisible_patient-masque_ps: allow INVISIBLE_PATIENT with MASQUE_PS",
    )
    pack.add_argument("-o", "--output", required=True, help="the ZIP to write")
    pack.set_defaults(handler=lambda a: package(a, sys.stdout, sys.stderr))
    unpack = commands.add_parser("unpackage", help="check an IHE XDM ZIP and show (or extract) its document")
    unpack.add_argument("archive", metavar="ZIP")
    unpack.add_argument("-d", "--directory", help="extract the package into this folder (nothing outside it)")
    unpack.set_defaults(handler=lambda a: unpackage(a, sys.stdout, sys.stderr))
