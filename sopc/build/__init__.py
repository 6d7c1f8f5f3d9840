"""`sopc build`: lint, then lay out and write each valid SOP's documents, the books and the PDFs.

`build_paths` reads top to bottom: lint (sopc.lint.run) → plan (plan.py: which SOPs changed; books.py:
whether the manual is made) → render (render.py, the heavy half, in worker processes; each SOP's
section of the manual with its documents) → books (books.py: manual, monev) →
PDF (LibreOffice) → clean up (caches saved, leftovers removed). The options and results both
halves share are in options.py.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator
from pathlib import Path

from sopc.build.books import ManualJob, plan_manual, write_books
from sopc.build.options import POOL_AT, BuildOptions, BuildResult, Job, JobDone, Progress
from sopc.build.plan import Plan, cache_name, out_dir, resolved
from sopc.config import Config, ConfigCache
from sopc.lint.memo import LintMemo
from sopc.lint.run import KEPT, lint_paths
from sopc.output import remove_leftovers
from sopc.workers import Crew

__all__ = ["BuildOptions", "BuildResult", "build_paths"]


def build_paths(paths: list[Path], options: BuildOptions, config_file: Path | None = None,
                progress: Progress | None = None) -> BuildResult:
    """Lint `paths`, then build every SOP without error-level findings whose inputs changed.

    Outputs whose source is gone (or that a SOP no longer produces) are removed. When PDFs were
    asked for and LibreOffice could not make them, `result.pdf_error` says why.
    """
    resolved.cache_clear()  # links may have changed since the last build (sopc watch)
    configs = ConfigCache(config_file, options.overrides)
    top = configs.for_path(paths[0] if paths else Path("."))  # the config of the (first) folder built
    memo = LintMemo.load(out_dir(options, top))
    # one crew of workers for the whole build: the SOPs each lints, it lays out
    with Crew(options.jobs) as crew:
        try:
            return _build(paths, options, config_file, progress, configs, top, memo, crew)
        finally:
            KEPT.clear()  # what was kept here and not built (its documents were up to date)
            gc.unfreeze()  # collected again after the build (sopc watch builds in one process)


def _build(paths: list[Path], options: BuildOptions, config_file: Path | None, progress: Progress | None,
           configs: ConfigCache, top: Config, memo: LintMemo, crew: Crew) -> BuildResult:
    # lint
    result = BuildResult(lint_paths(paths, options.overrides, config_file, jobs=options.jobs, memo=memo, crew=crew))
    gc.freeze()  # what the lint found is kept to the end: the collections the build's garbage makes skip it
    # plan
    plan = Plan(result, configs, options, [p if p.is_dir() else p.parent for p in paths or [Path(".")]], crew)
    todo = plan.jobs()
    manual = plan_manual(plan, top)  # started now, each SOP rendered writes its section too
    # render
    for job, outputs, unchanged, warnings, entry, part in _render(todo, plan, config_file, progress, manual):
        result.warnings += [w for w in warnings if w not in result.warnings]
        if outputs is None:  # its old outputs stay; the next build lints it again
            plan.failed.add(str(job.source))
            memo.forget(cache_name(job.source))
            continue
        result.written += [p for p in outputs if p not in unchanged]
        if entry is not None:
            plan.records[str(job.source)] = entry
        result.unchanged += unchanged
        plan.caches[job.out_dir].record(cache_name(job.source), job.key, job.stem, outputs, entry)
        if manual is not None and part is not None:
            manual.sections[str(job.source)] = part
    # books
    write_books(plan, top, manual)
    # clean up
    present = {cache_name(Path(p)) for p in result.lint.sources}
    scopes = [resolved(p) for p in paths or [Path(".")]]
    for folder, cache in plan.caches.items():
        cache.forget(present, scopes)
        cache.save()
        remove_leftovers(folder)
    memo.save()
    result.skipped = sorted(plan.failed)
    # PDF, last: LibreOffice failing leaves every other output and cache in place
    if options.pdf:
        result.written += _pdf(result, options.jobs)
    return result


def _pdf(result: BuildResult, jobs: int) -> list[Path]:
    """A PDF of every DOCX built whose PDF is missing or older: the PDFs written."""
    from sopc.backends.pdf import PdfError, to_pdf

    def stale(docx: Path) -> bool:
        pdf = docx.with_suffix(".pdf")
        return not pdf.exists() or pdf.stat().st_mtime < docx.stat().st_mtime

    try:
        return to_pdf([p for p in result.written + result.unchanged if p.suffix == ".docx" and stale(p)], jobs)
    except PdfError as err:
        result.pdf_error = err
        return []


def _render(jobs: list[Job], plan: Plan, config_file: Path | None, progress: Progress | None = None,
            manual: ManualJob | None = None) -> Iterator[JobDone]:
    """Build the jobs, in `options.jobs` worker processes when there are enough of them; with a
    manual started, the SOPs in it make their sections too."""
    if not jobs:
        return
    from sopc.build.render import build_chunk  # the back-ends load only when there is something to make

    options = plan.options
    look, in_book = (manual.book.look, frozenset(str(Path(e.path)) for e in manual.entries)) \
        if manual is not None and manual.book is not None else (None, frozenset())
    shared = (options, plan.result.lint.lang, plan.numbers, plan.pages, config_file, plan.labels, look, in_book)
    done = plan.crew.map_chunks(build_chunk, jobs, shared, POOL_AT, key=lambda job: str(job.source))
    yield from _counted((chunk for _, chunk in done), len(jobs), progress)


def _counted(chunks: Iterable[list[JobDone]], total: int, progress: Progress | None) -> Iterator[JobDone]:
    count = 0
    for chunk in chunks:
        count += len(chunk)
        if progress:
            progress(count, total)
        yield from chunk
