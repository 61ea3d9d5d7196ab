"""Hostile ZIPs are refused with a clear error, and nothing is ever written outside the target."""

from __future__ import annotations

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

from dmpcore.xds import ArchiveError, ArchiveLimits, document_entry, extract_xdm, read_xdm, write_xdm
from dmpcore.xds._archive import SafeArchive, extract_to
from dmpcore.xds._sample import sample_cda

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
    assert list(tmp_path.iterdir()) == []  # not even the target folder is created


def test_total_size_is_bounded() -> None:
    limits = ArchiveLimits(max_member_size=1000, max_total_size=1500, ratio_floor=10**9)
    with pytest.raises(ArchiveError) as caught:
        SafeArchive(_zip(("a", b"x" * 1000), ("b", b"y" * 1000)), limits)
    assert caught.value.code == "xdm.total_size"


def _central_sizes(data: bytes, *, declared: int) -> bytes:
    """*data* (one member) with the uncompressed size of its central directory entry set to *declared*."""
    patched = bytearray(data)
    central = patched.rfind(b"PK\x01\x02")
    patched[central + 24 : central + 28] = declared.to_bytes(4, "little")
    return bytes(patched)


def test_a_header_that_declares_less_gains_nothing() -> None:
    """zipfile stops at the declared size, then the CRC check refuses the member: nothing more is read."""
    archive = SafeArchive(_central_sizes(_zip(("a.txt", b"A" * 5000), method=zipfile.ZIP_STORED), declared=10))
    with pytest.raises(ArchiveError) as caught:
        archive.read("a.txt")
    assert caught.value.code == "xdm.not_zip"


def test_a_header_that_declares_more_than_the_data_is_corrupt() -> None:
    archive = SafeArchive(_central_sizes(_zip(("a.txt", b"A" * 10), method=zipfile.ZIP_STORED), declared=5000))
    with pytest.raises(ArchiveError) as caught:
        archive.read("a.txt")
    assert caught.value.code == "xdm.not_zip"


def test_the_declared_size_is_checked_before_any_decompression() -> None:
    """A header that declares more than the limit is refused when the archive is opened, whatever its data."""
    limits = ArchiveLimits(max_member_size=1000)
    with pytest.raises(ArchiveError) as caught:
        SafeArchive(_central_sizes(_zip(("a.txt", b"A" * 10), method=zipfile.ZIP_STORED), declared=1001), limits)
    assert caught.value.code == "xdm.member_size"


def _tree(folder: Path) -> dict[str, bytes | None]:
    """Every path under *folder* with its bytes (None for a folder): to see that nothing changed."""
    return {str(path.relative_to(folder)): None if path.is_dir() else path.read_bytes() for path in folder.rglob("*")}


def _corrupt_last_member(data: bytes, marker: bytes) -> bytes:
    broken = bytearray(data)
    broken[broken.find(marker)] ^= 0xFF
    return bytes(broken)


def test_a_member_that_fails_its_crc_leaves_nothing(tmp_path: Path) -> None:
    """The 5th member is corrupt: the four before it are not written, and a good package then extracts."""
    data = sample_cda()
    good = write_xdm(data, document_entry(data))
    source = zipfile.ZipFile(io.BytesIO(good))
    members = [(name, source.read(name)) for name in source.namelist()]
    bad = _corrupt_last_member(_zip(*members, ("ZZZ.TXT", b"corrupt me"), method=zipfile.ZIP_STORED), b"corrupt me")
    target = tmp_path / "out"
    with pytest.raises(ArchiveError) as caught:
        extract_xdm(bad, target)
    assert caught.value.code == "xdm.not_zip"
    assert not target.exists()
    target.mkdir()
    (target / "mine.txt").write_bytes(b"mine")
    with pytest.raises(ArchiveError):
        extract_xdm(bad, target)
    assert _tree(target) == {"mine.txt": b"mine"}
    _, written = extract_xdm(good, target)
    assert len(written) == 4


@pytest.mark.parametrize(
    "members",
    [
        [("X", b"1"), ("X/Y", b"2")],
        [("Y/Z", b"1"), ("Y", b"2")],
        [("a/b/c", b"1"), ("A/B", b"2")],
    ],
    ids=["file then folder", "folder then file", "case-insensitive"],
)
def test_a_name_used_as_file_and_folder_is_refused(members: list[tuple[str, bytes]], tmp_path: Path) -> None:
    with pytest.raises(ArchiveError) as caught:
        extract_xdm(_zip(("README.TXT", b"r"), *members), tmp_path / "out")
    assert caught.value.code == "xdm.duplicate"
    assert not (tmp_path / "out").exists()


def test_a_file_of_the_target_where_a_folder_is_needed_is_refused(tmp_path: Path) -> None:
    (tmp_path / "IHE_XDM").write_bytes(b"mine")
    before = _tree(tmp_path)
    with pytest.raises(ArchiveError) as caught:
        extract_to(SafeArchive(_zip(("A.TXT", b"a"), ("IHE_XDM/SUBSET01/B.TXT", b"b"))), tmp_path)
    assert caught.value.code == "xdm.exists"
    assert _tree(tmp_path) == before


def test_a_write_that_fails_half_way_is_undone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Disk full on the 3rd file: the files and folders already created are removed, the error is xdm.io."""
    from dmpcore.xds import _archive

    calls = []
    real = _archive._write_new

    def failing(target: Path, data: bytes) -> None:
        calls.append(target)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        real(target, data)

    monkeypatch.setattr(_archive, "_write_new", failing)
    data = sample_cda()
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "mine.txt").write_bytes(b"mine")
    with pytest.raises(ArchiveError) as caught:
        extract_xdm(write_xdm(data, document_entry(data)), tmp_path / "out")
    assert caught.value.code == "xdm.io"
    assert len(calls) == 3
    assert _tree(tmp_path / "out") == {"mine.txt": b"mine"}


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
    """Whatever the member names, extraction stays inside the target folder, or is refused and changes nothing."""
    root = Path(tempfile.mkdtemp(dir=tmp_path))
    target = root / "target"
    target.mkdir()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for name in member_names:
            archive.writestr(name, b"x")
    (target / "mine.txt").write_bytes(b"mine")
    before = _tree(target)
    try:
        extract_to(SafeArchive(buffer.getvalue()), target)
    except ArchiveError:
        assert _tree(target) == before  # a refusal leaves the target as it was
    assert [p.name for p in root.iterdir()] == ["target"]
    for path in target.rglob("*"):
        assert path.resolve().is_relative_to(target.resolve())
