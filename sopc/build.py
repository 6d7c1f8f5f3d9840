"""`sopc build`: lint, then lay out and write each valid SOP's documents (SVG for now)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sopc.backends.svg import render_pages
from sopc.config import Config
from sopc.diagnostics import Severity
from sopc.layout.swimlane import layout_sop
from sopc.lint.context import LintUnit
from sopc.output import output_stem, write_atomic
from sopc.pipeline import ConfigCache, LintResult, lint_paths, load_unit


@dataclass(frozen=True)
class BuildOptions:
    """What to build and how."""

    out_dir: Path | None = None  # default: the config's [output] dir
    formats: tuple[str, ...] = ("svg",)
    paper: str | None = None  # default: the config's [document] paper
    svg_style: str = "flow"  # flow | table
    svg_pages: str = "split"  # split | single
    lang: str | None = None
    jobs: int = 1


@dataclass
class BuildResult:
    """The lint report, the files written, and the SOPs skipped because of errors."""

    lint: LintResult
    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def build_paths(paths: list[Path], options: BuildOptions, config_file: Path | None = None) -> BuildResult:
    """Lint `paths`, then build every SOP without error-level findings."""
    result = BuildResult(lint_paths(paths, options.lang, config_file, jobs=options.jobs))
    failed = {d.path for d in result.lint.diagnostics if d.severity is Severity.ERROR}
    configs = ConfigCache(config_file)
    bases = [p if p.is_dir() else p.parent for p in paths or [Path(".")]]
    for entry in result.lint.entries:
        if entry.path in failed:
            continue
        source = Path(entry.path)
        config = configs.for_path(source)
        unit, _, _ = load_unit(source, config, result.lint.lang)
        assert unit is not None  # it was valid a moment ago
        base = next((b for b in bases if _inside(source, b)), source.parent)
        stem = output_stem(source, base, _out_dir(options, config))
        for path, data in _documents(unit, stem, options, config, result.lint.lang):
            (result.written if write_atomic(path, data) else result.unchanged).append(path)
    result.skipped = sorted(failed)
    return result


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
        return True
    except ValueError:
        return False


def _out_dir(options: BuildOptions, config: Config) -> Path:
    if options.out_dir is not None:
        return options.out_dir
    return (config.root or Path(".")) / config.settings.output.dir


def _documents(unit: LintUnit, stem: Path, options: BuildOptions, config: Config,
               lang: str) -> Iterator[tuple[Path, bytes]]:
    """(path, bytes) of every output of one SOP."""
    paper = options.paper or config.settings.document.paper
    if "svg" in options.formats:
        layout = layout_sop(unit.sop, unit.flow, paper, lang, single_sheet=options.svg_pages == "single")
        pages = render_pages(layout, options.svg_style, lang, f"{unit.sop.nomor} {unit.sop.nama}")
        if len(pages) == 1:
            yield stem.with_name(stem.name + ".svg"), pages[0]
        else:
            for number, data in enumerate(pages, start=1):
                yield stem.with_name(f"{stem.name}.p{number}.svg"), data

