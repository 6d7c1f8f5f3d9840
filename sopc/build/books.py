"""The books made of many SOPs: the monev forms and the manual, each rebuilt only when what it is made of changed."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from sopc.build.cache import BuildCache, content_key
from sopc.build.options import BuildResult
from sopc.build.plan import Plan, out_dir, template_path
from sopc.config import Config
from sopc.lint.context import RepoEntry
from sopc.model.base import slug
from sopc.output import write_atomic
from sopc.paths import inside
from sopc.texts.i18n import tr

if TYPE_CHECKING:
    from sopc.backends.manual import Manual, Section


@dataclass
class ManualJob:
    """The manual of this build: its file, what it is made of, and (when it must be made again) the
    book started before the SOPs are rendered, with the sections made so far (by source)."""

    path: Path
    key: str
    entries: list[RepoEntry]  # in nomor order
    book: Manual | None = None
    sections: dict[str, Section] = field(default_factory=dict)


def plan_manual(plan: Plan, top: Config) -> ManualJob | None:
    """The manual, when asked for (--manual, or a [manual] section in the config, which may choose
    the unit) and the unit has SOPs; started unless it was made from the same SOPs already."""
    options = plan.options
    if not (options.manual or top.asks_manual):
        return None
    unit = top.settings.manual.unit
    books = _books(plan, unit)
    if not books:
        return None
    folder = out_dir(options, books[0].config)
    key = content_key("manual", [plan.keys[e.path] for e in books], top.settings.manual.model_dump(),
                      plan.result.lint.lang, shutil.which("dot") is not None)
    job = ManualJob(folder / f"manual{_suffix(unit)}.docx", key, books)
    if not plan.cache(folder).book_fresh(job.path, key):
        from sopc.build.render import start_manual  # the back-ends, only when it must be made

        job.book = start_manual(books, plan)
    return job


def write_books(plan: Plan, top: Config, manual: ManualJob | None = None) -> None:
    """The monev forms, the manual (`plan_manual`) and the HTML catalogue's index, when asked for;
    each rebuilt only when what it is made of changed."""
    options, result = plan.options, plan.result
    if "html" in options.formats:
        _write_catalogue(plan, top)
    unit = top.settings.manual.unit
    books = _books(plan, unit)
    if unit and (options.monev or options.manual or top.asks_manual) and not books:
        result.warnings.append(tr("build.no_unit", result.lint.lang, unit=unit))
    if not books:
        return
    first = books[0]
    suffix = _suffix(unit)
    folder = out_dir(options, first.config)
    cache = plan.cache(folder)
    template = template_path(first.config)
    if options.monev:
        sops = [(e.nomor, e.nama) for e in books]
        text = dict(plan.labels_for(first.config))
        paper = first.config.settings.document.paper  # the forms' paper is the SOPs'

        def forms() -> bytes:
            from sopc.backends.monev import monev_docx

            return monev_docx(sops, first.instansi, first.unit, text, template, paper)

        key = content_key("monev", sops, first.instansi, first.unit, text, plan.read(template), paper)
        _write_book(folder / f"monev{suffix}.docx", key, cache, result, forms)
    if manual is not None:
        def book() -> bytes | None:
            from sopc.build.render import finish_manual, start_manual

            started = manual.book or start_manual(manual.entries, plan)  # e.g. removed during the build
            return finish_manual(started, manual.entries, manual.sections, plan)

        _write_book(manual.path, manual.key, cache, result, book)


def _write_catalogue(plan: Plan, top: Config) -> None:
    """The catalogue's index, relation map and assets (html/), from every SOP with documents."""
    entries = [e for e in plan.built if e.path in plan.records]
    if not entries:
        return
    folder = out_dir(plan.options, top)
    cache, result, lang = plan.cache(folder), plan.result, plan.result.lint.lang
    text = plan.labels_for(top)
    records = [plan.records[e.path] for e in entries]
    relations = sorted((e.nomor, e.induk or "", sorted(e.keterkaitan)) for e in entries)
    key = content_key("html", sorted(records, key=lambda r: r["page"]), relations, dict(text), lang,
                      shutil.which("dot") is not None)
    from sopc.backends.html.catalogue import NAMES, catalogue

    index = folder / "html" / "index.html"
    made = [folder / "html" / name for name in NAMES]
    if cache.book_fresh(index, key) and all(path.is_file() for path in made):
        result.unchanged += made
        return

    for name, data in catalogue(records, entries, text, lang):
        path = folder / "html" / name
        inside(folder, str(path.relative_to(folder)))  # never through a link out of the output folder
        (result.written if write_atomic(path, data) else result.unchanged).append(path)
    cache.record_book(index, key)


def _write_book(path: Path, key: str, cache: BuildCache, result: BuildResult,
                make: Callable[[], bytes | None]) -> None:
    """Write a book unless a SOP's document has its name, or it was made from the same `key` and is still there."""
    inside(cache.folder, str(path.relative_to(cache.folder)))  # never through a link out of the output folder
    if path in result.written or path in result.unchanged:  # e.g. a manual.sop.yaml at the top
        result.warnings.append(tr("build.taken", result.lint.lang, path=path))
        result.missing.append(path)
        return
    if cache.book_fresh(path, key):
        result.unchanged.append(path)
        return
    data = make()
    if data is not None:
        (result.written if write_atomic(path, data) else result.unchanged).append(path)
        cache.record_book(path, key)


def _suffix(unit: str | None) -> str:
    """What a book's file name says of the unit it was made for: `manual-bagian-umum.docx`."""
    return f"-{slug(unit)}" if unit else ""


def _books(plan: Plan, unit: str | None) -> list[RepoEntry]:
    """The SOPs with documents the books of `unit` hold (all without one), in nomor order."""
    return sorted(_of_unit(plan.built, unit), key=lambda e: e.nomor)


def _of_unit(entries: list[RepoEntry], unit: str | None) -> list[RepoEntry]:
    """The entries whose `unit` names `unit` at any level; all without one.

    Names are compared by slug, as actors are, so case, spacing and accents do not matter and the
    unit that matches is the one the file name (`manual-<slug>.docx`) says.
    """
    if not unit:
        return entries
    wanted = slug(unit)
    return [e for e in entries if any(slug(level) == wanted for level in e.unit)]

