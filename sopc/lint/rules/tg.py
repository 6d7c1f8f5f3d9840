"""TG: rules on the dates (tanggal) of the identity table."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterator

from sopc.diagnostics import Severity
from sopc.lint.context import LintUnit
from sopc.lint.registry import Finding, rule


@rule("TG01", "efektif-sebelum-pembuatan", Severity.ERROR,
      {"id": "Tanggal efektif sebelum tanggal pembuatan", "en": "Tanggal efektif before tanggal pembuatan"},
      {"id": "tanggal efektif {efektif} lebih awal dari tanggal pembuatan {pembuatan}",
       "en": "tanggal efektif {efektif} is earlier than tanggal pembuatan {pembuatan}"})
def efektif_sebelum_pembuatan(unit: LintUnit) -> Iterator[Finding]:
    """SOP berlaku saat ditandatangani, yaitu sesudah selesai disusun (tanggal pembuatan), atau pada
    hari yang sama.

    In English: A SOP takes effect when it is signed, which is after it was completed (tanggal
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
    """SOP direvisi (atau ditinjau) sesudah dibuat.

    In English: A SOP is revised (or reviewed) after it was made.

    Failing::

        tanggal: {pembuatan: 2024-03-01, revisi: 2023-12-01, efektif: 2024-03-01}

    Passing::

        tanggal: {pembuatan: 2024-03-01, revisi: 2025-03-01, efektif: 2024-03-01}
    """
    t = unit.sop.tanggal
    if t.revisi is not None and t.revisi < t.pembuatan:
        yield Finding(("tanggal", "revisi"), {"revisi": t.revisi, "pembuatan": t.pembuatan})


@rule("TG03", "revisi-terlewat", Severity.WARNING,
      {"id": "SOP sudah waktunya ditinjau", "en": "SOP is due for review"},
      {"rencana": {"id": "tanggal revisi {revisi} (rencana tinjauan) sudah lewat ({today}): tinjau SOP ini dan "
                         "tetapkan tanggal berikutnya",
                   "en": "tanggal revisi {revisi} (the planned review) has passed ({today}): review this SOP "
                         "and set the next date"},
       "lama": {"id": "tanggal terakhir SOP ini {latest} sudah lebih dari {months} bulan lalu ({today}): "
                      "evaluasi SOP ini dan catat tanggal revisinya",
                "en": "this SOP's latest date {latest} is more than {months} months ago ({today}): "
                      "evaluate it and record the tanggal revisi"}})
def revisi_terlewat(unit: LintUnit) -> Iterator[Finding]:
    """SOP dievaluasi secara berkala (Permenpan-RB 35/2012: paling sedikit setahun sekali). Peraturan
    membolehkan Tanggal Revisi berupa tanggal revisi terakhir atau tanggal rencana tinjauan berikutnya;
    tanggal-tanggalnya menunjukkan yang mana:

    - revisi sesudah tanggal efektif adalah rencana tinjauan: diperingatkan begitu tanggal itu lewat;
    - selain itu (revisi sebelum efektif, seperti ditulis kebanyakan SOP yang ditandatangani, atau
      tanpa revisi), pengingat bila tanggal terakhir SOP lebih tua dari `[lint] review_months` di
      sopc.toml (bawaan 12).

    `sopc lint --today TANGGAL` memeriksa terhadap hari lain.

    In English: SOPs are evaluated regularly (Permenpan-RB 35/2012: at least once a year). The regulation
    lets Tanggal Revisi be either the date the SOP was last revised or the planned date of its
    next review; the dates tell which:

    - a revisi after the efektif date is a planned review: warned once it has passed;
    - otherwise (a revisi before efektif, as most signed SOPs write it, or none), a reminder when
      the SOP's latest date is older than `[lint] review_months` in sopc.toml (default 12).

    `sopc lint --today DATE` checks against another day.

    Failing (`--today 2025-03-01`)::

        tanggal: {pembuatan: 2024-01-10, revisi: 2025-01-10, efektif: 2024-01-15}

    Failing (`--today 2025-03-01`)::

        tanggal: {pembuatan: 2023-01-10, revisi: 2023-06-01, efektif: 2023-06-05}

    Passing (`--today 2025-03-01`)::

        tanggal: {pembuatan: 2024-01-10, revisi: 2026-01-10, efektif: 2024-01-15}
        tanggal: {pembuatan: 2023-01-10, revisi: 2024-06-01, efektif: 2024-06-05}
    """
    t = unit.sop.tanggal
    today = unit.review.today
    if t.revisi is not None and t.revisi > t.efektif:
        if t.revisi < today:
            yield Finding(("tanggal", "revisi"), {"revisi": t.revisi, "today": today}, message="rencana")
        return
    months = unit.settings.review_months
    dates = {"pembuatan": t.pembuatan, "efektif": t.efektif, "revisi": t.revisi}
    key, latest = max(((k, d) for k, d in dates.items() if d is not None), key=lambda kd: kd[1])
    if add_months(latest, months) < today:
        yield Finding(("tanggal", key), {"latest": latest, "months": months, "today": today}, message="lama")


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later (the month's last day when it has fewer days: 31 Jan + 1 = 28/29 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@rule("TG04", "berubah-tanpa-revisi", Severity.WARNING,
      {"id": "SOP berubah tanpa tanggal revisi baru", "en": "SOP changed without a new tanggal revisi"},
      {"id": "SOP ini berubah sejak {since} tetapi tanggal revisinya tetap ({revisi})",
       "en": "this SOP changed since {since} but its tanggal revisi did not ({revisi})"})
def berubah_tanpa_revisi(unit: LintUnit) -> Iterator[Finding]:
    """Perubahan pada SOP yang sudah ditandatangani adalah revisi: tanggal revisinya ikut berubah.
    Dengan `sopc lint --since origin/main`, setiap SOP yang berbeda dari ref itu tetapi tanggal
    revisinya tetap dilaporkan — pemeriksaan yang diinginkan peninjau pada pull request.

    In English: A change to a signed SOP is a revision: its tanggal revisi moves with it. With
    `sopc lint --since origin/main`, every SOP that differs from that ref but kept its tanggal
    revisi is reported — the check a reviewer wants on a pull request.

    Failing (`--since origin/main`)::

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
