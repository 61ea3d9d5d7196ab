"""Reading ZIP archives that may be hostile: every member is checked before any byte is used.

Refused, each with an :class:`~dmpcore.xds.ArchiveError` code: not a ZIP, or a member whose data fail
their CRC (``xdm.not_zip``); absolute paths, drive letters, backslashes, ``..`` or empty components,
control characters (``xdm.path``); symbolic links and other non-regular files (``xdm.link``); names that
collide, case-insensitively, or a name used both as a file and as a folder (``X`` and ``X/Y``,
``xdm.duplicate``); too many members (``xdm.members``); a member, or all of them, larger than the limits
(``xdm.member_size``, ``xdm.total_size``), or compressed more than the ratio allows (``xdm.ratio``, zip
bombs); encrypted members (``xdm.encrypted``). Sizes are checked on the declared values first; then
:mod:`zipfile` never yields more than the declared size and checks the CRC at the end, so a header that
lies about the size gains nothing.

:func:`extract_to` is all or nothing: every member is read (and its CRC checked) before the first byte
is written, and a write that fails half-way is undone.
"""

from __future__ import annotations

import contextlib
import io
import os
import stat
import zipfile
from pathlib import Path, PurePosixPath
from typing import Final

import attrs

from dmpcore.xds._errors import ArchiveError

__all__ = ["DEFAULT_LIMITS", "ArchiveLimits", "SafeArchive", "extract_to"]

_MIB: Final = 1024 * 1024
#: decompressing by chunks is faster than in one call (zlib's output buffer grows less)
_CHUNK: Final = 64 * 1024


@attrs.frozen(kw_only=True)
class ArchiveLimits:
    """Bounds on what an archive may hold. The defaults fit a DLU with its attached PDFs many times."""

    max_members: int = 64
    max_member_size: int = 64 * _MIB
    max_total_size: int = 128 * _MIB
    #: uncompressed / compressed size allowed for a member above ``ratio_floor`` bytes
    max_ratio: int = 200
    ratio_floor: int = 64 * 1024
    #: bytes of the archive file itself
    max_archive_size: int = 128 * _MIB


DEFAULT_LIMITS: Final = ArchiveLimits()


def _check_name(name: str) -> str:
    shown = repr(name[:80])
    if not name or any(ord(ch) < 32 or ch == "\x7f" for ch in name):
        raise ArchiveError(f"member name is empty or has control characters: {shown}", code="xdm.path")
    if "\\" in name or name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        raise ArchiveError(f"member name must be a relative POSIX path: {shown}", code="xdm.path")
    parts = PurePosixPath(name).parts
    if any(part in ("..", ".", "") for part in name.rstrip("/").split("/")) or not parts:
        raise ArchiveError(f"member name must not contain '..', '.' or empty parts: {shown}", code="xdm.path")
    return name


def _check_kind(info: zipfile.ZipInfo) -> None:
    kind = stat.S_IFMT(info.external_attr >> 16)  # Unix file type bits; 0 when the archiver set none
    if kind and kind not in (stat.S_IFREG, stat.S_IFDIR):
        raise ArchiveError(f"member is a link or a special file: {info.filename[:80]!r}", code="xdm.link")
    if info.flag_bits & 0x1:
        raise ArchiveError(f"member is encrypted: {info.filename[:80]!r}", code="xdm.encrypted")


class SafeArchive:
    """A ZIP opened for reading after every member passed the checks of this module.

    >>> SafeArchive(b"not a zip")
    Traceback (most recent call last):
        ...
    dmpcore.xds._errors.ArchiveError: not a ZIP archive
    """

    def __init__(self, source: bytes | str | os.PathLike[str], limits: ArchiveLimits = DEFAULT_LIMITS) -> None:
        self.limits = limits
        data = self._read(source)
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self._zip.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
            raise ArchiveError("not a ZIP archive", code="xdm.not_zip") from None
        self.members = self._check(infos)

    def _read(self, source: bytes | str | os.PathLike[str]) -> bytes:
        if isinstance(source, bytes | bytearray | memoryview):
            data = bytes(source)
        else:
            path = Path(source)
            try:
                if path.stat().st_size > self.limits.max_archive_size:
                    raise ArchiveError("archive is larger than the limit", code="xdm.total_size")
                data = path.read_bytes()
            except OSError as exc:
                raise ArchiveError(f"cannot read {path.name}: {exc.strerror}", code="xdm.io") from None
        if len(data) > self.limits.max_archive_size:
            raise ArchiveError("archive is larger than the limit", code="xdm.total_size")
        return data

    def _check(self, infos: list[zipfile.ZipInfo]) -> dict[str, zipfile.ZipInfo]:
        limits = self.limits
        if len(infos) > limits.max_members:
            raise ArchiveError(f"archive has {len(infos)} members, more than {limits.max_members}", code="xdm.members")
        members: dict[str, zipfile.ZipInfo] = {}
        folded: set[str] = set()
        total = 0
        for info in infos:
            name = _check_name(info.filename)
            _check_kind(info)
            key = name.rstrip("/").casefold()
            if key in folded:
                raise ArchiveError(f"member name appears twice: {name[:80]!r}", code="xdm.duplicate")
            folded.add(key)
            if info.is_dir():
                continue
            _check_size(info, limits)
            total += info.file_size
            if total > limits.max_total_size:
                raise ArchiveError("members together are larger than the limit", code="xdm.total_size")
            members[name] = info
        _check_file_folder_clash(members)
        return members

    def read(self, name: str) -> bytes:
        """The bytes of member *name*, decompressed within the declared size and the limits."""
        info = self.members.get(name)
        if info is None:
            raise ArchiveError(f"archive has no member {name[:80]!r}", code="xdm.missing")
        try:
            # zipfile yields at most info.file_size bytes (checked against the limits in _check) and
            # checks the CRC of what it yielded: data longer than declared fail their CRC here
            with self._zip.open(info) as handle:
                data = b"".join(iter(lambda: handle.read(_CHUNK), b""))
        except (zipfile.BadZipFile, EOFError, ValueError, NotImplementedError) as exc:
            raise ArchiveError(f"member {name[:80]!r} is corrupt: {str(exc)[:80]}", code="xdm.not_zip") from None
        if len(data) != info.file_size:  # shorter than declared: the CRC of the short data may still match
            raise ArchiveError(f"member {name[:80]!r} is shorter than its header declares", code="xdm.not_zip")
        return data


def _check_size(info: zipfile.ZipInfo, limits: ArchiveLimits) -> None:
    name = info.filename[:80]
    if info.file_size > limits.max_member_size:
        raise ArchiveError(f"member {name!r} is larger than the limit", code="xdm.member_size")
    ratio_base = max(info.compress_size, 1)
    if info.file_size > limits.ratio_floor and info.file_size / ratio_base > limits.max_ratio:
        raise ArchiveError(f"member {name!r} is compressed suspiciously well", code="xdm.ratio")


def _check_file_folder_clash(members: dict[str, zipfile.ZipInfo]) -> None:
    """Refuse a name that is a file and also the folder of another member (``X`` and ``X/Y``)."""
    folders = {
        "/".join(parts[:n]) for parts in (name.casefold().split("/") for name in members) for n in range(1, len(parts))
    }
    for name in members:
        if name.casefold() in folders:
            raise ArchiveError(f"member name is both a file and a folder: {name[:80]!r}", code="xdm.duplicate")


def _planned_target(base: Path, name: str) -> Path:
    """Where member *name* goes under *base*: inside it, never over an existing file or under one."""
    target = (base / name).resolve()
    if not target.is_relative_to(base) or target == base:
        raise ArchiveError(f"member {name[:80]!r} would be written outside the target", code="xdm.path")
    if os.path.lexists(base / name):
        raise ArchiveError(f"{name[:80]!r} exists already in the target", code="xdm.exists")
    for folder in PurePosixPath(name).parents:
        if str(folder) != "." and os.path.lexists(base / folder) and not (base / folder).is_dir():
            raise ArchiveError(f"{str(folder)[:80]!r} exists already in the target as a file", code="xdm.exists")
    return target


def _make_folders(folder: Path, created: list[Path]) -> None:
    """Create *folder* and its missing parents one by one, recording each one created in *created*."""
    missing = []
    while not os.path.lexists(folder):
        missing.append(folder)
        folder = folder.parent
    for path in reversed(missing):
        os.mkdir(path)
        created.append(path)


def _write_new(target: Path, data: bytes) -> None:
    # O_EXCL: never replace a file; O_NOFOLLOW: never write through a link planted meanwhile
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(target, flags, 0o644)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)


def _undo(written: list[Path], created: list[Path]) -> None:
    for path in reversed(written):
        with contextlib.suppress(OSError):
            path.unlink()
    for path in reversed(created):
        with contextlib.suppress(OSError):
            path.rmdir()


def extract_to(archive: SafeArchive, directory: Path) -> list[Path]:
    """Write every member of *archive* under *directory* (created if missing); nothing is written anywhere else.

    All or nothing: every member is read and its CRC checked first (memory is bounded by
    ``max_total_size``); each target is resolved and must stay inside *directory*; an existing file is
    never replaced nor written through (``O_EXCL``, ``O_NOFOLLOW``). When a write fails half-way, the
    files and folders already created are removed: a refused package leaves the target as it was.
    """
    contents = [(name, archive.read(name)) for name in archive.members]
    base = directory.resolve()
    planned = [(_planned_target(base, name), data) for name, data in contents]
    written: list[Path] = []
    created: list[Path] = []
    try:
        for target, data in planned:
            _make_folders(target.parent, created)
            if not target.parent.resolve().is_relative_to(base):  # pragma: no cover - a race with another process
                raise ArchiveError(f"{target.name[:80]!r} would be written outside the target", code="xdm.path")
            _write_new(target, data)
            written.append(target)
    except BaseException:
        _undo(written, created)
        raise
    return written
