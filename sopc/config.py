"""Repository settings from `sopc.toml` (or `[tool.sopc]` in pyproject.toml): defaults, document, lint."""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError, field_validator

from sopc.errors import SopcError, Texts
from sopc.layout.paper import Paper
from sopc.layout.text import FONT, Font
from sopc.lint.pattern import nomor_matcher
from sopc.model.base import slug
from sopc.model.errors import display_path, known_keys, suggest_key
from sopc.model.sop import Sop
from sopc.paths import PathEscape, inside
from sopc.source.files import CONFIG_LIMIT, read_file
from sopc.source.loader import Limits
from sopc.source.scalars import XML_FORBIDDEN
from sopc.texts.i18n import LANGS, texts, tr

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

CONFIG_NAME = "sopc.toml"
SeverityName = Literal["error", "warning", "info", "off"]





class _Settings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class LintSettings(_Settings):
    """`[lint]`: which rules run and how severe they are."""

    select: list[str] = Field(default_factory=list, description="Rule codes or names to run; empty: all.")
    ignore: list[str] = Field(default_factory=list, description="Rule codes or names never to run.")
    severity: dict[str, SeverityName] = Field(default_factory=dict, description="Severity per rule code or name.")
    per_file_ignores: dict[str, list[str]] = Field(
        default_factory=dict, description="Rules not reported for the files a .gitignore-style pattern "
        "(from the repository root) matches, e.g. {\"arsip/**\" = [\"TG03\"]}.")
    nomor_pattern: Union[str, None] = Field(default=None, description="Regex every nomor matches (ID08, RP02).")
    verbs: list[str] = Field(default_factory=list, description="Extra first words accepted as verbs (LK05).")
    review_months: int = Field(default=12, gt=0, le=120,
                               description="Months after a SOP's latest date before TG03 asks for its review.")

    @field_validator("nomor_pattern")
    @classmethod
    def _regex(cls, value: str | None) -> str | None:
        if value is not None:
            nomor_matcher(value)  # PatternError (a ValueError) says why it cannot be used
        return value


class DocumentSettings(_Settings):
    """`[document]`: how documents are printed (used by the back-ends)."""

    paper: Paper = "A4"
    # the layout measures text with Arial's widths (Liberation Sans, its metric twin, where Arial is
    # missing): another font would overflow the cells, so no other is accepted; every back-end sets FONT
    font: Font = Field(default=FONT, description="Arial only: the widths sopc measures with.")
    template: Union[str, None] = Field(default=None, description="A reference .docx replacing sopc's own.")
    labels: Union[str, None] = Field(default=None, description="A file of `key: text` lines changing the texts "
                                     "every document prints (templates/labels-id.j2 lists them), "
                                     "e.g. `kelengkapan: Input`.")
    signature_mm: float = Field(default=18.0, ge=10.0, le=40.0, description="Room between jabatan and nama "
                                "for the signature and the stamp (signed originals leave 17-20 mm).")
    signature_text: Union[str, None] = Field(default=None, max_length=200, description="Units that sign "
                                             "electronically: the placeholder their TTE system replaces, "
                                             "printed in that room instead of leaving it blank.")


class NewSettings(_Settings):
    """`[new]`: what `sopc new` writes."""

    nomor: Union[str, None] = Field(default=None, description="Pattern of a new nomor: {urut:03d}, {tahun}.")
    folder: str = Field(default=".", description="Folder (from the repository root) for new SOPs.")

    @field_validator("nomor")
    @classmethod
    def _pattern(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                value.format(urut=1, tahun=2024)
            except (KeyError, IndexError, ValueError) as err:
                raise ValueError(f"use {{urut}} and {{tahun}} only: {err}") from None
        return value


class ManualSettings(_Settings):
    """`[manual]`: the manual `sopc build` writes when this section is present (or with --manual)."""

    unit: Union[str, None] = Field(default=None, description="Only the SOPs naming this unit at any level of "
                                   "their `unit` (as --unit); default: every SOP.")
    tahun: Union[int, None] = Field(default=None, description="Year on the cover; default: the latest pembuatan.")
    keputusan: Union[str, None] = Field(default=None, description="The decree's text; a Jinja2 template "
                                        "(sandboxed) with instansi, unit, tahun and sop (nomor, nama).")
    ruang_lingkup: Union[str, None] = None
    ringkasan: Union[str, None] = None
    definisi: dict[str, str] = Field(default_factory=dict, description="Term -> meaning.")

    @field_validator("unit")
    @classmethod
    def _named(cls, value: str | None) -> str | None:
        if value is not None and not slug(value):
            raise ValueError("name a unit in letters or digits")
        return value


class OutputSettings(_Settings):
    """`[output]`: where `sopc build` writes."""

    dir: str = "build"


class CiSettings(_Settings):
    """`[ci]`: how CI installs sopc (written by `sopc init --install`)."""

    install: Union[str, None] = Field(default=None, description="A pinned pip requirement: sopc==X, "
                                      "sopc @ git+URL@TAG-or-commit, or a wheel's path or URL.")

    @field_validator("install")
    @classmethod
    def _pinned(cls, value: str | None) -> str | None:
        if value is not None and not pinned(value):
            raise ValueError("not pinned: write sopc==VERSION, sopc @ git+URL@TAG (or @COMMIT), or a .whl")
        return value


def pinned(requirement: str) -> bool:
    """Whether a pip requirement names one exact sopc: a version, a git tag or commit, or a wheel file."""
    text = requirement.strip()
    if re.fullmatch(r"sopc\s*==\s*[0-9][\w.+!-]*", text) or text.endswith(".whl"):
        return True
    match = re.fullmatch(r"sopc\s*@\s*(git\+\S+?)@([\w.+/-]+)", text)
    return match is not None and "://" in match.group(1) and match.group(2) not in ("main", "master", "HEAD")


class Settings(_Settings):
    """The whole `sopc.toml`."""

    extend: Union[str, None] = Field(default=None, description="A parent sopc.toml whose settings this one "
                                     "starts from (its own win; tables merge key by key).")
    lang: Union[Literal["id", "en"], None] = None
    exclude: list[str] = Field(default_factory=list,
                               description=".gitignore-style patterns of paths not to read.")
    defaults: dict[str, Any] = Field(default_factory=dict, description="Values merged into every SOP.")
    document: DocumentSettings = DocumentSettings()
    lint: LintSettings = LintSettings()
    output: OutputSettings = OutputSettings()
    limits: Limits = Limits()  # `[limits]`: what a file may cost before it is refused
    new: NewSettings = NewSettings()
    manual: ManualSettings = ManualSettings()
    ci: CiSettings = CiSettings()


class ConfigError(SopcError):
    """A configuration problem: reported with the file it is in, exit code 2. `problem` is in both
    languages, or one text (the words of TOML's or pydantic's parser) for both."""

    def __init__(self, path: Path | str, problem: str | Texts, loc: tuple = ()) -> None:
        texts = {"id": problem, "en": problem} if isinstance(problem, str) else dict(problem)
        super().__init__({lang: f"{path}: {text}" for lang, text in texts.items()})
        self.path, self.problems, self.loc = str(path), texts, loc  # problems: without the path


def key_line(text: str, loc: tuple) -> int | None:
    """The line of TOML `text` where the key at `loc` is written (`[lint]` then `review_months = ...`,
    or `lint.review_months = ...`, or the table `[lint]` itself); None when it cannot be told."""
    keys = [str(part) for part in loc if not isinstance(part, int)]
    table: list[str] = []
    best = None
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if header := re.fullmatch(r"\[\[?\s*([^\]]+?)\s*\]\]?(?:\s*#.*)?", stripped):
            table = [part.strip().strip('"\'') for part in header.group(1).split(".")]
            if table == keys[:len(table)] and best is None and len(table) == len(keys):
                best = number
            continue
        name = re.match(r"\s*([\w\-\".' ]+?)\s*=", line)
        if not name:
            continue
        written = [*table, *(part.strip().strip('"\'') for part in name.group(1).split("."))]
        if keys[:len(written)] == written:
            return number
    return best


@dataclass(frozen=True)
class Config:
    """Settings and where they came from; `root` is the folder the repository-wide checks span."""

    settings: Settings = field(default_factory=Settings)
    root: Path | None = None
    file: Path | None = None
    extends: tuple[Path, ...] = ()  # the parent configs it starts from (`extend`), nearest first
    asks_manual: bool = False  # the file has a [manual] section: build the manual as --manual does

    def read(self) -> bytes:
        """The bytes of every file these settings come from: what caches key them by."""
        return b"".join(read_file(f, CONFIG_LIMIT) for f in (self.file, *self.extends) if f is not None)

    @property
    def repository(self) -> Path:
        """The folder no file may be read from through a link leading out: the config's, else the current one."""
        return self.root or Path.cwd()


def find_config(start: Path) -> Path | None:
    """The nearest `sopc.toml`, or pyproject.toml with `[tool.sopc]`, in `start` or a parent folder."""
    folder = start if start.is_dir() else start.parent
    for candidate in (folder.resolve(), *folder.resolve().parents):
        if (candidate / CONFIG_NAME).is_file():
            return candidate / CONFIG_NAME
        pyproject = candidate / "pyproject.toml"
        if pyproject.is_file() and b"[tool.sopc" in _read(pyproject, quiet=True):
            return pyproject
    return None


def load_config(path: Path | None) -> Config:
    """Read and check a config file; None gives the built-in settings. A config that `extend`s
    another (a parent folder's sopc.toml) starts from its settings: its own win, tables merge."""
    if path is None:
        return Config()
    text, table, prefix = _table(path)
    seen = [path.resolve()]
    while isinstance(table.get("extend"), str):
        base = (seen[-1].parent / table["extend"]).resolve()
        if base in seen or len(seen) > 8:
            raise ConfigError(path, texts("config.extend_loop", name=table["extend"]))
        if not base.is_file():
            raise ConfigError(path, texts("config.extend_missing", path=base))
        parent = _table(base)[1]
        table = _merged(parent, {k: v for k, v in table.items() if k != "extend"}) | \
            ({"extend": parent["extend"]} if "extend" in parent else {})
        seen.append(base)
    try:
        _check_texts(path, table, ())
        try:
            settings = Settings.model_validate(table)
        except ValidationError as err:
            raise ConfigError(path, _settings_problem(err), tuple(err.errors()[0]["loc"])) from None
        _check_defaults(path, settings.defaults)
    except ConfigError as err:  # say on which line: the key's, as far as the TOML text shows it
        at = key_line(text, (*prefix, *err.loc)) if err.loc else None
        if at is None:
            raise
        raise ConfigError(f"{path}:{at}", err.problems) from None
    # every path a config names stays inside its repository: a pull request's sopc.toml must not aim
    # a build (which writes and removes files) or `sopc new` anywhere else; `-o` stays the user's
    named = (("document.template", settings.document.template), ("document.labels", settings.document.labels),
             ("defaults.logo", settings.defaults.get("logo")),
             ("output.dir", settings.output.dir), ("new.folder", settings.new.folder))
    for key, name in named:
        if isinstance(name, str) and name.strip() not in ("", "-"):
            try:
                inside(path.parent, name)
            except PathEscape as err:
                raise ConfigError(path, {lang: tr("config.value", lang, key=key, problem=text)
                                         for lang, text in err.texts.items()}) from None
    return Config(settings, path.parent.resolve(), path, tuple(seen[1:]), "manual" in settings.model_fields_set)


def _table(path: Path) -> tuple[str, dict[str, Any], tuple]:
    """A config file's text, its table (the [tool.sopc] one of a pyproject.toml) and that table's key path."""
    try:
        raw = _read(path)
        text = raw.decode("utf-8")
        table = tomllib.loads(text)
    except OSError as err:
        raise ConfigError(path, err.strerror or str(err)) from None
    except UnicodeDecodeError as err:
        before = raw[:err.start]
        line, column = before.count(b"\n") + 1, len(before) - before.rfind(b"\n")
        raise ConfigError(f"{path}:{line}:{column}", texts("config.not_utf8")) from None
    except tomllib.TOMLDecodeError as err:
        raise ConfigError(path, texts("config.toml", problem=err)) from None
    if path.name == "pyproject.toml":
        return text, table.get("tool", {}).get("sopc", {}), ("tool", "sopc")
    return text, table, ()


def _merged(base: dict[str, Any], own: dict[str, Any]) -> dict[str, Any]:
    """`own` over `base`, tables merged key by key (lists and values replaced)."""
    out = dict(base)
    for key, value in own.items():
        out[key] = _merged(out[key], value) if isinstance(value, dict) and isinstance(out.get(key), dict) else value
    return out


def _check_texts(path: Path, value: object, where: tuple) -> None:
    """No text of the config holds a character XML forbids (TOML's `\\u0001` can write one): it
    would reach every document sopc makes, and no program would open them."""
    if isinstance(value, dict):
        for key, item in value.items():
            _check_texts(path, item, (*where, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _check_texts(path, item, (*where, index))
    elif isinstance(value, str) and (found := XML_FORBIDDEN.search(value)):
        raise ConfigError(path, texts("config.control", key=display_path(where), code=f"{ord(found.group()):04X}"),
                          where)


def _read(path: Path, quiet: bool = False) -> bytes:
    """A config file's bytes, read as every user file is (`read_file`); empty when `quiet` and unreadable."""
    try:
        return read_file(path, CONFIG_LIMIT)
    except OSError:
        if quiet:
            return b""
        raise


def _settings_problem(err: ValidationError) -> Texts:
    first = err.errors()[0]
    where = display_path(tuple(first["loc"]))
    if first["type"] == "extra_forbidden":
        guess = suggest_key(str(first["loc"][-1]), known_keys(Settings, tuple(first["loc"][:-1])))
        return _unknown(where, guess)
    return texts("config.value", key=where, problem=first["msg"])  # pydantic's words, in English


def _unknown(key: str, guess: str | None) -> Texts:
    return {lang: tr("config.unknown_key", lang, key=key,
                     suggest=tr("config.suggest", lang, key=guess) if guess else "") for lang in LANGS}


def _check_defaults(path: Path, defaults: dict[str, Any]) -> None:
    """Each default must be a SOP key with a value the model accepts, so errors name sopc.toml."""
    for key, value in defaults.items():
        info = Sop.model_fields.get(key)
        if info is None or key in ("sopc", "langkah"):
            guess = suggest_key(key, list(Sop.model_fields))
            raise ConfigError(path, _unknown(f"defaults.{key}", guess), ("defaults", key))
        try:
            TypeAdapter(Annotated[info.annotation, info]).validate_python(value)  # type: ignore[arg-type]
        except ValidationError as err:
            problem = err.errors()[0]
            raise ConfigError(path, texts("config.value", key=f"defaults.{display_path((key, *problem['loc']))}",
                                          problem=problem["msg"]), ("defaults", key, *problem["loc"])) from None


@dataclass(frozen=True)
class Overrides:
    """What the command line sets over sopc.toml, merged into each Config once, as it is read
    (ConfigCache), so every stage reads only `config.settings`. The rules as ruff's flags choose
    them: `select` replaces sopc.toml's select, `extend_select` adds to it, `ignore` adds to its
    ignore; `lang`, `paper` and `unit` ([manual] unit) replace the configured values."""

    select: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    lang: Union[str, None] = None  # id | en (the command line's choices)
    paper: Union[str, None] = None  # a key of PAPERS (the command line's choices)
    unit: Union[str, None] = None

    def apply(self, config: Config) -> Config:
        settings = config.settings
        update: dict[str, Any] = {}
        if self.select or self.extend_select or self.ignore:
            lint = settings.lint
            select = list(self.select or lint.select)
            if self.extend_select:
                select = select + list(self.extend_select) if select else []  # empty select: every rule already
            update["lint"] = lint.model_copy(update={"select": select, "ignore": [*lint.ignore, *self.ignore]})
        if self.lang:
            update["lang"] = self.lang
        if self.paper:
            update["document"] = settings.document.model_copy(update={"paper": self.paper})
        if self.unit:
            update["manual"] = settings.manual.model_copy(update={"unit": self.unit})
        return replace(config, settings=settings.model_copy(update=update)) if update else config


NO_OVERRIDES = Overrides()  # the settings as sopc.toml has them


class ConfigCache:
    """One Config per folder: the nearest sopc.toml is looked up once per folder, read once per file."""

    def __init__(self, forced: Path | None = None, overrides: Overrides = NO_OVERRIDES) -> None:
        self.forced, self.overrides = forced, overrides
        self.by_folder: dict[Path, Config] = {}
        self.by_file: dict[Path | None, Config] = {}

    def for_path(self, path: Path) -> Config:
        folder = path if path.is_dir() else path.parent
        if folder not in self.by_folder:
            file = self.forced or find_config(folder)
            if file not in self.by_file:
                config = self.overrides.apply(load_config(file))
                from sopc.lint.engine import check_settings  # the rule registry, only once a config is read

                check_settings(config.settings.lint, str(file))
                self.by_file[file] = config
            self.by_folder[folder] = self.by_file[file]
        return self.by_folder[folder]
