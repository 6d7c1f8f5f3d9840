"""What a build is asked for and what it gives back: the types both halves of the build share."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sopc.config import Config
from sopc.errors import SopcError
from sopc.lint.run import LintResult


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
    pdf: bool = False  # also print each DOCX to PDF with LibreOffice

    def paper_for(self, config: Config) -> str:
        """The paper documents are printed on: the command line's, else the config's."""
        return self.paper or config.settings.document.paper


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


JobDone = tuple[Job, list[Path] | None, list[Path], list[str]]  # job, outputs (None: not built), unchanged, warnings
Progress = Callable[[int, int], None]  # (SOPs built so far, SOPs to build)
