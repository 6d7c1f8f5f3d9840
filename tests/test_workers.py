"""The crew a build keeps (sopc/workers.py): tasks in order, pinned ones on their worker, errors
raised here, nothing left running; and the build reading each SOP once across its processes."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from sopc.errors import SopcError
from sopc.workers import Crew, usable_cores

EXAMPLES = Path(__file__).parents[1] / "examples"
needs_two = pytest.mark.skipif(usable_cores() < 2 or not hasattr(os, "fork"), reason="needs two cores and fork")


def _pids(chunk: list[int], offset: int) -> list[tuple[int, int]]:
    return [(item + offset, os.getpid()) for item in chunk]


def _remember(chunk: list[int]) -> list[int]:
    import time

    from sopc.lint import run

    time.sleep(0.05)  # work that takes a while, as a chunk of SOPs does

    run.KEPT.update({str(item): os.getpid() for item in chunk})  # type: ignore[misc]
    return chunk


def _recall(chunk: list[int]) -> list[bool]:
    import time

    from sopc.lint import run

    time.sleep(0.05)

    return [run.KEPT.get(str(item)) == os.getpid() for item in chunk]  # type: ignore[comparison-overlap]


def _fail(chunk: list[int]) -> list[int]:
    if 7 in chunk:
        raise SopcError({"id": "tujuh", "en": "seven"})
    return chunk


@needs_two
def test_a_crew_gives_results_in_order_from_workers_kept_for_the_next_task() -> None:
    with Crew(2) as crew:
        done = list(crew.map_chunks(_pids, list(range(40)), (100,), pool_at=8, size=5))
        assert [item for _, chunk in done for item, _ in chunk] == list(range(100, 140))
        workers = {pid for _, chunk in done for _, pid in chunk}
        assert len(workers) == 2 and os.getpid() not in workers
        again = list(crew.map_chunks(_pids, [1, 2], (0,), pool_at=8))  # started already: the same workers
        assert {pid for _, chunk in again for _, pid in chunk} <= workers
        processes = [process for process, _ in crew.workers]
    assert not any(process.is_alive() for process in processes)


@needs_two
def test_a_pinned_task_runs_on_the_worker_that_did_the_earlier_one() -> None:
    with Crew(2) as crew:
        items = list(range(64))
        for task, chunk in crew.map_chunks(_remember, items, (), pool_at=8, size=8):
            crew.kept.update((str(item), task) for item in chunk)
        found = [ok for _, chunk in crew.map_chunks(_recall, items, (), pool_at=8, key=str) for ok in chunk]
    assert found.count(True) >= 48  # an idle worker may take another's last tasks rather than wait


@needs_two
def test_a_workers_error_is_raised_here_and_the_workers_end() -> None:
    crew = Crew(2)
    with pytest.raises(SopcError) as raised, crew:
        list(crew.map_chunks(_fail, list(range(40)), (), pool_at=8, size=4))
    assert raised.value.texts["en"] == "seven" and crew.workers == []


def test_a_small_run_starts_no_worker() -> None:
    with Crew(4) as crew:
        done = list(crew.map_chunks(_pids, [1, 2, 3], (0,), pool_at=8))
        assert {pid for _, chunk in done for _, pid in chunk} == {os.getpid()} and crew.workers == []


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_build_reads_each_sop_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: str) -> None:
    """Lint and build share one parse: the process that linted a SOP lays it out (also the manual's
    section). With workers, one idle at the end may take another's last SOPs rather than wait, and
    reads those again: never one process the same SOP twice, and most SOPs once."""
    from sopc.source import loader
    from tests.conftest import run_cli
    from tests.test_import import _generated

    repo = tmp_path / "repo"
    repo.mkdir()
    for n in range(1, 161):  # past the lint's and the build's thresholds for workers
        (repo / f"sop-{n:03d}.sop.yaml").write_text(_generated(n, 8), encoding="utf-8")
    log = tmp_path / "loads.txt"
    load = loader.load

    def logged(path, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003  (in every process: forked after this)
        with open(log, "a", encoding="utf-8") as out:
            out.write(f"{os.getpid()}:{Path(path).name}\n")
        return load(path, *args, **kwargs)

    monkeypatch.setattr(loader, "load", logged)
    monkeypatch.setattr("sopc.lint.run.load", logged)
    result = run_cli("build", str(repo), "-o", str(tmp_path / "out"), "--format", "svg", "--manual", "-j", jobs)
    assert result.exit_code == 0, result.output
    loads = log.read_text(encoding="utf-8").split()
    assert len(set(loads)) == len(loads)  # no process read a SOP twice
    sops = {load.split(":")[1] for load in loads}
    assert len(sops) == 160 and (len(loads) == 160 if jobs == "1" else len(loads) <= 160 * 1.25)
    assert len(list((tmp_path / "out").glob("*.svg"))) >= 160 and (tmp_path / "out" / "manual.docx").exists()


def test_a_sop_saved_between_lint_and_build_is_built_as_saved(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from sopc import build as build_module
    from tests.conftest import run_cli

    repo = tmp_path / "repo"
    shutil.copytree(EXAMPLES, repo)
    sop = repo / "umum" / "perjalanan-dinas.sop.yaml"
    lint = build_module.lint_paths

    def lint_then_edit(*args, **kwargs):  # noqa: ANN002, ANN003
        result = lint(*args, **kwargs)
        sop.write_text(sop.read_text(encoding="utf-8").replace("Perjalanan Dinas", "Perjalanan Dinas Luar Kota"),
                       encoding="utf-8")
        return result

    monkeypatch.setattr(build_module, "lint_paths", lint_then_edit)
    assert run_cli("build", str(repo), "-o", str(tmp_path / "out"), "--format", "svg").exit_code == 0
    drawn = " ".join(p.read_text(encoding="utf-8") for p in (tmp_path / "out" / "umum").glob("perjalanan-dinas*.svg"))
    assert "Perjalanan Dinas Luar Kota" in drawn


@pytest.mark.skipif(usable_cores() < 2, reason="needs two cores")
def test_without_fork_a_crew_hands_its_work_to_a_pool(monkeypatch: pytest.MonkeyPatch) -> None:
    from sopc import workers

    pooled: list[int] = []

    def pool(function, items, extra, jobs, pool_at, size=None):  # noqa: ANN001  (a pool, run here)
        pooled.append(len(items))
        return [function(items[i:i + 5], *extra) for i in range(0, len(items), 5)]

    monkeypatch.delattr(os, "fork")
    monkeypatch.setattr(workers, "map_chunks", pool)
    with Crew(2) as crew:
        done = list(crew.map_chunks(_pids, list(range(20)), (0,), pool_at=8, size=5))
    assert pooled == [20] and [item for _, chunk in done for item, _ in chunk] == list(range(20))
    assert [task for task, _ in done] == [0, 1, 2, 3] and crew.workers == []


def _die(chunk: list[int]) -> list[int]:
    if 7 in chunk:
        os.kill(os.getpid(), 9)  # as the out-of-memory killer does
    return chunk


@needs_two
def test_a_worker_killed_is_a_clear_error_not_a_hang() -> None:
    crew = Crew(2)
    with pytest.raises(SopcError) as raised, crew:
        list(crew.map_chunks(_die, list(range(40)), (), pool_at=8, size=4))
    assert "exit code -9" in raised.value.texts["en"] and "-j 1" in raised.value.texts["id"]
    assert crew.workers == []
