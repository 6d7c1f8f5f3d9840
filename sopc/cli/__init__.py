"""The `sopc` command line: parses options, calls the pipeline, maps outcomes to exit codes.

Exit codes: 0 clean; 1 a finding at error level (or any warning with --strict);
2 usage, configuration or internal error.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from sopc import __version__
from sopc.backends.registry import default_names, names
from sopc.cli.help import Group, spoken_lang
from sopc.diagnostics import shown
from sopc.layout.paper import PAPERS
from sopc.texts.i18n import LANGS, resolve_lang, texts, tr

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2

_lang_option = click.option("--lang", type=click.Choice(LANGS), default=None,
                            help="Language of messages: id (Bahasa Indonesia) or en. "
                                 "Default: sopc.toml, then SOPC_LANG/LANG, then id.")
_paths_argument = click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
_config_option = click.option("--config", "config_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
                              help="Use this sopc.toml instead of the nearest one.")
_out_dir_option = click.option("-o", "--output", "out_dir", type=click.Path(file_okay=False, path_type=Path),
                               help="Folder for the documents. Default: [output] dir of sopc.toml, else ./build.")


class _Formats(click.Choice):
    """The formats of sopc.backends.registry, read when a command line is parsed (so a format
    registered after this module was loaded is a choice too)."""

    def __init__(self) -> None:
        super().__init__([])

    @property
    def choices(self) -> tuple[str, ...]:
        return tuple(names())

    @choices.setter
    def choices(self, _value: object) -> None:
        pass


def _jobs_option(help: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    return click.option("-j", "--jobs", type=click.IntRange(min=1), default=None, help=help)


class _Sopc(Group):
    """The `sopc` group: any error a user can cause (SopcError), from any command, becomes
    `sopc: <message>` in the language the command speaks, and exit code 2."""

    def invoke(self, ctx: click.Context) -> Any:
        from sopc.errors import SopcError

        try:
            return super().invoke(ctx)
        except SopcError as err:
            click.echo(f"sopc: {shown(err.message(spoken_lang(ctx.meta.get('sopc.args', []))))}", err=True)
            sys.exit(EXIT_ERROR)


def _version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if not value or ctx.resilient_parsing:
        return
    from sopc.cli.origin import install_note

    click.echo(f"sopc {__version__} (installed from {install_note()})")
    ctx.exit()


@click.group(cls=_Sopc, context_settings={"help_option_names": ["-h", "--help"]}, epilog=(
    "A new repository: sopc init; a new SOP: sopc new \"Nama SOP\"; then sopc lint and sopc build. "
    "Guide: docs/panduan.md (Bahasa Indonesia), docs/guide.md (English)."))
@click.option("--version", "-V", is_flag=True, expose_value=False, is_eager=True, callback=_version,
              help="Show the version and where this sopc was installed from, and exit.")
def cli() -> None:
    """sopc: Standard Operating Procedures (Permenpan-RB 35/2012) written as YAML, checked and built.

    Keep one `*.sop.yaml` file per SOP in git; `sopc lint` checks them before review and in CI.
    """


@cli.command()
@_paths_argument
@click.option("--format", "fmt", type=click.Choice(["text", "json", "github", "sarif", "gitlab", "junit"]),
              default=None, help="Report format: text for people; json, github, sarif, gitlab (Code Quality) "
                                 "or junit (test reports) for CI. Default: github under GitHub Actions, else text.")
@click.option("--strict", is_flag=True, help="Fail (exit 1) on warnings too, not only on errors.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings (the report still shows them).")
@click.option("-q", "--quiet", is_flag=True, help="Print the findings only: no summary line, no notes.")
@click.option("--statistics", is_flag=True, help="Print how many findings of each rule instead of each finding.")
@click.option("--select", "select", multiple=True, metavar="CODES",
              help="Run only these rules (codes, names or prefixes, comma-separated), instead of sopc.toml's.")
@click.option("--extend-select", multiple=True, metavar="CODES", help="Run these rules too.")
@click.option("--ignore", "ignore", multiple=True, metavar="CODES", help="Do not run these rules.")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True,
              help="Colour the text report (NO_COLOR and FORCE_COLOR are honoured under auto).")
@click.option("--show-files", is_flag=True, help="List the SOP files that would be linted, and exit.")
@click.option("--respect-gitignore/--no-respect-gitignore", default=True, show_default=True,
              help="Skip the files git ignores (a folder named is searched; a file named is always read).")
@click.option("--stdin-filename", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="With `-` (a SOP on standard input): the file it stands for, in messages and for its sopc.toml.")
@_config_option
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the report to this file instead of standard output.")
@_jobs_option("Worker processes for large repositories. Default: all cores.")
@click.option("--today", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="Check review dates (tanggal revisi) against this day (YYYY-MM-DD). Default: today.")
@click.option("--since", metavar="GIT-REF", default=None,
              help="Warn about SOPs changed since this git ref (e.g. origin/main) whose tanggal revisi did not move.")
@click.option("--fix", is_flag=True, help="Make the safe, mechanical fixes in the files first (and say which).")
@click.option("--diff", "show_diff", is_flag=True, help="Show the fixes --fix would make; change nothing.")
@_lang_option
def lint(paths: tuple[Path, ...], fmt: str | None, strict: bool, exit_zero: bool, quiet: bool, statistics: bool,
         select: tuple[str, ...], extend_select: tuple[str, ...], ignore: tuple[str, ...], color: str,
         show_files: bool, respect_gitignore: bool, stdin_filename: Path | None, config_file: Path | None,
         output: Path | None, jobs: int | None, today, since: str | None, fix: bool, show_diff: bool,
         lang: str | None) -> None:
    """Check SOP files against Permenpan-RB 35/2012 and good practice.

    PATHS are files or folders (searched for *.sop.yaml and *.sop.yml); none means the current folder.
    """
    from sopc.config import ConfigCache, Overrides
    from sopc.diagnostics import Severity
    from sopc.errors import SopcError
    from sopc.lint.run import lint_bytes, lint_paths, without_collection
    from sopc.output import OutputError
    from sopc.report.formats import FORMATTERS, render_statistics, render_text
    from sopc.source.discover import display_path, find_sources

    fmt = fmt or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    overrides = Overrides(_codes(select), _codes(extend_select), _codes(ignore), lang)
    if show_files:
        for file in find_sources(list(paths) or [Path(".")], ConfigCache(config_file), respect_gitignore):
            click.echo(shown(display_path(file)))
        sys.exit(EXIT_OK)
    if paths == (Path("-"),):  # one SOP on standard input
        if fix or show_diff:
            raise SopcError(texts("cli.stdin_fix"))
        data = sys.stdin.buffer.read(STDIN_LIMIT + 1)
        result = lint_bytes(data, stdin_filename, overrides, config_file, today.date() if today else None)
    else:
        if fix or show_diff:  # a file --fix cannot write back (a full disk) is left as it was
            _fix(list(paths), config_file, write=not show_diff)
        with without_collection():  # held off until the freeze: enabled first, it would walk everything once
            result = lint_paths(list(paths), overrides, config_file, jobs=jobs or os.cpu_count() or 1,
                                today=today.date() if today else None, since=since,
                                respect_gitignore=respect_gitignore)
            gc.freeze()  # what the lint kept is kept to the end of this run: the report's collections skip it
    if result.files == 0 and not quiet:
        click.echo(tr("cli.no_files", result.lang), err=True)
    if statistics:
        report = render_statistics(result)
    elif fmt == "text":
        report = render_text(result, summary_line=not quiet)
    else:
        report = FORMATTERS[fmt](result)
    if output:
        try:
            output.write_text(report, encoding="utf-8")
        except OSError as err:
            raise OutputError(str(output), err.strerror or str(err)) from None
    else:
        click.echo(report, nl=False, color=_colour(color) if fmt == "text" else False)
    worst = {d.severity for d in result.diagnostics}
    failed = Severity.ERROR in worst or (strict and Severity.WARNING in worst)
    sys.exit(EXIT_FINDINGS if failed and not exit_zero else EXIT_OK)


STDIN_LIMIT = 64 * 1024 * 1024  # bytes read from standard input at most (the file's own limit applies after)


def _codes(given: tuple[str, ...]) -> tuple[str, ...]:
    """`--select LK04,ID` and `--select LK04 --select ID` alike."""
    return tuple(code.strip() for item in given for code in item.split(",") if code.strip())


def _colour(choice: str) -> bool | None:
    """click's colour setting: never/always as asked; under auto, NO_COLOR and FORCE_COLOR (any
    non-empty value, as no-color.org and force-color.org say), else whether it is a terminal."""
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return None


@cli.command()
@_paths_argument
@_out_dir_option
@click.option("--format", "formats", type=_Formats(), multiple=True, default=tuple(default_names()), show_default=True,
              help="Documents to write (repeatable).")
@click.option("--paper", type=click.Choice(list(PAPERS)), default=None,
              help="Paper, always landscape. Default: [document] paper of sopc.toml, else A4.")
@click.option("--svg-style", type=click.Choice(["flow", "table"]), default="flow", show_default=True,
              help="flow: No, Kegiatan and the actor lanes, each symbol numbered; table: the whole official table.")
@click.option("--svg-pages", type=click.Choice(["split", "single"]), default="split", show_default=True,
              help="split: one SVG per page of the printed table; single: one tall sheet.")
@_config_option
@_jobs_option("Worker processes (linting and building). Default: all cores.")
@click.option("--pdf", is_flag=True, help="Also print each DOCX to PDF with LibreOffice (when it is installed).")
@click.option("--manual", is_flag=True, help="Also write manual.docx: cover, decree, contents, explanation, "
                                              "the map of relations, then every SOP.")
@click.option("--monev", is_flag=True,
              help="Also write monev.docx: the monitoring form (Tabel 7) and the evaluation checklist.")
@click.option("--unit", metavar="NAME", default=None,
              help="The manual and monitoring forms of this unit only (manual-<unit>.docx, monev-<unit>.docx); "
                   "NAME is any level of the SOPs' `unit`.")
@_lang_option
def build(paths: tuple[Path, ...], out_dir: Path | None, formats: tuple[str, ...], paper: str | None,
          svg_style: str, svg_pages: str, config_file: Path | None, jobs: int | None, pdf: bool, manual: bool,
          monev: bool, unit: str | None, lang: str | None) -> None:
    """Lint, then write the documents of every SOP without errors.

    A SOP with error-level findings is not built; the report says why, and the exit code is 1.
    """
    import time

    from sopc.backends.pdf import INSTALL, PdfError, soffice
    from sopc.build import BuildOptions, build_paths
    from sopc.config import Overrides
    from sopc.model.base import slug
    from sopc.report.formats import render_text

    if pdf and soffice() is None:
        raise PdfError(INSTALL)
    if unit is not None and not slug(unit):
        raise click.BadParameter("name a unit in letters or digits", param_hint="--unit")
    options = BuildOptions(out_dir, formats, svg_style, svg_pages, jobs or os.cpu_count() or 1, monev, manual, pdf,
                           Overrides(lang=lang, paper=paper, unit=unit))
    started = time.perf_counter()
    bar = _ProgressBar() if sys.stderr.isatty() else None  # CI gets the summary line only
    # no freezing here: documents are cyclic garbage, and fewer collections let a build grow to GBs
    result = build_paths(list(paths), options, config_file, bar)
    if result.lint.diagnostics:
        click.echo(render_text(result.lint), nl=False)
    if bar is not None:
        bar.close()
    for warning in result.warnings:
        click.echo(f"sopc: {shown(warning)}", err=True)
    if result.pdf_error is not None:
        raise result.pdf_error
    click.echo(tr("build.summary", result.lint.lang, w=len(result.written), u=len(result.unchanged),
                  s=len(result.skipped), t=time.perf_counter() - started))
    sys.exit(EXIT_FINDINGS if result.skipped or result.missing else EXIT_OK)


@cli.command(short_help="Start a SOP repository (config, example, schema, CI, pre-commit).")
@click.argument("directory", default=".", type=click.Path(file_okay=False, path_type=Path))
@click.option("--instansi", default="Nama Instansi", show_default=True, help="The unit's kementerian/lembaga/pemda.")
@click.option("--unit", "units", multiple=True, default=("Nama Unit Kerja",), show_default=True,
              help="A line of the unit's name under the instansi (repeatable).")
@click.option("--ci", type=click.Choice(["github", "gitlab"]), default="github", show_default=True,
              help="Which CI recipe to write.")
@click.option("--install", default=None, metavar="REQUIREMENT",
              help="What CI installs: sopc==VERSION, 'sopc @ git+URL@TAG' or a .whl (pinned). "
                   "Default: where this sopc was installed from, when CI can reach it.")
@click.option("--pages", is_flag=True, help="Also a CI job publishing the HTML catalogue, with the documents to "
                                            "download, on GitHub Pages or GitLab Pages.")
def init(directory: Path, instansi: str, units: tuple[str, ...], ci: str, install: str | None, pages: bool) -> None:
    """Start a SOP repository: sopc.toml, an example SOP, the schema, pre-commit and CI recipes.

    In an existing repository it adds what is missing: its lines go into an existing .gitignore and
    its hook into an existing .pre-commit-config.yaml; any other file already there is kept.
    """
    import datetime as dt

    from sopc.scaffold import init_files, install_spec, write_into

    files = init_files(instansi, list(units), ci, dt.date.today(), install_spec(install), pages)
    for path, done in write_into(directory, files):
        click.echo(f"sopc: {path}: {done}")
    click.echo("sopc: next: edit sopc.toml, then `sopc lint` and `sopc build`", err=True)


@cli.command(name="import", short_help="Bring signed SOPs in from Word (.docx) and PDF files.")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("."),
              show_default=True, help="Folder for the *.sop.yaml files.")
@click.option("--force", is_flag=True, help="Overwrite a *.sop.yaml that is already there.")
@_lang_option
def import_files(files: tuple[Path, ...], out_dir: Path, force: bool, lang: str | None) -> None:
    """Read SOP AP documents (Word or PDF) and write one *.sop.yaml per SOP found.

    Every guess is a `# import:` comment at its place; values the folder's sopc.toml already gives
    every SOP are left out. A file that is not a SOP, a scan or a protected file is named and
    skipped; the exit code is then 1.
    """
    from sopc.config import find_config, load_config
    from sopc.errors import SopcError
    from sopc.importer import import_document
    from sopc.output import write_atomic

    config = load_config(find_config(out_dir if out_dir.exists() else Path(".")))
    speaks = resolve_lang(lang, config.settings.lang)
    failed = False
    taken: set[Path] = set()
    for file in files:
        try:
            found = import_document(file, dict(config.settings.defaults))
        except SopcError as err:
            click.echo(f"sopc: {shown(err.message(speaks))}", err=True)
            failed = True
            continue
        for sop in found:
            path, n = out_dir / f"{sop.name}.sop.yaml", 2
            while path in taken:
                path, n = out_dir / f"{sop.name}-{n}.sop.yaml", n + 1
            taken.add(path)
            if path.exists() and not force:
                click.echo(f"sopc: {shown(tr('import.exists', speaks, path=path))}", err=True)
                failed = True
                continue
            write_atomic(path, sop.text.encode("utf-8"))
            extra = (tr("import.guessed", speaks, count=len(sop.guessed)) if sop.guessed else "") + \
                (tr("import.missing", speaks, keys=", ".join(sop.missing)) if sop.missing else "")
            click.echo(shown(tr("import.wrote", speaks, source=file, path=path, steps=sop.steps, actors=sop.actors,
                                extra=extra)))
    sys.exit(EXIT_FINDINGS if failed else EXIT_OK)


@cli.command(short_help="Write a skeleton SOP with the next free nomor.")
@click.argument("title")
@click.option("-p", "--pelaksana", "actors", multiple=True, help="An actor's name, one column each (repeatable).")
@click.option("--folder", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Where to write it. Default: [new] folder of sopc.toml, else the current folder.")
def new(title: str, actors: tuple[str, ...], folder: Path | None) -> None:
    """Write a skeleton SOP named TITLE, with the next free nomor from [new] nomor in sopc.toml."""
    import datetime as dt

    from sopc.config import find_config, load_config
    from sopc.lint.run import lint_paths
    from sopc.scaffold import ScaffoldError, new_path, next_nomor, pattern_of, schema_link, skeleton

    config = load_config(find_config(Path(".")))
    root = config.root or Path(".").resolve()
    target = new_path(title, folder or root / config.settings.new.folder)
    if target.exists():
        raise ScaffoldError(texts("scaffold.exists", target=target))
    taken = {entry.nomor for entry in lint_paths([root]).entries}
    today = dt.date.today()
    text = skeleton(title, list(actors), next_nomor(pattern_of(config), taken, today), schema_link(target, root),
                    today)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    click.echo(f"sopc: {target}")


@cli.command(short_help="Rebuild whenever a SOP or sopc.toml is saved.")
@_paths_argument
@_out_dir_option
@click.option("--interval", type=click.FloatRange(min=0.1), default=1.0, show_default=True,
              help="Seconds between looks at the files.")
@_lang_option
def watch(paths: tuple[Path, ...], out_dir: Path | None, interval: float, lang: str | None) -> None:
    """Rebuild whenever a SOP or sopc.toml is saved, printing the findings as they appear. Ctrl-C stops."""
    from sopc.build import BuildOptions
    from sopc.build.watch import watch as watch_loop
    from sopc.config import Overrides
    from sopc.errors import SopcError
    from sopc.report.formats import render_text

    def report(result) -> None:
        click.echo(render_text(result.lint), nl=False)
        click.echo(tr("cli.watching", result.lint.lang, w=len(result.written), s=len(result.skipped)))

    def error(err: SopcError) -> None:  # ConfigError, OutputError, PathEscape: each message names the file
        speaks = resolve_lang(lang, None)
        click.echo(tr("cli.watch_error", speaks, p=shown(err.message(speaks))), err=True)

    try:
        options = BuildOptions(out_dir=out_dir, overrides=Overrides(lang=lang))
        watch_loop(list(paths), options, report, interval, on_error=error)
    except KeyboardInterrupt:
        sys.exit(EXIT_OK)


@cli.command(name="map", short_help="Draw how the SOPs relate (Graphviz).")
@_paths_argument
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="The SVG file to write.")
@_config_option
@_lang_option
def relation_map(paths: tuple[Path, ...], output: Path, config_file: Path | None, lang: str | None) -> None:
    """Draw how the SOPs relate: makro to mikro (induk) and keterkaitan, with Graphviz."""
    from sopc.backends.relations import relation_graph, render_svg
    from sopc.config import ConfigCache, Overrides
    from sopc.lint.run import lint_paths
    from sopc.output import write_atomic
    from sopc.texts.labels import labels_of

    result = lint_paths(list(paths), Overrides(lang=lang), config_file)
    config = ConfigCache(config_file).for_path(paths[0] if paths else Path("."))  # the unit's labels, if any
    write_atomic(output, render_svg(relation_graph(result.entries, labels_of(config, result.lang))))
    click.echo(f"sopc: {output} ({len(result.entries)} SOP)")


@cli.command()
@click.argument("code", required=False)
@click.option("--markdown", is_flag=True, help="List the rules as a Markdown table (for documentation).")
@click.option("--reference", is_flag=True, help="Every rule with its documentation, in Markdown (docs/rules.md).")
@_lang_option
def rules(code: str | None, markdown: bool, reference: bool, lang: str | None) -> None:
    """List the checks sopc makes, or explain one (by code or name)."""
    from sopc.errors import SopcError
    from sopc.lint.registry import all_rules, find_rule, markdown_table
    from sopc.lint.registry import reference as rules_reference

    lang = resolve_lang(lang, None)
    if markdown or reference:
        click.echo(rules_reference() if reference else markdown_table(), nl=False)
        return
    if code is None:
        for r in all_rules():
            click.echo(f"{r.code}  {r.severity.value:<7}  {r.name:<30}  {r.summary(lang)}")
        return
    found = find_rule(code)
    if found is None:
        raise SopcError(texts("cli.no_rule", code=code))
    click.echo(f"{found.code} {found.name} ({found.severity.value})\n{found.summary(lang)}\n\n{found.explain(lang)}")


@cli.command(short_help="Write the JSON Schema of *.sop.yaml files for editors.")
@click.option("-o", "--output", default=None, metavar="PATH",
              help="Where to write the schema; `-` for standard output. Default: schemas/sop-1.schema.json.")
@click.option("--lang", type=click.Choice(LANGS), default="id", show_default=True,
              help="Language of the descriptions editors show (the committed schema is in Indonesian).")
def schema(output: str | None, lang: str) -> None:
    """Write the JSON Schema of *.sop.yaml files, for editor completion and checking.

    The examples' first line, `# yaml-language-server: $schema=../schemas/sop-1.schema.json`,
    points the YAML language server (VS Code's YAML extension) at it.
    """
    from sopc.model.schema import SCHEMA_PATH, schema_text

    text = schema_text(lang)
    if output == "-":
        click.echo(text, nl=False)
        return
    path = Path(output or SCHEMA_PATH)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    click.echo(f"sopc: {path}", err=True)


def _fix(paths: list[Path], config_file: Path | None, write: bool) -> None:
    """Apply (or, with write=False, show as a diff) the safe fixes of every SOP under `paths`."""
    from sopc.config import ConfigCache
    from sopc.lint.fix import diff, fix_text
    from sopc.output import write_atomic
    from sopc.source.discover import display_path, find_sources
    from sopc.source.files import read_file
    from sopc.source.loader import encode_like, load_bytes

    configs = ConfigCache(config_file)
    for file in find_sources(paths or [Path(".")], configs):
        config = configs.for_path(file)
        limits = config.settings.limits
        try:  # read once: parsed here, and its encoding kept when written back
            raw = read_file(file, limits.max_bytes, config.repository)
        except OSError:
            continue  # unreadable files are reported by the lint that follows
        source, _ = load_bytes(raw, display_path(file), limits=limits)
        if source is None:
            continue
        fixed, edits = fix_text(source.text, source.path)
        if not edits:
            continue
        if write:
            write_atomic(file, encode_like(fixed, raw))
            for edit in edits:
                click.echo(f"sopc: fixed {shown(source.path)}:{edit.span.line}:{edit.span.column}: {shown(edit.what)}",
                           err=True)
        else:
            click.echo(diff(source.path, source.text, fixed), nl=False)


class _ProgressBar:
    """A progress bar on a terminal, shown once a build has more than a few SOPs to make."""

    def __init__(self) -> None:
        self.bar: Any = None  # click's ProgressBar, made when the first SOPs are done
        self.shown = 0

    def __call__(self, done: int, total: int) -> None:
        if total < 20:
            return
        if self.bar is None:
            self.bar = click.progressbar(length=total, label="sopc build", file=sys.stderr)
            self.bar.__enter__()
        self.bar.update(done - self.shown)
        self.shown = done

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)


def main() -> None:
    """Entry point: run the CLI; an unexpected failure is reported in one line with exit code 2."""
    # sopc's own models need no pydantic plugin (a tracer of every validation); looking for them
    # reads every installed package's entry points, 10-30 ms of each start
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        sys.exit(EXIT_ERROR)
    except click.ClickException as err:
        err.show()
        sys.exit(EXIT_ERROR)
    except SystemExit:
        raise
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as err:  # a bug in sopc, never the user's fault: one line, no traceback
        click.echo(f"sopc: internal error: {type(err).__name__}: {err} "
                   "(please report it; set SOPC_DEBUG=1 for the traceback)", err=True)
        if _debug():
            raise
        sys.exit(EXIT_ERROR)


def _debug() -> bool:
    return bool(os.environ.get("SOPC_DEBUG"))
