"""The lint run: discover -> load -> validate -> flow -> lint, over files (in worker processes) or bytes."""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import hashlib
import pickle
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sopc.config import NO_OVERRIDES, Config, ConfigCache, Overrides
from sopc.diagnostics import Diagnostic, Severity, Span, sort_diagnostics
from sopc.flow import Flow, build_flow
from sopc.lint.context import LintUnit, RepoEntry
from sopc.lint.engine import lint_project, lint_unit, per_file_ignored
from sopc.lint.memo import LintMemo, content_key
from sopc.lint.review import Review, ReviewError, changed_since
from sopc.model.sop import Sop
from sopc.model.validate import validate
from sopc.source.discover import display_path, find_sources
from sopc.source.files import read_file
from sopc.source.lines import editor_lines
from sopc.source.loader import Source, load, load_bytes
from sopc.source.scalars import as_written
from sopc.texts.i18n import resolve_lang, tr
from sopc.workers import Crew, chunk_size, map_chunks


@dataclass
class LintResult:
    """What `sopc lint` found, with the source lines the report quotes."""

    diagnostics: list[Diagnostic]
    files: int
    entries: list[RepoEntry]  # the valid SOPs
    lang: str
    texts: dict[str, str] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)  # every file read (display paths)
    _lines: dict[str, list[str]] = field(default_factory=dict, repr=False, compare=False)

    def lines(self, path: str) -> list[str]:
        """The lines of a file the report quotes (empty when it could not be read); split once per
        file, not once per finding (10,000 findings in one file once took most of a minute)."""
        if path not in self._lines:
            text = self.texts.get(path)
            self._lines[path] = editor_lines(text) if text is not None else []
        return self._lines[path]


def lint_paths(paths: Sequence[Path], overrides: Overrides = NO_OVERRIDES, config_file: Path | None = None,
               jobs: int = 1, today: dt.date | None = None, since: str | None = None,
               memo: LintMemo | None = None, respect_gitignore: bool = True, crew: Crew | None = None) -> LintResult:
    """Lint every SOP under `paths`, with `jobs` worker processes for large repositories.

    `overrides` are the command line's settings over sopc.toml's (the language, the rules chosen).
    `today` dates the review check (default: today); `since` is a git ref to compare with. With a
    `memo`, a SOP linted before with the same key is not read again (and new results are added).
    With a `crew` (a build's), the lint runs on its workers, and whichever process checks a valid
    SOP keeps it (`KEPT`) for the build to lay out (`kept`).
    Raises ConfigError (bad configuration), PathError (no such path) or ReviewError (git).
    """
    with without_collection():
        return _lint_paths(paths, overrides, config_file, jobs, today, since, memo, respect_gitignore, crew)


# a build's SOPs as their lint left them, in the process that checked them: display path -> (a digest
# of the text linted, the model and flow pickled). Pickled: 7 KB a SOP where the objects held 160 KB
# (a thousand SOPs doubled the build's memory), and read back in a fifth of a parse and validation.
KEPT: dict[str, tuple[bytes, int, bytes]] = {}


def _keep(unit: LintUnit) -> None:
    """Keep a linted SOP's model and flow in this process for the build (`kept`)."""
    text = unit.source.text.encode("utf-8")
    KEPT[str(Path(unit.source.path))] = (hashlib.blake2b(text).digest(), len(text),
                                         pickle.dumps((unit.sop, unit.flow), pickle.HIGHEST_PROTOCOL))


def kept(file: Path) -> tuple[Sop, Flow] | None:
    """The model and flow this process kept of `file` when it linted it (and lets them go), if the
    file still holds what was linted; None when it must be loaded again (it was saved since)."""
    record = KEPT.pop(str(file), None)
    if record is None:
        return None
    digest, size, model = record
    try:
        now = read_file(file, size + 1)
    except OSError:  # larger than linted (`read_file` refuses it), gone, unreadable
        return None
    return pickle.loads(model) if hashlib.blake2b(now).digest() == digest else None  # noqa: S301  (made above)


@contextlib.contextmanager
def without_collection() -> Iterator[None]:
    """No cyclic garbage collection while the lint builds and keeps its thousands of objects: each
    collection re-walked every SOP already loaded (1,000 SOPs with a finding each: 3.8 s with,
    1.6 s without); what linting makes is freed by reference counting."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _lint_paths(paths: Sequence[Path], overrides: Overrides, config_file: Path | None, jobs: int,
                today: dt.date | None, since: str | None, memo: LintMemo | None,
                respect_gitignore: bool, crew: Crew | None) -> LintResult:
    configs = ConfigCache(config_file, overrides)
    files = find_sources(paths or [Path(".")], configs, respect_gitignore)
    first = configs.for_path(files[0] if files else (paths[0] if paths else Path(".")))
    lang = resolve_lang(None, first.settings.lang)
    review = Review(today or dt.date.today(), since, _changed_since(since, files) if since else {})
    diagnostics: list[Diagnostic] = []
    entries: list[RepoEntry] = []
    texts: dict[str, str] = {}
    for file, (entry, found, text) in _checked(files, configs, lang, jobs, review, memo, crew):
        diagnostics += found
        if text is not None:
            texts[display_path(file)] = text
        if entry is not None:
            entry.config = configs.for_path(file)  # one shared object per config, also after a worker
            entries.append(entry)
    named = {e.path for e in entries}
    for group in _by_repository(entries):
        # the rules across a repository judge the files named against all of its SOPs, whichever
        # files were named (a pre-commit hook names the staged ones): the rest are read, not linted
        found = [d for d in lint_project(group + _rest_of_repository(group, paths, files, configs, lang), lang)
                 if d.path in named]
        texts.update((e.path, e.source.text) for e in group if any(d.path == e.path for d in found))
        diagnostics += found
    diagnostics = _without_per_file_ignores(diagnostics, files, configs)
    return LintResult(sort_diagnostics(diagnostics), len(files), entries, lang, texts,
                      [display_path(f) for f in files])


def _changed_since(since: str, files: list[Path]) -> dict[str, str]:
    try:
        return changed_since(since, files)
    except ReviewError as err:  # the message names the option it is about
        raise ReviewError({lang: tr("review.option", lang, ref=since, problem=text)
                           for lang, text in err.texts.items()}) from None


def lint_bytes(data: bytes, filename: Path | None = None, overrides: Overrides = NO_OVERRIDES,
               config_file: Path | None = None, today: dt.date | None = None) -> LintResult:
    """Lint one SOP given as bytes (an editor's buffer, `sopc lint -` reading standard input), as if
    it were the file `filename`: that file's sopc.toml, and its repository for the repository rules."""
    configs = ConfigCache(config_file, overrides)
    config = configs.for_path(filename if filename is not None else Path.cwd())
    lang = resolve_lang(None, config.settings.lang)
    shown = display_path(filename) if filename is not None else "-"
    limits = config.settings.limits
    source, diagnostics = load_bytes(data, shown, lang, limits)
    entries: list[RepoEntry] = []
    texts = {shown: source.text} if source is not None else {}
    sop = None
    if source is not None:
        sop, found = validate(source, config.settings.defaults, lang)
        diagnostics = [*diagnostics, *found]
    if source is not None and sop is not None:
        unit = LintUnit(source, sop, build_flow(sop), config)
        unit.review = Review(today or dt.date.today())
        diagnostics += lint_unit(unit, lang)
        entry = RepoEntry.of(unit)
        entry.config = config
        entries.append(entry)
        named = [filename] if filename is not None else []
        rest = _rest_of_repository(entries, [filename or Path("-")], named, configs, lang)
        diagnostics += [d for d in lint_project(entries + rest, lang) if d.path == shown]
    if filename is not None:
        diagnostics = _without_per_file_ignores(diagnostics, [filename], configs)
    return LintResult(sort_diagnostics(diagnostics), 1, entries, lang, texts, [shown])


def _without_per_file_ignores(diagnostics: list[Diagnostic], files: list[Path],
                              configs: ConfigCache) -> list[Diagnostic]:
    """The findings `[lint] per_file_ignores` leaves reported (patterns relative to the repository root)."""
    ignored: dict[str, set[str]] = {}
    for file in files:
        config = configs.for_path(file)
        if config.settings.lint.per_file_ignores:
            root = config.repository.resolve()
            where = file.resolve()
            relative = where.relative_to(root).as_posix() if where.is_relative_to(root) else file.name
            ignored[display_path(file)] = per_file_ignored(config.settings.lint, relative)
    return [d for d in diagnostics if d.code not in ignored.get(d.path, ())] if ignored else diagnostics


def _rest_of_repository(group: list[RepoEntry], paths: Sequence[Path], files: list[Path], configs: ConfigCache,
                        lang: str) -> list[RepoEntry]:
    """The valid SOPs of `group`'s repository (the folder of its sopc.toml) that were not among
    `files`; none without a sopc.toml (then what was named is the repository), or when a folder
    named holds the whole repository (then every file was linted already)."""
    root = group[0].config.root
    if root is None or any(p.is_dir() and root.is_relative_to(p.resolve()) for p in paths or [Path(".")]):
        return []
    checked = {f.resolve() for f in files}
    rest = []
    for file in find_sources([root], configs):
        config = configs.for_path(file)
        if file.resolve() in checked or config.root != root:  # linted already, or a nearer sopc.toml's
            continue
        unit = load_unit(file, config, lang)[0]
        if unit is not None:
            entry = RepoEntry.of(unit)
            entry.config = config
            rest.append(entry)
    return rest


# (the file's entry if it is a valid SOP, its findings, its text if the report must quote it)
CheckedFile = tuple[RepoEntry | None, list[Diagnostic], str | None]


def _checked(files: list[Path], configs: ConfigCache, lang: str, jobs: int, review: Review,
             memo: LintMemo | None, crew: Crew | None) -> list[tuple[Path, CheckedFile]]:
    """Every file checked, in order: from the memo where its key is unchanged, else by check_file."""
    if memo is None or review.since:
        return list(zip(files, _check_files(files, configs, lang, jobs, review, crew), strict=True))
    settings: dict[Path | None, tuple[bytes, str]] = {}
    keys: dict[Path, tuple[str, str, bytes]] = {}
    done: dict[Path, CheckedFile] = {}
    for file in files:
        config = configs.for_path(file)
        try:
            if config.file not in settings:  # its text, and where it is: the root that paths are checked against
                settings[config.file] = (config.read(), str(config.file.resolve()) if config.file else "")
            data = read_file(file, config.settings.limits.max_bytes, config.repository)
        except OSError:
            continue  # check_file reports it
        name, key = str(file.resolve()), content_key(data, *settings[config.file], lang, review.today.isoformat())
        found = memo.get(name, key)
        if found is not None:
            done[file] = _restore(found, file, data.decode("utf-8"))
        else:
            keys[file] = (name, key, data)
    todo = [f for f in files if f not in done]
    for file, checked in zip(todo, _check_files(todo, configs, lang, jobs, review, crew), strict=True):
        done[file] = checked
        if file in keys:
            name, key, data = keys[file]
            record = _record(checked, data)
            if record is not None:
                memo.put(name, key, record)
    return [(f, done[f]) for f in files]


def _record(checked: CheckedFile, data: bytes) -> dict | None:
    """A valid SOP's findings and repository entry as JSON data; None for what is not kept
    (invalid files, and files the loader changed: other encodings, removed characters)."""
    entry, found, _ = checked
    if entry is None or entry.source.text.encode("utf-8") != data:
        return None
    written = entry.source.data.get("keterkaitan")
    return {
        "diagnostics": [[d.code, d.severity.value, d.message, d.span.line, d.span.column, d.span.end_line,
                         d.span.end_column] for d in found],
        "entry": [entry.nomor, entry.nama, entry.induk, list(entry.keterkaitan), entry.instansi, list(entry.unit),
                  entry.logo],
        # the one part of the data a repository rule reads (to point at a keterkaitan item)
        "keterkaitan": [as_written(x) for x in written] if isinstance(written, list) else written,
        "hidden": sorted(entry.hidden),  # what the suppression rule (SP02) judges the comments by
    }


def _restore(record: dict, file: Path, text: str) -> CheckedFile:
    path = display_path(file)
    found = [Diagnostic(path, Span(*span), code, Severity(severity), message)
             for code, severity, message, *span in record["diagnostics"]]
    nomor, nama, induk, keterkaitan, instansi, unit, logo = record["entry"]
    data = {"keterkaitan": record["keterkaitan"]} if record["keterkaitan"] is not None else {}
    source = Source(path, text, data)
    entry = RepoEntry(source, nomor, nama, induk, tuple(keterkaitan), instansi, tuple(unit), logo,
                      hidden={(line, code) for line, code in record["hidden"]})
    return entry, found, text if found else None


CHUNK = 64  # files per task: big enough that a worker's start and the pickling stay small


def _check_files(files: list[Path], configs: ConfigCache, lang: str, jobs: int,
                 review: Review, crew: Crew | None) -> list[CheckedFile]:
    """check_file for every file, in order; in `jobs` processes when there are enough files (on the
    crew's, which keep the valid SOPs for the build, and note which worker keeps which)."""
    extra = (configs.forced, lang, review, configs.overrides, crew is not None)
    if crew is None:
        return [item for chunk in map_chunks(_check_chunk, files, extra, jobs, 2 * CHUNK, CHUNK) for item in chunk]
    done: list[CheckedFile] = []
    # smaller chunks than a lint's alone: what each worker lints, it lays out, so the shares must be even
    size = min(CHUNK, chunk_size(len(files), jobs, parallel=True))
    for task, chunk in crew.map_chunks(_check_chunk, files, extra, 2 * CHUNK, size):
        crew.kept.update((str(Path(entry.path)), task) for entry, _, _ in chunk if entry is not None)
        done += chunk
    return done


def _check_chunk(files: list[Path], forced: Path | None, lang: str, review: Review,
                 overrides: Overrides, keep: bool = False) -> list[CheckedFile]:
    configs = ConfigCache(forced, overrides)
    with without_collection():
        return [check_file(f, configs.for_path(f), lang, review, keep) for f in files]


def check_file(file: Path, config: Config, lang: str, review: Review | None = None,
               keep: bool = False) -> CheckedFile:
    """Load, validate and lint one file; with `keep`, a valid SOP stays in `KEPT` for the build."""
    unit, found, text = load_unit(file, config, lang)
    if unit is None:
        return None, found, text
    if review is not None:
        unit.review = review
    found += lint_unit(unit, lang)
    unit.source.release()  # its spans are looked up; the tree would only weigh on every collection
    if keep:
        _keep(unit)
    return RepoEntry.of(unit), found, text if found else None


def load_unit(file: Path, config: Config, lang: str) -> tuple[LintUnit | None, list[Diagnostic], str | None]:
    """Load and validate one file: its LintUnit if valid, else its findings (and text, if read)."""
    limits = config.settings.limits
    source, read = load(file, lang, limits, display_path(file), config.repository)  # warnings may come with a source
    if source is None:
        return None, read, None
    sop, found = validate(source, config.settings.defaults, lang)
    if sop is None:
        return None, read + found, source.text
    return LintUnit(source, sop, build_flow(sop), config), read, source.text


def _by_repository(entries: Iterable[RepoEntry]) -> list[list[RepoEntry]]:
    """SOPs that share a configuration form one repository for the repository-wide rules."""
    groups: dict[Path | None, list[RepoEntry]] = {}
    for entry in entries:
        groups.setdefault(entry.config.root, []).append(entry)
    return list(groups.values())
