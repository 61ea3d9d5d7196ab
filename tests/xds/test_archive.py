"""Hostile ZIPs are refused with a clear error, and nothing is ever written outside the target."""

from __future__ import annotations

import contextlib
import io
import stat
import tempfile
import warnings
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dmpcore.xds import ArchiveError, ArchiveLimits, extract_xdm, read_xdm
from dmpcore.xds._archive import SafeArchive, extract_to

Member = tuple[str, bytes] | zipfile.ZipInfo


def _zip(*members: tuple[str | zipfile.ZipInfo, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, data in members:
            archive.writestr(name, data)
    return buffer.getvalue()


def _symlink(name: str, target: str) -> tuple[zipfile.ZipInfo, bytes]:
    info = zipfile.ZipInfo(name)
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    return info, target.encode()


def _duplicate() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("a.txt", b"1")
        with pytest.warns(UserWarning, match="Duplicate name"):
            archive.writestr("a.txt", b"2")
    return buffer.getvalue()


def _encrypted() -> bytes:
    data = bytearray(_zip(("a.txt", b"secret")))
    # set the "encrypted" flag bit in the local header and in the central directory
    data[6] |= 1
    central = data.rfind(b"PK\x01\x02")
    data[central + 8] |= 1
    return bytes(data)


HOSTILE: dict[str, tuple[Callable[[], bytes], str]] = {
    "parent traversal": (lambda: _zip(("../evil.txt", b"x")), "xdm.path"),
    "nested traversal": (lambda: _zip(("IHE_XDM/../../evil.txt", b"x")), "xdm.path"),
    "absolute path": (lambda: _zip(("/etc/evil", b"x")), "xdm.path"),
    "windows drive": (lambda: _zip(("C:/evil", b"x")), "xdm.path"),
    "backslash": (lambda: _zip(("..\\evil", b"x")), "xdm.path"),
    "dot component": (lambda: _zip(("IHE_XDM/./a", b"x")), "xdm.path"),
    "control character": (lambda: _zip(("a\nb", b"x")), "xdm.path"),
    "symlink": (lambda: _zip(_symlink("IHE_XDM/link", "/etc/passwd")), "xdm.link"),
    "duplicate": (_duplicate, "xdm.duplicate"),
    "case duplicate": (lambda: _zip(("README.TXT", b"1"), ("readme.txt", b"2")), "xdm.duplicate"),
    "too many members": (lambda: _zip(*((f"f{i}", b"") for i in range(65))), "xdm.members"),
    "member too large": (lambda: _zip(("big", b"\0" * (64 * 1024 * 1024 + 1))), "xdm.member_size"),
    "zip bomb ratio": (lambda: _zip(("bomb.xml", b"\0" * (8 * 1024 * 1024))), "xdm.ratio"),
    "encrypted": (_encrypted, "xdm.encrypted"),
    "not a zip": (lambda: b"PK\x03\x04 not really", "xdm.not_zip"),
}


@pytest.mark.parametrize(("make", "code"), HOSTILE.values(), ids=list(HOSTILE))
def test_hostile_archives_are_refused(make: Callable[[], bytes], code: str, tmp_path: Path) -> None:
    data = make()
    target = tmp_path / "out"
    with pytest.raises(ArchiveError) as caught:
        extract_xdm(data, target)
    assert caught.value.code == code
    assert isinstance(caught.value, ValueError)
    assert not target.exists() or not any(target.iterdir())
    assert sorted(p.name for p in tmp_path.iterdir()) in ([], ["out"])


def test_total_size_is_bounded() -> None:
    limits = ArchiveLimits(max_member_size=1000, max_total_size=1500, ratio_floor=10**9)
    with pytest.raises(ArchiveError) as caught:
        SafeArchive(_zip(("a", b"x" * 1000), ("b", b"y" * 1000)), limits)
    assert caught.value.code == "xdm.total_size"


def test_a_header_that_lies_about_the_size_gains_nothing() -> None:
    """The declared size is checked first; decompression stops at it (zipfile then fails the CRC)."""
    data = bytearray(_zip(("a.txt", b"A" * 5000), method=zipfile.ZIP_STORED))
    central = data.rfind(b"PK\x01\x02")
    data[central + 24 : central + 28] = (10).to_bytes(4, "little")  # uncompressed size: 10
    archive = SafeArchive(bytes(data))
    with pytest.raises(ArchiveError):
        archive.read("a.txt")


def test_extraction_never_follows_an_existing_link(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    target = tmp_path / "target"
    target.mkdir()
    (target / "IHE_XDM").symlink_to(outside, target_is_directory=True)
    archive = SafeArchive(_zip(("IHE_XDM/evil.txt", b"x")))
    with pytest.raises(ArchiveError) as caught:
        extract_to(archive, target)
    assert caught.value.code == "xdm.path"
    assert list(outside.iterdir()) == []


def test_extraction_never_replaces_a_file(tmp_path: Path) -> None:
    (tmp_path / "README.TXT").write_text("mine")
    with pytest.raises(ArchiveError) as caught:
        extract_to(SafeArchive(_zip(("README.TXT", b"theirs"))), tmp_path)
    assert caught.value.code == "xdm.exists"
    assert (tmp_path / "README.TXT").read_text() == "mine"


def test_missing_file_is_an_io_error(tmp_path: Path) -> None:
    with pytest.raises(ArchiveError) as caught:
        read_xdm(tmp_path / "nope.zip")
    assert caught.value.code == "xdm.io"


def test_a_zip_without_metadata_is_refused() -> None:
    with pytest.raises(ArchiveError) as caught:
        read_xdm(_zip(("README.TXT", b"hello")))
    assert caught.value.code == "xdm.missing"


_PIECES = ["a", "B", ".", "..", "/", "\\", ":", "C", " ", "é"]
names = st.lists(
    st.lists(st.sampled_from(_PIECES), min_size=1, max_size=8).map("".join),
    min_size=1,
    max_size=4,
)


@given(names)
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_nothing_is_ever_written_outside_the_target(tmp_path: Path, member_names: list[str]) -> None:
    """Whatever the member names, extraction is refused or stays inside the target folder."""
    root = Path(tempfile.mkdtemp(dir=tmp_path))
    target = root / "target"
    target.mkdir()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for name in member_names:
            archive.writestr(name, b"x")
    with contextlib.suppress(ArchiveError):
        extract_to(SafeArchive(buffer.getvalue()), target)
    assert [p.name for p in root.iterdir()] == ["target"]
    for path in target.rglob("*"):
        assert path.resolve().is_relative_to(target.resolve())
