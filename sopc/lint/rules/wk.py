"""WK: rules on durations (waktu): readable `waktu`, and the steps' total against the service standard."""

from __future__ import annotations

from collections.abc import Iterator

from sopc.diagnostics import Severity
from sopc.lint.context import LintUnit
from sopc.lint.registry import Finding, rule
from sopc.model.duration import format_minutes


@rule("WK01", "waktu-tak-terbaca", Severity.WARNING,
      {"id": "Waktu tidak terbaca", "en": "Unreadable waktu"},
      {"id": "waktu `{text}` tidak terbaca; tulis angka dan satuan, mis. `10 menit`, `1-2 hari`, `3 hari kerja`",
       "en": "waktu `{text}` cannot be read; write a number and a unit, e.g. `10 menit`, `1-2 hari`, `3 hari kerja`"})
def waktu_tak_terbaca(unit: LintUnit) -> Iterator[Finding]:
    """Waktu adalah angka atau rentang dan satuan, boleh per satuan kerja: `10 menit`, `2 Jam`,
    `1-2 hari`, `3 hari kerja` (atau `HK`), `2 menit/berkas`, `1 minggu`, `1 bulan`, `30 minutes`.
    Satuan: detik, menit, jam, hari, hari kerja, minggu, bulan, tahun, dan nama Inggrisnya, dengan
    huruf besar atau kecil. Teks lain tetap dicetak, tetapi sopc tidak dapat menjumlahkannya.

    In English: A waktu is a number or a range and a unit, optionally per unit of work: `10 menit`,
    `2 Jam`, `1-2 hari`, `3 hari kerja` (or `HK`), `2 menit/berkas`, `1 minggu`, `1 bulan`,
    `30 minutes`. Units: detik, menit, jam, hari, hari kerja, minggu, bulan, tahun, and their
    English names, in any capitalisation. Other text still prints, but sopc cannot add it up.

    Failing::

        waktu: secepatnya

    Passing::

        waktu: 1 hari kerja
    """
    sop = unit.sop
    if sop.waktu_penyelesaian and sop.waktu_penyelesaian_duration is None:
        yield Finding(("waktu_penyelesaian",), {"text": sop.waktu_penyelesaian})
    for i, step in enumerate(sop.langkah):
        if step.waktu and step.duration is None:
            yield Finding(("langkah", i, "waktu"), {"text": step.waktu})


@rule("WK02", "waktu-melebihi-penyelesaian", Severity.WARNING,
      {"id": "Jumlah waktu langkah melebihi waktu penyelesaian", "en": "Steps take longer than waktu_penyelesaian"},
      {"id": "langkah-langkah alur utama ({steps}) memakan {total}, melebihi waktu_penyelesaian {limit}",
       "en": "the main path's steps ({steps}) take {total}, more than waktu_penyelesaian {limit}"})
def waktu_melebihi_penyelesaian(unit: LintUnit) -> Iterator[Finding]:
    """Waktu langkah-langkah pada jalur utama (dari langkah pertama, mengambil `ya` di setiap
    keputusan, sampai akhir) harus muat dalam `waktu_penyelesaian` SOP. Waktu dihitung sebagai waktu
    kerja: sehari 8 jam, seminggu 5 hari, sebulan 20 hari; rentang dihitung dengan batas atasnya, waktu
    per satuan sekali; langkah dalam satu baris berjalan bersamaan dan dihitung sekali.

    In English: The waktu of the steps on the main path (from the first step, taking `ya` at every
    decision, to an end) must fit in the SOP's `waktu_penyelesaian`. Time is working time: a
    day is 8 hours, a week 5 days, a month 20; a range counts with its upper bound, a per-unit
    time once; steps in one row run in parallel and count once.

    Failing::

        waktu_penyelesaian: 1 jam
        langkah:
          - {kegiatan: Menerima berkas, waktu: 30 menit, ...}
          - {kegiatan: Memeriksa berkas, waktu: 45 menit, ...}

    Passing::

        waktu_penyelesaian: 2 jam
    """
    limit = unit.sop.waktu_penyelesaian_duration
    if limit is None:
        return
    path = unit.flow.main_path()
    durations = [unit.sop.langkah[i].duration for i in path]
    low = sum(d.minutes[0] for d in durations if d)
    high = sum(d.minutes[1] for d in durations if d)
    if high > limit.minutes[1]:
        total = format_minutes(high) if low == high else f"{format_minutes(low)} – {format_minutes(high)}"
        steps = f"{path[0] + 1}–{path[-1] + 1}" if len(path) > 1 else str(path[0] + 1)
        yield Finding(("waktu_penyelesaian",), {"steps": steps, "total": total, "limit": unit.sop.waktu_penyelesaian})
