"""What a rule sees: the validated SOP, its flow, where each value stands, and the settings."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from sopc.config import Config, LintSettings
from sopc.flow import Flow
from sopc.lint.suppress import Suppressions, scan
from sopc.model.sop import Sop
from sopc.source.loader import Source


@dataclass(eq=False)
class LintUnit:
    """One valid SOP file, ready for the rules."""

    source: Source
    sop: Sop
    flow: Flow
    config: Config = field(default_factory=Config)

    @property
    def path(self) -> str:
        return self.source.path

    @property
    def settings(self) -> LintSettings:
        return self.config.settings.lint

    @cached_property
    def suppressions(self) -> Suppressions:
        return scan(self.source.text)

    def has(self, *path: object) -> bool:
        """Whether the author wrote this key (rather than it coming from defaults or not at all)."""
        return tuple(path) in self.source.smap
