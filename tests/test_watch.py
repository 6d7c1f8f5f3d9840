"""`sopc watch`: a saved change rebuilds; nothing changed, nothing rebuilt."""

from __future__ import annotations

from pathlib import Path

from sopc.build import BuildOptions
from sopc.build.watch import snapshot, watch
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


def test_excluded_files_do_not_rebuild_and_a_parent_config_does(tmp_path: Path) -> None:
    (tmp_path / "sopc.toml").write_text('exclude = ["draft/"]\n', encoding="utf-8")
    unit = tmp_path / "unit"
    (unit / "draft").mkdir(parents=True)
    (unit / "a.sop.yaml").write_text(compose_sop(""))
    draft = unit / "draft" / "b.sop.yaml"
    draft.write_text(compose_sop(""))
    results = []

    def edit(round_no: int) -> None:
        if round_no == 1:  # a draft is saved: excluded, no rebuild
            draft.write_text(compose_sop("").replace("Pengelolaan Berkas Uji", "Draf"))
        if round_no == 2:  # the repository's config, above the folder watched, changes: rebuild
            (tmp_path / "sopc.toml").write_text('exclude = ["draft/"]\nlang = "en"\n', encoding="utf-8")

    builds = watch([unit], BuildOptions(out_dir=tmp_path / "out", formats=("svg",)), results.append,
                   interval=0.01, rounds=4, after_round=edit)
    assert builds == 2
    assert results[0].lint.files == 1 and results[1].lint.lang == "en"  # the second build is the config's


def test_a_broken_config_is_reported_and_watching_goes_on(tmp_path: Path) -> None:
    (tmp_path / "sopc.toml").write_text("exclude = [\n", encoding="utf-8")
    (tmp_path / "a.sop.yaml").write_text(compose_sop(""))
    assert tmp_path / "a.sop.yaml" in snapshot([tmp_path])


def test_a_build_stopped_by_a_broken_config_is_reported_and_the_next_save_builds(tmp_path: Path) -> None:
    from sopc.build import BuildOptions
    from sopc.build.watch import watch

    config = tmp_path / "sopc.toml"
    config.write_text("exclude = [\n", encoding="utf-8")  # half-saved
    (tmp_path / "a.sop.yaml").write_text(compose_sop(""))
    errors: list[str] = []
    built: list[int] = []

    def fix(round_no: int) -> None:
        if round_no == 1:
            config.write_text('exclude = ["draft"]\n', encoding="utf-8")

    options = BuildOptions(out_dir=tmp_path / "out", formats=("svg",))
    made = watch([tmp_path], options, lambda r: built.append(len(r.written)), interval=0.01, rounds=3,
                 after_round=fix, on_error=lambda err: errors.append(str(err)))
    assert len(errors) == 1 and "sopc.toml" in errors[0]
    assert made == 1 and built and built[0] > 0
