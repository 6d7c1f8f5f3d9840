"""The build's plan: which valid SOPs have documents, each one's key, and the jobs of those changed.

Everything here is light (no back-end is imported): a build that finds nothing changed ends after it.
"""

from __future__ import annotations

import functools
from pathlib import Path

from sopc.build.cache import BuildCache, content_key
from sopc.build.options import BuildOptions, BuildResult, Job
from sopc.config import Config, ConfigCache, ConfigError
from sopc.diagnostics import Severity
from sopc.lint.context import RepoEntry
from sopc.output import PAGE_STEM, document_name, output_stem
from sopc.paths import inside
from sopc.source.files import ASSET_LIMIT, read_file
from sopc.texts.i18n import LANGS, tr
from sopc.texts.labels import Labels, labels_of, labels_path
from sopc.workers import Crew


class Plan:
    """What one build works out before writing: each valid SOP's key, and the jobs of those changed."""

    def __init__(self, result: BuildResult, configs: ConfigCache, options: BuildOptions, bases: list[Path],
                 crew: Crew | None = None) -> None:
        self.result, self.configs, self.options, self.bases = result, configs, options, bases
        self.crew = crew or Crew(1)  # the workers that linted, to lay out what each linted (none: all here)
        self.failed = {d.path for d in result.lint.diagnostics if d.severity is Severity.ERROR}
        self.numbers = {e.nomor: e.nama for e in result.lint.entries}  # for keterkaitan: `nomor – nama`
        self.pages: dict[str, str] = {}  # nomor -> where its outputs go (`umum/x`), for links between pages
        self.records: dict[str, dict] = {}  # source -> its entry in the HTML catalogue's index
        self.margins: dict[Path | None, float] = {}  # per config file
        self.caches: dict[Path, BuildCache] = {}  # per output folder
        self.built: list[RepoEntry] = []  # every SOP with documents (changed or not)
        self.keys: dict[str, str] = {}  # source -> its cache key, for the books made of them
        self.files: dict[Path | None, bytes] = {}  # config, template and logo files, read once per build
        self.labels: dict[Path | None, Labels] = {}  # per config file: what its documents print

    def cache(self, folder: Path) -> BuildCache:
        if folder not in self.caches:  # read once per output folder
            self.caches[folder] = BuildCache.load(folder)
        return self.caches[folder]

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
        """Everything one SOP's documents are made from (see cache.py)."""
        logo_path = (config.root or Path(entry.path).parent) / entry.logo if entry.logo else None
        links = sorted((k, self.numbers.get(k), self.pages.get(k)) for k in {*entry.keterkaitan, entry.induk or ""})
        options = self.options
        settings = (options.formats, config.settings.document.paper, options.svg_style, options.svg_pages,
                    self.result.lint.lang, self.margin(config), options.pdf and "html" in options.formats)
        return content_key(entry.source.text.encode(), self.settings_bytes(config), self.read(template_path(config)),
                           self.read(labels_path(config)), self.read(logo_path), settings, links)

    def labels_for(self, config: Config) -> Labels:
        """The texts `config`'s documents print: sopc's labels, with the unit's `[document] labels` over
        them; a file that cannot be used is a configuration error, found before anything is written."""
        if config.file not in self.labels:
            self.labels[config.file] = labels_of(config, self.result.lint.lang)
        return self.labels[config.file]

    def margin(self, config: Config) -> float:
        """The reference document's margin, remembered in the build cache by the template's bytes
        (reading it needs python-docx, which a build with nothing to make need not load)."""
        if config.file not in self.margins:
            cache = self.cache(out_dir(self.options, config))
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
                folder = out_dir(self.options, config)
                # outputs mirror the repository whatever path was named (a build of one file writes
                # where the build of the whole repository does); outside one, the path named
                base = config.root if config.root and _inside(source, config.root) else \
                    next((b for b in self.bases if _inside(source, b)), source.parent)
                placed.append((entry, source, config, folder, output_stem(source, base, folder)))
        # output stem, case folded (Windows and macOS fold it) -> the source making it
        stems: dict[str, str] = {str(stem).casefold(): entry.path for entry, *_, stem in reversed(placed)}
        for entry, _, _, folder, stem in reversed(placed):  # the first of a nomor named twice (RP01) wins
            self.pages[entry.nomor] = stem.relative_to(folder).as_posix()
        todo = []
        for entry, source, config, folder, stem in placed:
            if not document_name(source).strip("."):  # `.sop.yaml`: no name to give its documents
                self.failed.add(entry.path)
                result.warnings.append(tr("build.nameless", lang, path=entry.path))
                continue
            # `a.sop.yaml` and `a.sop.yml` would both write a.docx; `x.p1.sop.yaml` would write x's page 1
            page_of = PAGE_STEM.sub("", str(stem)).casefold()
            first = stems.get(page_of) if page_of != str(stem).casefold() else None
            first = first or stems[str(stem).casefold()]
            if first != entry.path:
                self.failed.add(entry.path)
                result.warnings.append(tr("build.overwrite", lang, path=entry.path, first=first, stem=stem.name))
                continue
            key = self.key(entry, config)
            self.built.append(entry)
            self.keys[entry.path] = key
            outputs = self.cache(folder).fresh(cache_name(source), key)
            if outputs is not None:
                result.unchanged += outputs
                if (record := self.cache(folder).entries[cache_name(source)].get("record")) is not None:
                    self.records[entry.path] = dict(record)
                continue
            self.labels_for(config)  # read here, once: the workers are handed it
            todo.append(Job(source, key, stem, folder, self.margin(config)))
        return todo




def cache_name(source: Path) -> str:
    """A source's name in the caches: its resolved path."""
    return str(resolved(source))


@functools.lru_cache(maxsize=65536)
def resolved(path: Path) -> Path:
    """A path resolved once per build (a no-op build of 1,000 SOPs asked 6,000 times)."""
    return path.resolve()


def _inside(path: Path, folder: Path) -> bool:
    try:
        resolved(path).relative_to(resolved(folder))
        return True
    except ValueError:
        return False


def out_dir(options: BuildOptions, config: Config) -> Path:
    """The output folder: the one asked for, else the config's [output] dir."""
    if options.out_dir is not None:
        return options.out_dir
    return (config.root or Path(".")) / config.settings.output.dir


def _margin(config: Config) -> float:
    """The reference document's margin; a template that is no Word document is a configuration error,
    found before anything is written."""
    path = template_path(config)
    if path is None:  # sopc's own reference: read without python-docx
        from sopc.backends.reference import own_margin

        own = own_margin()
        if own is not None:
            return own
    from sopc.backends.docx.document import TemplateError, template_margin

    try:
        return template_margin(path)
    except TemplateError as err:
        raise ConfigError(config.file or "sopc.toml", {lang: tr("config.template", lang, problem=err.message(lang))
                                                       for lang in LANGS}) from None


def template_path(config: Config) -> Path | None:
    name = config.settings.document.template
    return inside(config.root or Path("."), name) if name else None  # checked when the config was read


