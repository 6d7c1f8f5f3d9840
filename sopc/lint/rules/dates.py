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


@rule("TG03", "revisi-terlewat", Severity.WARNING,
      {"id": "Tanggal revisi (tinjauan) sudah lewat", "en": "Review date (tanggal revisi) has passed"},
      {"id": "tanggal revisi {revisi} sudah lewat ({today}): tinjau SOP ini dan tetapkan tanggal berikutnya",
       "en": "tanggal revisi {revisi} has passed ({today}): review this SOP and set the next date"})
def revisi_terlewat(unit: LintUnit) -> Iterator[Finding]:
    """Tanggal Revisi is also the planned date of the next review (Permenpan-RB 35/2012). When it
    has passed, the SOP is due for review. `sopc lint --today DATE` checks against another day.

    Failing (on 2025-03-01)::

        tanggal: {pembuatan: 2024-01-10, revisi: 2025-01-10, efektif: 2024-01-15}

    Passing::

        tanggal: {pembuatan: 2024-01-10, revisi: 2026-01-10, efektif: 2024-01-15}
    """
    revisi = unit.sop.tanggal.revisi
    if revisi is not None and revisi < unit.review.today:
        yield Finding(("tanggal", "revisi"), {"revisi": revisi, "today": unit.review.today})


@rule("TG04", "berubah-tanpa-revisi", Severity.WARNING,
      {"id": "SOP berubah tanpa tanggal revisi baru", "en": "SOP changed without a new tanggal revisi"},
      {"id": "SOP ini berubah sejak {since} tetapi tanggal revisinya tetap ({revisi})",
       "en": "this SOP changed since {since} but its tanggal revisi did not ({revisi})"})
def berubah_tanpa_revisi(unit: LintUnit) -> Iterator[Finding]:
    """A change to a signed SOP is a revision: its tanggal revisi moves with it. With
    `sopc lint --since origin/main`, every SOP that differs from that ref but kept its tanggal
    revisi is reported — the check a reviewer wants on a pull request.

    Failing (a step changed; tanggal.revisi the same as on origin/main)::

        tanggal: {pembuatan: 2024-01-10, revisi: 2025-01-10, efektif: 2024-01-15}

    Passing::

        tanggal: {pembuatan: 2024-01-10, revisi: 2025-06-02, efektif: 2024-01-15}
    """
    old = unit.review.old_revisi(unit.source.path)
    if old is None:
        return
    revisi = unit.sop.tanggal.revisi
    now = revisi.isoformat() if revisi else ""
    if now == (old if old != "-" else ""):
        path = ("tanggal", "revisi") if unit.source.smap and ("tanggal", "revisi") in unit.source.smap else ("tanggal",)
        yield Finding(path, {"since": unit.review.since, "revisi": now or "-"}, at="key" if len(path) == 1 else "value")
