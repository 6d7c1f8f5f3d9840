"""What a build is asked for and what it gives back: the types both halves of the build share."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sopc.config import NO_OVERRIDES, Overrides
from sopc.errors import SopcError
from sopc.lint.run import LintResult

POOL_AT = 8  # below this many SOPs a process pool costs more than it saves (the documents, the manual)


@dataclass(frozen=True)
class BuildOptions:
    """What to build and how. The settings sopc.toml also holds (paper, language, the manual's
    unit) come as `overrides`, merged into every config as it is read: stages read the config only."""

    out_dir: Path | None = None  # default: the config's [output] dir
    formats: tuple[str, ...] = ("docx", "svg")
    svg_style: str = "flow"  # flow | table
    svg_pages: str = "split"  # split | single
    jobs: int = 1
    monev: bool = False  # also write monev.docx: the monitoring form and evaluation checklist
    manual: bool = False  # also write manual.docx: the whole repository as one book
    pdf: bool = False  # also print each DOCX to PDF with LibreOffice
    overrides: Overrides = NO_OVERRIDES


@dataclass
class BuildResult:
    """The lint report, the files written, and the SOPs skipped because of errors."""

    lint: LintResult
    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    missing: list[Path] = field(default_factory=list)  # books asked for and not written: the build failed
    pdf_error: SopcError | None = None  # PDFs asked for and not made: why


@dataclass(frozen=True)
class Job:
    """One SOP whose documents must be (re)built."""

    source: Path
    key: str
    stem: Path
    out_dir: Path
    margin: float


# job, outputs (None: not built), unchanged, warnings, its entry in the HTML catalogue's index (or None),
# its section of the manual (sopc.backends.manual.Section, or None)
JobDone = tuple[Job, list[Path] | None, list[Path], list[str], dict | None, Any]
Progress = Callable[[int, int], None]  # (SOPs built so far, SOPs to build)
