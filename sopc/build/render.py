"""The heavy half of the build: each SOP's DOCX and SVG (in worker processes), and the manual.

The back-ends (python-docx, lxml, the layout, Graphviz) are imported here only, and this module
only when something must be made: a build that finds nothing changed never loads them.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sopc.backends.docx.identity import Logo, Signature
from sopc.backends.docx.logo import LogoError, logo_png
from sopc.backends.manual import Look, Manual, Section, section
from sopc.backends.registry import BACKENDS, Rendering, placed
from sopc.build.options import POOL_AT, BuildOptions, BuildResult, Job, JobDone
from sopc.build.plan import template_path
from sopc.config import Config, ConfigCache, Overrides
from sopc.flow import Flow
from sopc.layout.geometry import Layout
from sopc.layout.paper import PAPERS
from sopc.layout.swimlane import layout_sop
from sopc.lint.context import RepoEntry
from sopc.lint.run import kept, load_unit
from sopc.model.sop import Sop
from sopc.output import write_atomic
from sopc.paths import PathEscape, inside
from sopc.texts.i18n import tr
from sopc.texts.labels import Labels

if TYPE_CHECKING:
    from sopc.build.plan import Plan


def start_manual(entries: list[RepoEntry], plan: Plan) -> Manual:
    """The book of `entries` (in nomor order) with what its sections are written with settled, so
    that each SOP built in this run writes its section as it writes its documents."""
    result, configs = plan.result, plan.configs
    first = entries[0]
    config = configs.for_path(Path(first.path))
    width, height = PAPERS[config.settings.document.paper]  # the first SOP's paper is the book's
    logo = _logo(first.logo, Path(first.path), config, {}, result.warnings, result.lint.lang)
    return Manual(config.settings.manual, plan.labels_for(config), (width, height, plan.margin(config)),
                  first.instansi, first.unit, logo, plan.numbers, _signature(config))


def finish_manual(book: Manual, entries: list[RepoEntry], made: dict[str, Section], plan: Plan) -> bytes | None:
    """The manual: the sections the SOPs' builds `made` (by source), the others made now (in worker
    processes when there are enough of them), in nomor order."""
    result, configs = plan.result, plan.configs
    lang = result.lint.lang
    paths = [Path(e.path) for e in entries]  # `made` is keyed as the build names sources: str(Path(...))
    missing = [p for p, e in zip(paths, entries, strict=True) if str(p) not in made and e.path not in plan.failed]
    for path in missing:  # what the workers are handed: each config's labels and margin, read here once
        config = configs.for_path(path)
        plan.labels_for(config)
        plan.margin(config)
    shared = (configs.overrides, lang, configs.forced, plan.labels, plan.margins, book.look)
    done = plan.crew.map_chunks(manual_chunk, missing, shared, POOL_AT, key=str)
    for _, chunk in done:
        for path, part in chunk:
            if part is None:  # broken since it was linted: the book goes without it this time
                result.warnings.append(tr("build.changed", lang, path=path))
            else:
                made[str(path)] = part
    for path in paths:
        if str(path) in made:
            book.add(made[str(path)])
    if not book.sections:
        return None
    return book.docx(_map(entries, book.labels, lang, result))


def manual_chunk(paths: list[Path], overrides: Overrides, lang: str, config_file: Path | None,
                 texts: dict[Path | None, Labels], margins: dict[Path | None, float],
                 look: Look) -> list[tuple[Path, Section | None]]:
    """Each SOP's section of the manual (None when it no longer loads), laid out as its own DOCX is."""
    configs = ConfigCache(config_file, overrides)
    done: list[tuple[Path, Section | None]] = []
    for path in paths:
        config = configs.for_path(path)
        model = _model(path, config, lang)
        if model is None:
            done.append((path, None))
            continue
        sop, flow = model
        layout = layout_sop(sop, flow, config.settings.document.paper, texts[config.file], margin=margins[config.file])
        done.append((path, section(sop, layout, look)))
    return done


PAGE_INCHES = "10,6.5"  # the manual's map: at most a landscape page's width and height


def _map(entries: list[RepoEntry], text: Labels, lang: str, result: BuildResult) -> bytes | None:
    """The manual's map of the SOPs that relate to one another, as PNG; None when none do, or it cannot be drawn."""
    import graphviz  # only a manual draws it: a build of documents does not load Graphviz's module

    from sopc.backends.relations import READABLE_MOST, related, relation_graph

    linked = related(entries)
    if not linked:
        return None
    if len(linked) > READABLE_MOST:  # past this, a page of boxes is read by nobody: the map waits for Graphviz
        result.warnings.append(tr("build.map_too_big", lang, count=len(linked), most=READABLE_MOST))
        return None
    graph = relation_graph(linked, text)
    graph.graph_attr.update(size=PAGE_INCHES, dpi="200")  # drawn to fit a landscape page, printed sharp
    try:
        return graph.pipe(format="png", quiet=True)  # dot's notes on big maps stay quiet
    except graphviz.ExecutableNotFound:
        result.warnings.append(tr("build.map_no_dot", lang))
    except subprocess.CalledProcessError as err:
        result.warnings.append(tr("build.map_failed", lang, code=err.returncode))
    return None


def build_chunk(jobs: list[Job], options: BuildOptions, lang: str, numbers: dict[str, str], pages: dict[str, str],
                config_file: Path | None, texts: dict[Path | None, Labels], look: Look | None,
                in_book: frozenset[str]) -> list[JobDone]:
    """Load, lay out and write the documents of each job (in this process); `texts` are the labels
    each config file's documents print (the plan read them). With the HTML catalogue, each job also
    gives back its entry in the catalogue's index (sopc.backends.html.record); with a manual to
    make, the SOPs `in_book` their section of it (from the same layout)."""
    configs = ConfigCache(config_file, options.overrides)
    logos: dict[Path, Logo | None] = {}  # each logo file read (and an SVG drawn) once per process
    done: list[JobDone] = []
    for job in jobs:
        config = configs.for_path(job.source)
        model = _model(job.source, config, lang)
        if model is None:  # valid when linted, broken since: saved again during the build
            done.append((job, None, [], [tr("build.changed", lang, path=job.source)], None, None))
            continue
        warnings: list[str] = []
        sop, flow = model
        logo = _logo(sop.logo, job.source, config, logos, warnings, lang)
        relative = job.stem.relative_to(job.out_dir).as_posix()
        context = _Context(options, config, lang, texts[config.file], numbers, pages, logo, job.margin)
        outputs: list[Path] = []
        unchanged: list[Path] = []
        layout = layout_sop(sop, flow, config.settings.document.paper, context.labels, margin=job.margin)
        for path, data in _documents(sop, flow, layout, job.out_dir, relative, context):
            inside(job.out_dir, str(path.relative_to(job.out_dir)))  # never through a link out of the folder
            if not write_atomic(path, data):
                unchanged.append(path)
            outputs.append(path)
        entry = None
        if "html" in options.formats:
            from sopc.backends.html import record

            entry = record(sop, relative, texts[config.file])
        part = section(sop, layout, look) if look is not None and str(job.source) in in_book else None
        done.append((job, outputs, unchanged, warnings, entry, part))
    return done


@dataclass(frozen=True)
class _Context:
    """What every SOP's documents are made with."""

    options: BuildOptions
    config: Config
    lang: str
    labels: Labels
    numbers: dict[str, str]  # the repository's SOP numbers -> names, for keterkaitan
    pages: dict[str, str]  # the repository's SOP numbers -> where their outputs go, for links
    logo: Logo | None
    margin: float  # the reference template's page margin, for every document alike


def _logo(name: str | None, source: Path, config: Config, cache: dict[Path, Logo | None], warnings: list[str],
          lang: str) -> Logo | None:
    """The logo `name` of the SOP at `source`, looked up from the repository root (else the SOP's
    folder); a warning if unusable."""
    if not name:
        return None
    try:
        path = inside(config.root or source.parent, name)
    except PathEscape:
        return None  # the linter reports it (ID09) and the SOP is not built
    if path not in cache:
        try:
            cache[path] = logo_png(path)
        except FileNotFoundError:
            cache[path] = None
            warnings.append(tr("build.logo_missing", lang, logo=name, path=path))
        except LogoError as err:
            cache[path] = None
            warnings.append(tr("build.logo_bad", lang, logo=name, problem=err.message(lang)))
        except OSError as err:
            cache[path] = None
            warnings.append(tr("build.logo_bad", lang, logo=name, problem=err))
    return cache[path]


def _signature(config: Config) -> Signature:
    document = config.settings.document
    return Signature(document.signature_mm, document.signature_text)


def _model(path: Path, config: Config, lang: str) -> tuple[Sop, Flow] | None:
    """A SOP's model and flow: as the lint kept them in this process (read once), else loaded
    again; None when it no longer loads."""
    found = kept(path)
    if found is not None:
        return found
    unit = load_unit(path, config, lang)[0]
    return (unit.sop, unit.flow) if unit is not None else None


def _documents(sop: Sop, flow: Flow, layout: Layout, out_dir: Path, relative: str,
               context: _Context) -> Iterator[tuple[Path, bytes]]:
    """(path, bytes) of every output of one SOP (`relative`.* in `out_dir`), drawn from `layout`:
    each format asked for, through its back-end."""
    options, lang = context.options, context.lang
    paper = context.config.settings.document.paper
    text = context.labels
    stem = relative.rpartition("/")[2]
    doc = Rendering(sop, layout, stem, lang, text, context.numbers, relative, context.pages, options.formats,
                    options.pdf, context.logo, template_path(context.config), _signature(context.config),
                    options.svg_style, options.svg_pages,
                    lambda: layout_sop(sop, flow, paper, text, single_sheet=True, margin=context.margin))
    for backend in BACKENDS.values():
        if backend.name in options.formats:
            for name, data in backend.render()(doc):
                if not backend.owns(stem, name):  # a back-end names only its own files: stem and suffix
                    raise ValueError(f"back-end {backend.name} named a file {name!r} that is not {stem}.*")
                yield out_dir / placed(backend, relative, name), data
