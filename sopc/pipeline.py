"""The stages, chained in one readable place: discover -> load -> validate -> flow -> lint."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sopc.config import Config, find_config, load_config
from sopc.diagnostics import Diagnostic, sort_diagnostics
from sopc.discover import discover
from sopc.flow import build_flow
from sopc.i18n import resolve_lang
from sopc.lint.context import LintUnit
from sopc.lint.engine import check_settings, lint_project, lint_unit
from sopc.model.validate import validate
from sopc.source.loader import Limits, load


@dataclass
class LintResult:
    """What `sopc lint` found, with the source lines the report quotes."""

    diagnostics: list[Diagnostic]
    files: int
    units: list[LintUnit]
    lang: str
    lines: dict[str, list[str]] = field(default_factory=dict)


class ConfigCache:
    """One Config per folder: the nearest sopc.toml is looked up once per folder, read once per file."""

    def __init__(self, forced: Path | None = None) -> None:
        self.forced = forced
        self.by_folder: dict[Path, Config] = {}
        self.by_file: dict[Path | None, Config] = {}

    def for_path(self, path: Path) -> Config:
        folder = path if path.is_dir() else path.parent
        if folder not in self.by_folder:
            file = self.forced or find_config(folder)
            if file not in self.by_file:
                config = load_config(file)
                check_settings(config.settings.lint, str(file))
                self.by_file[file] = config
            self.by_folder[folder] = self.by_file[file]
        return self.by_folder[folder]


def display_path(path: Path) -> str:
    """A path as the user would type it: relative to the current folder when inside it."""
    try:
        return os.path.relpath(path) if not os.path.relpath(path).startswith("..") else str(path)
    except ValueError:  # another drive on Windows
        return str(path)


def find_sources(paths: Sequence[Path], configs: ConfigCache) -> list[Path]:
    """The SOP files under `paths`, honouring each path's configured excludes."""
    files: dict[Path, None] = {}
    for path in paths:
        for file in discover([path], configs.for_path(path).settings.exclude):
            files[file] = None
    return list(files)


def lint_paths(paths: Sequence[Path], lang: str | None = None, config_file: Path | None = None,
               limits: Limits = Limits()) -> LintResult:
    """Lint every SOP under `paths`. Raises ConfigError (bad config) or PathError (no such path)."""
    configs = ConfigCache(config_file)
    files = find_sources(paths or [Path(".")], configs)
    first = configs.for_path(files[0] if files else (paths[0] if paths else Path(".")))
    lang = resolve_lang(lang, first.settings.lang)
    diagnostics: list[Diagnostic] = []
    units: list[LintUnit] = []
    lines: dict[str, list[str]] = {}
    for file in files:
        unit, found = _check_file(file, configs.for_path(file), lang, limits, lines)
        diagnostics += found
        if unit is not None:
            units.append(unit)
    for group in _by_repository(units):
        diagnostics += lint_project(group, lang)
    return LintResult(sort_diagnostics(diagnostics), len(files), units, lang, lines)


def _check_file(file: Path, config: Config, lang: str, limits: Limits,
                lines: dict[str, list[str]]) -> tuple[LintUnit | None, list[Diagnostic]]:
    shown = display_path(file)
    source, found = load(file, lang, limits, display=shown)
    if source is None:
        return None, found
    lines[shown] = source.smap.lines
    sop, found = validate(source, config.settings.defaults, lang)
    if sop is None:
        return None, found
    unit = LintUnit(source, sop, build_flow(sop), config)
    return unit, lint_unit(unit, lang)


def _by_repository(units: Iterable[LintUnit]) -> list[list[LintUnit]]:
    """SOPs that share a configuration form one repository for the repository-wide rules."""
    groups: dict[Path | None, list[LintUnit]] = {}
    for unit in units:
        groups.setdefault(unit.config.root, []).append(unit)
    return list(groups.values())
