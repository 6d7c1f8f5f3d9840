"""What a rule sees: the validated SOP, its flow, where each value stands, and the settings."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from sopc.config import Config, LintSettings
from sopc.flow import Flow
from sopc.lint.review import Review
from sopc.lint.suppress import Suppressions, scan
from sopc.model.sop import Sop
from sopc.source.loader import Source

SENT = ("keterkaitan",)  # what of a SOP's plain data crosses between processes (sopc.lint.rules.rp reads it)


class _InFile:
    """A valid SOP file with its settings: where findings are located and suppressed."""

    source: Source
    config: Config
    hidden: set[tuple[int, str]]  # (line, code) of each finding a suppression comment hid

    @property
    def path(self) -> str:
        return self.source.path

    @property
    def settings(self) -> LintSettings:
        return self.config.settings.lint

    @cached_property
    def suppressions(self) -> Suppressions:
        return scan(self.source.text)

    def __getstate__(self) -> dict:
        """Sent between processes without its config (the receiver attaches its own copy)."""
        state = dict(self.__dict__)
        state.pop("suppressions", None)
        state["config"] = Config()
        return state


@dataclass(eq=False)
class LintUnit(_InFile):
    """One valid SOP file, ready for the per-SOP rules."""

    source: Source
    sop: Sop
    flow: Flow
    config: Config = field(default_factory=Config)
    review: Review = field(default_factory=Review)
    hidden: set[tuple[int, str]] = field(default_factory=set)


@dataclass(eq=False)
class RepoEntry(_InFile):
    """What the repository-wide rules see of one valid SOP: its numbers and links.

    Why not the whole LintUnit: with worker processes every entry crosses a process boundary,
    and the full model costs more to send than to build.
    """

    source: Source
    nomor: str
    nama: str
    induk: str | None
    keterkaitan: tuple[str, ...]
    instansi: str = ""
    unit: tuple[str, ...] = ()
    logo: str | None = None
    config: Config = field(default_factory=Config)
    hidden: set[tuple[int, str]] = field(default_factory=set)

    def __getstate__(self) -> dict:
        """As any file, and with only the part of its data the repository rules read: the whole SOP
        as plain data was most of what a worker sent back, for nothing."""
        state = super().__getstate__()
        source = state["source"]
        state["source"] = Source(source.path, source.text, {k: source.data[k] for k in SENT if k in source.data})
        return state

    @classmethod
    def of(cls, unit: LintUnit) -> RepoEntry:
        sop = unit.sop
        return cls(unit.source, sop.nomor, sop.nama, sop.induk, sop.keterkaitan, sop.instansi, sop.unit, sop.logo,
                   unit.config, set(unit.hidden))
