"""Agreement with the official ANS pipeline on a corpus of mutated official examples.

The native validator must reject every document the official pipeline rejects (no false negative) and
accept every document it accepts, except where a documented stricter rule (``Rule.stricter``) fires.
The oracle's verdicts are cached in pytest's cache by corpus hash outside CI; under ``CI=true`` the
oracle always runs, in two processes (each compiles the schematrons once).
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from tests.conftest import IN_CI, SHARED, _load_oracle_module
from tests.validation import corpus

from dmpcore.validation import RULES, validate

_ORACLE_SCRIPT = SHARED / "tools" / "ci_sis_oracle.py"


_WORKER: dict[str, Any] = {}


def _start_worker(module_path: str, kit: str) -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("ci_sis_oracle", module_path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    _WORKER["oracle"] = module.Oracle(kit)


def _passes(path: str) -> tuple[str, bool]:
    return Path(path).name, bool(_WORKER["oracle"].check(path)["passed"])


def _run_oracle(module: ModuleType, kit: Path, files: list[Path]) -> dict[str, bool]:
    jobs = max(1, min(2, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1))
    context = multiprocessing.get_context("spawn")  # a fresh Saxon (GraalVM) isolate per worker
    with ProcessPoolExecutor(
        jobs, mp_context=context, initializer=_start_worker, initargs=(module.__file__, str(kit))
    ) as pool:
        return dict(pool.map(_passes, [str(p) for p in files], chunksize=4))


def kit_fingerprint(kit: Path) -> str:
    """A hash of every file of the kit (names and contents, about 35 MB: a few tens of milliseconds)."""
    digest = hashlib.sha256()
    for path in sorted(p for p in kit.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(kit)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def verdicts_key(corpus_hash: str, kit: Path, script: bytes) -> str:
    """The cache key of the oracle's verdicts: the corpus, the kit's contents and the oracle script."""
    material = corpus_hash.encode() + b"\0" + kit_fingerprint(kit).encode() + b"\0" + script
    return f"dmpcore/oracle-verdicts/{hashlib.sha256(material).hexdigest()[:24]}"


def _verdicts(files: list[Path], corpus_hash: str, kit: Path, cache: pytest.Cache | None) -> dict[str, bool]:
    script = _ORACLE_SCRIPT.read_bytes() if _ORACLE_SCRIPT.is_file() else b""
    key = verdicts_key(corpus_hash, kit, script)
    cached = None if IN_CI or cache is None else cache.get(key, None)
    if isinstance(cached, dict) and len(cached) == len(files):
        return {name: bool(passed) for name, passed in cached.items()}
    verdicts = _run_oracle(_load_oracle_module(), kit, files)
    if cache is not None:
        cache.set(key, verdicts)
    return verdicts


def test_the_verdicts_cache_key_changes_with_the_kit(tmp_path: Path) -> None:
    """A cached verdict of another kit (or of the same kit edited) is never reused."""
    kit = tmp_path / "kit"
    (kit / "schematrons").mkdir(parents=True)
    sch = kit / "schematrons" / "a.sch"
    sch.write_text("<schema/>")
    first = verdicts_key("corpus", kit, b"oracle")
    assert verdicts_key("corpus", kit, b"oracle") == first
    sch.write_text("<schema><pattern/></schema>")
    assert verdicts_key("corpus", kit, b"oracle") != first
    assert verdicts_key("other corpus", kit, b"oracle") != verdicts_key("corpus", kit, b"oracle")


def _echo(value: str) -> str:
    return value


def test_spawned_workers_import_the_test_modules() -> None:
    """The oracle workers are spawned: they unpickle this module's functions by name, under ``pytest`` too.

    Without ``pythonpath = ["."]`` in pyproject.toml, ``pytest`` (unlike ``python -m pytest``) leaves the
    project root off ``sys.path`` and the workers die with ``No module named 'tests'``.
    """
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        assert pool.submit(_echo, "ok").result(timeout=120) == "ok"


@pytest.mark.kit
@pytest.mark.oracle
@pytest.mark.slow
def test_native_validation_agrees_with_the_official_pipeline(
    kit_dir: Path, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    _load_oracle_module()  # skips (or fails under CI=true) without the oracle or saxonche
    files, corpus_hash = corpus.write(kit_dir, tmp_path / "corpus", selection=corpus.AGREEMENT)
    assert len(files) >= 200
    verdicts = _verdicts(files, corpus_hash, kit_dir, getattr(request.config, "cache", None))
    assert any(verdicts.values())
    assert not all(verdicts.values())
    false_negatives, false_positives, stricter = [], [], []
    for path in files:
        report = validate(path)
        if not verdicts[path.name] and report.ok:
            false_negatives.append(path.name)
        elif verdicts[path.name] and not report.ok:
            if all(RULES[issue.rule_id].stricter for issue in report.errors):
                stricter.append(path.name)
            else:
                false_positives.append(f"{path.name}: {[i.rule_id for i in report.errors]}")
    print(
        f"\nagreement: {len(files)} documents, {sum(not v for v in verdicts.values())} rejected by the kit, "
        f"{len(false_negatives)} false negatives, {len(false_positives)} false positives, "
        f"{len(stricter)} rejected by stricter rules only"
    )
    assert false_negatives == []
    assert false_positives == []


@pytest.mark.kit
def test_every_second_and_third_round_kind_is_in_the_agreement_selection(kit_dir: Path) -> None:
    """Each kind of the second and third audits reaches the oracle test: on one base (header) or two (entries)."""
    names = [name for name, _ in corpus.build(kit_dir, selection=corpus.AGREEMENT)]
    for kind, _ in corpus.ROTATED:
        bases = [name for name in names if name.endswith(f"--{kind}.xml")]
        assert 1 <= len(bases) <= 2, (kind, bases)
