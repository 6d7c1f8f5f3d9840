"""`sopc watch`: a saved change rebuilds; nothing changed, nothing rebuilt."""

from __future__ import annotations

from pathlib import Path

from sopc.build import BuildOptions
from sopc.watch import watch
from tests.conftest import compose_sop


def test_a_saved_change_rebuilds(tmp_path: Path) -> None:
    source = tmp_path / "src"
    source.mkdir()
    sop = source / "a.sop.yaml"
    sop.write_text(compose_sop(""))
    results = []

    def edit(round_no: int) -> None:
        if round_no == 2:  # the author saves a new name
            sop.write_text(compose_sop("").replace("Pengelolaan Berkas Uji", "Pengelolaan Berkas Baru"))

    builds = watch([source], BuildOptions(out_dir=tmp_path / "out", formats=("svg",)), results.append,
                   interval=0.01, rounds=4, after_round=edit)
    assert builds == 2
    assert len(results[0].written) == 1 and not results[0].skipped
    assert results[1].written and "Pengelolaan Berkas Baru" in (tmp_path / "out" / "a.svg").read_text()
