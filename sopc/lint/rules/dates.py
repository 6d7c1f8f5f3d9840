"""Rules on the dates of the identity table."""

from __future__ import annotations

from collections.abc import Iterator

from sopc.diagnostics import Severity
from sopc.lint.context import LintUnit
from sopc.lint.registry import Finding, rule


@rule("TG01", "efektif-sebelum-pembuatan", Severity.ERROR,
      {"id": "Tanggal efektif sebelum tanggal pembuatan", "en": "Tanggal efektif before tanggal pembuatan"},
      {"id": "tanggal efektif {efektif} lebih awal dari tanggal pembuatan {pembuatan}",
       "en": "tanggal efektif {efektif} is earlier than tanggal pembuatan {pembuatan}"})
def efektif_sebelum_pembuatan(unit: LintUnit) -> Iterator[Finding]:
    """A SOP takes effect when it is signed, which is after it was completed (tanggal
    pembuatan), or the same day.

    Failing::

        tanggal: {pembuatan: 2024-03-01, efektif: 2024-02-01}

    Passing::

        tanggal: {pembuatan: 2024-03-01, efektif: 2024-03-15}
    """
    t = unit.sop.tanggal
    if t.efektif < t.pembuatan:
        yield Finding(("tanggal", "efektif"), {"efektif": t.efektif, "pembuatan": t.pembuatan})


@rule("TG02", "revisi-sebelum-pembuatan", Severity.ERROR,
      {"id": "Tanggal revisi sebelum tanggal pembuatan", "en": "Tanggal revisi before tanggal pembuatan"},
      {"id": "tanggal revisi {revisi} lebih awal dari tanggal pembuatan {pembuatan}",
       "en": "tanggal revisi {revisi} is earlier than tanggal pembuatan {pembuatan}"})
def revisi_sebelum_pembuatan(unit: LintUnit) -> Iterator[Finding]:
    """A SOP is revised (or reviewed) after it was made.

    Failing::

        tanggal: {pembuatan: 2024-03-01, revisi: 2023-12-01, efektif: 2024-03-01}

    Passing::

        tanggal: {pembuatan: 2024-03-01, revisi: 2025-03-01, efektif: 2024-03-01}
    """
    t = unit.sop.tanggal
    if t.revisi is not None and t.revisi < t.pembuatan:
        yield Finding(("tanggal", "revisi"), {"revisi": t.revisi, "pembuatan": t.pembuatan})
