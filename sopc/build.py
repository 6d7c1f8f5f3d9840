"""`sopc build`: lint, then lay out and write each valid SOP's documents (DOCX and SVG)."""

from __future__ import annotations

import functools
import shutil
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sopc.cache import BuildCache, LintMemo, content_key
from sopc.config import Config, ConfigError
from sopc.diagnostics import Severity
from sopc.i18n import pick
from sopc.lint.context import RepoEntry
from sopc.model.base import slug
from sopc.output import PAGE_STEM, document_name, output_stem, remove_leftovers, write_atomic
from sopc.paths import inside
from sopc.pipeline import ConfigCache, LintResult, lint_paths
from sopc.source.files import ASSET_LIMIT, read_file
from sopc.workers import parallel_map


@dataclass(frozen=True)
class BuildOptions:
    """What to build and how."""

    out_dir: Path | None = None  # default: the config's [output] dir
    formats: tuple[str, ...] = ("docx", "svg")
    paper: str | None = None  # default: the config's [document] paper
    svg_style: str = "flow"  # flow | table
    svg_pages: str = "split"  # split | single
    lang: str | None = None
    jobs: int = 1
    monev: bool = False  # also write monev.docx: the monitoring form and evaluation checklist
    manual: bool = False  # also write manual.docx: the whole repository as one book
    unit: str | None = None  # the manual and monev forms of this unit only (any level of `unit`)


@dataclass
class BuildResult:
    """The lint report, the files written, and the SOPs skipped because of errors."""

    lint: LintResult
    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    missing: list[Path] = field(default_factory=list)  # books asked for and not written: the build failed


def build_paths(paths: list[Path], options: BuildOptions, config_file: Path | None = None,
                progress: Progress | None = None) -> BuildResult:
    """Lint `paths`, then build every SOP without error-level findings whose inputs changed.

    Outputs whose source is gone (or that a SOP no longer produces) are removed.
    """
    _resolved.cache_clear()  # links may have changed since the last build (sopc watch)
    configs = ConfigCache(config_file)
    top = configs.for_path(paths[0] if paths else Path("."))  # the config of the (first) folder built
    memo = LintMemo.load(_out_dir(options, top))
    result = BuildResult(lint_paths(paths, options.lang, config_file, jobs=options.jobs, memo=memo))
    plan = Plan(result, configs, options, [p if p.is_dir() else p.parent for p in paths or [Path(".")]])
    todo = plan.jobs()
    for job, outputs, unchanged, warnings in _run_jobs(todo, options, result.lint.lang, plan.numbers, config_file,
                                                       progress):
        result.warnings += [w for w in warnings if w not in result.warnings]
        if outputs is None:  # its old outputs stay; the next build lints it again
            plan.failed.add(str(job.source))
            memo.forget(_cache_name(job.source))
            continue
        result.written += [p for p in outputs if p not in unchanged]
        result.unchanged += unchanged
        plan.caches[job.out_dir].record(_cache_name(job.source), job.key, job.stem, outputs)
    present = {_cache_name(Path(p)) for p in result.lint.sources}
    _write_books(plan, top)
    scopes = [_resolved(p) for p in paths or [Path(".")]]
    for out_dir, cache in plan.caches.items():
        cache.forget(present, scopes)
        cache.save()
        remove_leftovers(out_dir)
    memo.save()
    result.skipped = sorted(plan.failed)
    return result


class Plan:
    """What one build works out before writing: each valid SOP's key, and the jobs of those changed."""

    def __init__(self, result: BuildResult, configs: ConfigCache, options: BuildOptions, bases: list[Path]) -> None:
        self.result, self.configs, self.options, self.bases = result, configs, options, bases
        self.failed = {d.path for d in result.lint.diagnostics if d.severity is Severity.ERROR}
        self.numbers = {e.nomor: e.nama for e in result.lint.entries}  # for keterkaitan: `nomor – nama`
        self.margins: dict[Path | None, float] = {}  # per config file
        self.caches: dict[Path, BuildCache] = {}  # per output folder
        self.built: list[RepoEntry] = []  # every SOP with documents (changed or not)
        self.keys: dict[str, str] = {}  # source -> its cache key, for the books made of them
        self.files: dict[Path | None, bytes] = {}  # config, template and logo files, read once per build

    def cache(self, out_dir: Path) -> BuildCache:
        if out_dir not in self.caches:  # read once per output folder
            self.caches[out_dir] = BuildCache.load(out_dir)
        return self.caches[out_dir]

    def read(self, path: Path | None) -> bytes:
        """A file's bytes (empty when there is none, or it cannot be read), read once per build."""
        if path not in self.files:
            try:
                self.files[path] = read_file(path, ASSET_LIMIT) if path else b""
            except OSError:
                self.files[path] = b""
        return self.files[path]

    def settings_bytes(self, config: Config) -> bytes:
        """The bytes of the config files `config` comes from (with those it extends), read once per build."""
        return b"".join(self.read(f) for f in (config.file, *config.extends))

    def key(self, entry: RepoEntry, config: Config) -> str:
        """Everything one SOP's documents are made from (see sopc.cache)."""
        logo_path = (config.root or Path(entry.path).parent) / entry.logo if entry.logo else None
        links = sorted((k, self.numbers.get(k)) for k in entry.keterkaitan)
        options = self.options
        settings = (options.formats, options.paper, options.svg_style, options.svg_pages, self.result.lint.lang,
                    self.margin(config))
        return content_key(entry.source.text.encode(), self.settings_bytes(config), self.read(template_path(config)),
                           self.read(logo_path), settings, links)

    def margin(self, config: Config) -> float:
        """The reference document's margin, remembered in the build cache by the template's bytes
        (reading it needs python-docx, which a build with nothing to make need not load)."""
        if config.file not in self.margins:
            cache = self.cache(_out_dir(self.options, config))
            template = content_key("template", self.read(template_path(config)))
            if template not in cache.margins:
                cache.margins[template] = _margin(config)
            self.margins[config.file] = cache.margins[template]
        return self.margins[config.file]

    def jobs(self) -> list[Job]:
        """The SOPs to build; those unchanged go to the result as they are."""
        result, lang = self.result, self.result.lint.lang
        placed = []
        for entry in result.lint.entries:
            if entry.path not in self.failed:
                source = Path(entry.path)
                config = self.configs.for_path(source)
                out_dir = _out_dir(self.options, config)
                # outputs mirror the repository whatever path was named (a build of one file writes
                # where the build of the whole repository does); outside one, the path named
                base = config.root if config.root and _inside(source, config.root) else \
                    next((b for b in self.bases if _inside(source, b)), source.parent)
                placed.append((entry, source, config, out_dir, output_stem(source, base, out_dir)))
        # output stem, case folded (Windows and macOS fold it) -> the source making it
        stems: dict[str, str] = {str(stem).casefold(): entry.path for entry, *_, stem in reversed(placed)}
        todo = []
        for entry, source, config, out_dir, stem in placed:
            if not document_name(source).strip("."):  # `.sop.yaml`: no name to give its documents
                self.failed.add(entry.path)
                result.warnings.append(pick(_NAMELESS, lang).format(path=entry.path))
                continue
            # `a.sop.yaml` and `a.sop.yml` would both write a.docx; `x.p1.sop.yaml` would write x's page 1
            page_of = PAGE_STEM.sub("", str(stem)).casefold()
            first = stems.get(page_of) if page_of != str(stem).casefold() else None
            first = first or stems[str(stem).casefold()]
            if first != entry.path:
                self.failed.add(entry.path)
                result.warnings.append(pick(_OVERWRITE, lang).format(path=entry.path, first=first, stem=stem.name))
                continue
            key = self.key(entry, config)
            self.built.append(entry)
            self.keys[entry.path] = key
            outputs = self.cache(out_dir).fresh(_cache_name(source), key)
            if outputs is not None:
                result.unchanged += outputs
                continue
            todo.append(Job(source, key, stem, out_dir, self.margin(config)))
        return todo


_NAMELESS = {
    "id": "{path} tidak dibuat: nama berkasnya tidak menyisakan nama untuk dokumennya; "
          "beri nama, mis. prosedur.sop.yaml",
    "en": "{path} not built: its file name leaves no name for its documents; name it, e.g. procedure.sop.yaml",
}
_OVERWRITE = {
    "id": "{path} tidak dibuat: dokumennya akan menimpa dokumen {first} (keduanya {stem}.*); ganti nama salah satunya",
    "en": "{path} not built: its documents would overwrite those of {first} (both {stem}.*); rename one of them",
}


def _write_books(plan: Plan, top: Config) -> None:
    """The monev forms and the manual, when asked for; each rebuilt only when what it is made of changed."""
    options, result = plan.options, plan.result
    # a [manual] section in the config asks for the manual as --manual does, and may choose the unit
    manual = options.manual or "manual" in top.settings.model_fields_set
    unit = options.unit or top.settings.manual.unit
    books = sorted(_of_unit(plan.built, unit), key=lambda e: e.nomor)
    if unit and (options.monev or manual) and not books:
        result.warnings.append(f"no SOP of unit `{unit}`: no manual or monitoring form written")
    if not books:
        return
    first, lang = books[0], result.lint.lang
    suffix = f"-{slug(unit)}" if unit else ""
    out_dir = _out_dir(options, first.config)
    cache = plan.cache(out_dir)
    template = template_path(first.config)
    if options.monev:
        sops = [(e.nomor, e.nama) for e in books]

        def forms() -> bytes:
            from sopc.backends.monev import monev_docx

            return monev_docx(sops, first.instansi, first.unit, lang, template)

        key = content_key("monev", sops, first.instansi, first.unit, lang, plan.read(template))
        _write_book(out_dir / f"monev{suffix}.docx", key, cache, result, forms)
    if manual:
        def book() -> bytes | None:
            from sopc.documents import manual as manual_bytes

            return manual_bytes(books, plan)

        key = content_key("manual", [plan.keys[e.path] for e in books], top.settings.manual.model_dump(), lang,
                          shutil.which("dot") is not None)
        _write_book(out_dir / f"manual{suffix}.docx", key, cache, result, book)


def _write_book(path: Path, key: str, cache: BuildCache, result: BuildResult,
                make: Callable[[], bytes | None]) -> None:
    """Write a book unless a SOP's document has its name, or it was made from the same `key` and is still there."""
    inside(cache.folder, str(path.relative_to(cache.folder)))  # never through a link out of the output folder
    if path in result.written or path in result.unchanged:  # e.g. a manual.sop.yaml at the top
        result.warnings.append(pick(_TAKEN, result.lint.lang).format(path=path))
        result.missing.append(path)
        return
    if cache.book_fresh(path, key):
        result.unchanged.append(path)
        return
    data = make()
    if data is not None:
        (result.written if write_atomic(path, data) else result.unchanged).append(path)
        cache.record_book(path, key)


def _of_unit(entries: list[RepoEntry], unit: str | None) -> list[RepoEntry]:
    """The entries whose `unit` names `unit` at any level; all without one.

    Names are compared by slug, as actors are, so case, spacing and accents do not matter and the
    unit that matches is the one the file name (`manual-<slug>.docx`) says.
    """
    if not unit:
        return entries
    wanted = slug(unit)
    return [e for e in entries if any(slug(level) == wanted for level in e.unit)]


@dataclass(frozen=True)
class Job:
    """One SOP whose documents must be (re)built."""

    source: Path
    key: str
    stem: Path
    out_dir: Path
    margin: float


JobDone = tuple[Job, list[Path] | None, list[Path], list[str]]  # job, outputs (None: not built), unchanged, warnings
POOL_AT = 8  # below this many SOPs a process pool costs more than it saves


def _run_jobs(jobs: list[Job], options: BuildOptions, lang: str, numbers: dict[str, str],
              config_file: Path | None, progress: Progress | None = None) -> Iterator[JobDone]:
    """Build the jobs, in `options.jobs` worker processes when there are enough of them."""
    if not jobs:
        return
    from sopc.documents import build_chunk  # the back-ends load only when there is something to make

    parallel = options.jobs > 1 and len(jobs) >= POOL_AT
    size = max(1, len(jobs) // (options.jobs * 4)) if parallel else 1
    chunks = [jobs[i:i + size] for i in range(0, len(jobs), size)]
    tasks = [(chunk, options, lang, numbers, config_file) for chunk in chunks]
    done = parallel_map(build_chunk, tasks, options.jobs if parallel else 1)
    yield from _counted(done, len(jobs), progress)


Progress = Callable[[int, int], None]  # (SOPs built so far, SOPs to build)


def _counted(chunks: Iterable[list[JobDone]], total: int, progress: Progress | None) -> Iterator[JobDone]:
    count = 0
    for chunk in chunks:
        count += len(chunk)
        if progress:
            progress(count, total)
        yield from chunk


def _cache_name(source: Path) -> str:
    return str(_resolved(source))


@functools.lru_cache(maxsize=65536)
def _resolved(path: Path) -> Path:
    """A path resolved once per build (a no-op build of 1,000 SOPs asked 6,000 times)."""
    return path.resolve()


_TAKEN = {"id": "{path} tidak ditulis: nama itu milik dokumen sebuah SOP; ganti nama berkas SOP itu",
          "en": "{path} not written: a SOP's document has that name; rename that SOP's file"}


def _inside(path: Path, folder: Path) -> bool:
    try:
        _resolved(path).relative_to(_resolved(folder))
        return True
    except ValueError:
        return False


def _out_dir(options: BuildOptions, config: Config) -> Path:
    if options.out_dir is not None:
        return options.out_dir
    return (config.root or Path(".")) / config.settings.output.dir


def _margin(config: Config) -> float:
    """The reference document's margin; a template that is no Word document is a configuration error,
    found before anything is written."""
    from sopc.backends.docx.document import TemplateError, template_margin

    try:
        return template_margin(template_path(config))
    except TemplateError as err:
        raise ConfigError(config.file or "sopc.toml", f"[document] template: {err}") from None


def template_path(config: Config) -> Path | None:
    name = config.settings.document.template
    return inside(config.root or Path("."), name) if name else None  # checked when the config was read


