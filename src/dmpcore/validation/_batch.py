"""Validation of many documents for the command line: files, folders and stdin, in processes, with progress."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Final, TextIO

from dmpcore.cda import DEFAULT_MAX_BYTES
from dmpcore.validation._official import OfficialKitError
from dmpcore.validation._report import Report, junit
from dmpcore.validation._validate import validate

__all__ = ["EXIT_INVALID", "EXIT_OK", "EXIT_USAGE", "expand", "run", "validate_many"]

EXIT_OK: Final = 0
EXIT_INVALID: Final = 1
EXIT_USAGE: Final = 2
FORMATS: Final = ("text", "json", "junit")
_STDIN: Final = "-"


def expand(arguments: Sequence[str]) -> tuple[list[str], list[str]]:
    """The documents named by *arguments* (folders give their ``*.xml`` files, recursively) and the missing ones."""
    found: list[str] = []
    missing: list[str] = []
    for argument in arguments:
        path = Path(argument)
        if argument == _STDIN or path.is_file():
            found.append(argument)
        elif path.is_dir():
            found.extend(str(p) for p in sorted(path.rglob("*.xml")) if p.is_file())
        else:
            missing.append(argument)
    return found, missing


def _one(job: tuple[str, str | None, bool]) -> Report:
    path, kit, strict = job
    return validate(Path(path), kit=kit, strict=strict)


def validate_many(
    paths: Sequence[str], *, kit: str | None = None, strict: bool = False, jobs: int = 1
) -> Iterator[Report]:
    """Reports of *paths* in order; with ``jobs > 1`` the documents are validated in that many processes."""
    work = [(path, kit, strict) for path in paths]
    if jobs <= 1 or len(work) <= 1:
        yield from map(_one, work)
        return
    # Small chunks: a document takes a few ms, so the IPC cost of a chunk is small, while the last chunk
    # decides how long the other workers wait at the end (16 documents were ~10 % of a 200-document run).
    chunk = max(1, min(4, len(work) // (jobs * 4)))
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        yield from pool.map(_one, work, chunksize=chunk)


def _stdin_report(kit: str | None, strict: bool) -> Report:
    data = sys.stdin.buffer.read(DEFAULT_MAX_BYTES + 1)
    return validate(data, kit=kit, strict=strict)


class _Progress:
    """A one-line progress bar on a terminal's standard error."""

    def __init__(self, total: int, stream: TextIO) -> None:
        self.total, self.stream, self.done, self.invalid = total, stream, 0, 0
        self.enabled = total > 1 and stream.isatty()

    def step(self, report: Report) -> None:
        self.done += 1
        self.invalid += not report.ok
        if self.enabled:
            width = 30
            filled = width * self.done // self.total
            bar = "#" * filled + "-" * (width - filled)
            self.stream.write(f"\r[{bar}] {self.done}/{self.total} ({self.invalid} invalid)")
            self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            self.stream.write("\n")
            self.stream.flush()


def render(reports: Sequence[Report], output_format: str, *, lang: str = "en") -> str:
    """The reports in *output_format* (text, json or junit); text in *lang* (``en`` or ``fr``)."""
    if output_format == "json":
        return json.dumps([r.to_dict() for r in reports], ensure_ascii=False, indent=1)
    if output_format == "junit":
        return junit(reports).rstrip("\n")
    return "\n".join(r.to_text(lang=lang) for r in reports)


def run(
    arguments: Sequence[str],
    *,
    output_format: str = "text",
    kit: str | None = None,
    jobs: int = 1,
    strict: bool = False,
    lang: str = "en",
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    """Validate the documents of *arguments* and print the reports; return the exit status.

    0 when every document is valid, 1 when one is invalid, 2 on usage or I/O errors (a missing file,
    an unreadable one, a kit that cannot run).
    """
    out, err = stdout or sys.stdout, stderr or sys.stderr
    if output_format not in FORMATS or jobs < 1:
        err.write(f"dmpcore validate: --format must be one of {', '.join(FORMATS)} and --jobs at least 1\n")
        return EXIT_USAGE
    paths, missing = expand(arguments)
    for name in missing:
        err.write(f"dmpcore validate: no such file or folder: {name}\n")
    if not paths and not missing:
        err.write("dmpcore validate: no XML document found\n")
        return EXIT_USAGE
    files = [p for p in paths if p != _STDIN]
    reports: list[Report] = []
    progress = _Progress(len(files), err)
    try:
        if _STDIN in paths:
            reports.append(_stdin_report(kit, strict))
        for report in validate_many(files, kit=kit, strict=strict, jobs=jobs):
            reports.append(report)
            progress.step(report)
    except OfficialKitError as error:
        progress.close()
        err.write(f"dmpcore validate: {error.message}\n")
        return EXIT_USAGE
    progress.close()
    if reports:
        out.write(render(reports, output_format, lang=lang) + "\n")
    io_error = any(i.message_en.startswith("unreadable document (cda.io)") for r in reports for i in r.issues)
    if missing or io_error:
        return EXIT_USAGE
    return EXIT_OK if all(r.ok for r in reports) else EXIT_INVALID


def cpu_count() -> int:
    """The number of cores this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
