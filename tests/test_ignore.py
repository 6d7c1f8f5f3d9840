"""Exclude patterns read as a .gitignore does, and discovery honours them."""

from __future__ import annotations

from pathlib import Path

import pytest

from sopc.config import ConfigCache
from sopc.source.discover import discover, find_sources
from sopc.source.ignore import IgnoreSpec


@pytest.mark.parametrize(("patterns", "path", "is_dir", "expected"), [
    (["draft"], "draft", True, True),
    (["draft"], "a/b/draft", True, True),               # no slash: a name at any depth
    (["draft/"], "draft.sop.yaml", False, False),       # trailing slash: folders only
    (["draft/"], "x/draft", True, True),
    (["/draft"], "x/draft", True, False),               # leading slash: anchored
    (["a/draft"], "x/a/draft", True, False),            # middle slash: anchored too
    (["*.sop.yml"], "dinas/x.sop.yml", False, True),
    (["dinas/*.sop.yaml"], "dinas/sub/x.sop.yaml", False, False),  # `*` stops at `/`
    (["dinas/**/*.sop.yaml"], "dinas/sub/deep/x.sop.yaml", False, True),
    (["dinas/**/*.sop.yaml"], "dinas/x.sop.yaml", False, True),    # `**/` is zero folders too
    (["**/lama"], "a/b/lama", True, True),
    (["arsip/**"], "arsip/2019/x.sop.yaml", False, True),
    (["arsip/**"], "arsip", True, False),
    (["sop-0?.sop.yaml"], "sop-01.sop.yaml", False, True),
    (["sop-[!0]*.sop.yaml"], "sop-01.sop.yaml", False, False),
    (["sop-[!0]*.sop.yaml"], "sop-11.sop.yaml", False, True),
    (["*.sop.yaml", "!penting.sop.yaml"], "a/penting.sop.yaml", False, False),  # last match wins
    (["!penting.sop.yaml", "*.sop.yaml"], "penting.sop.yaml", False, True),
    (["# komentar", "", "  "], "# komentar", False, False),
    (["\\#1.sop.yaml"], "#1.sop.yaml", False, True),
    (["a+b(1).sop.yaml"], "a+b(1).sop.yaml", False, True),          # regex characters are literal
])
def test_patterns_match_as_git_does(patterns: list[str], path: str, is_dir: bool, expected: bool) -> None:
    assert IgnoreSpec(patterns).matches(path, is_dir) is expected


def _touch(root: Path, *names: str) -> None:
    for name in names:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("x: 1\n", encoding="utf-8")


def test_discovery_prunes_folders_and_reincludes_files(tmp_path: Path) -> None:
    _touch(tmp_path, "a.sop.yaml", "draft/b.sop.yaml", "dinas/draft/c.sop.yaml",
           "arsip/2019/lama.sop.yaml", "arsip/2019/berlaku-d.sop.yaml", "draft/berlaku-e.sop.yaml")
    found = discover([tmp_path], ["draft/", "arsip/**/*.sop.yaml", "!berlaku-*.sop.yaml"])
    # `draft/` prunes both draft folders, so berlaku-e stays out (as in git); berlaku-d comes back.
    assert [p.relative_to(tmp_path).as_posix() for p in found] == ["a.sop.yaml", "arsip/2019/berlaku-d.sop.yaml"]


def test_patterns_are_relative_to_the_folder_searched(tmp_path: Path) -> None:
    _touch(tmp_path, "unit/draft/a.sop.yaml", "unit/b.sop.yaml")
    assert [p.name for p in discover([tmp_path / "unit"], ["/draft/"])] == ["b.sop.yaml"]
    assert sorted(p.name for p in discover([tmp_path], ["/draft/"])) == ["a.sop.yaml", "b.sop.yaml"]


def test_configured_patterns_are_relative_to_the_config_file(tmp_path: Path) -> None:
    _touch(tmp_path, "dinas/draft/a.sop.yaml", "dinas/b.sop.yaml", "lain/draft/c.sop.yaml")
    (tmp_path / "sopc.toml").write_text('exclude = ["/dinas/draft/"]\n', encoding="utf-8")
    configs = ConfigCache()
    # Linting one unit's folder still reads the repository's pattern from the repository root.
    assert [p.name for p in find_sources([tmp_path / "dinas"], configs)] == ["b.sop.yaml"]
    assert sorted(p.name for p in find_sources([tmp_path], configs)) == ["b.sop.yaml", "c.sop.yaml"]
