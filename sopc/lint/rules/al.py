"""Rules on the flow: decisions, reachability, ends, loops, and the actors the steps use."""

from __future__ import annotations

from collections.abc import Iterator

from sopc.diagnostics import Severity
from sopc.flow import EdgeKind, Symbol
from sopc.lint.context import LintUnit
from sopc.lint.registry import Finding, rule


@rule("AL01", "keputusan-tanpa-tidak", Severity.ERROR,
      {"id": "Keputusan tanpa cabang `tidak`", "en": "Decision without a `tidak` branch"},
      {"id": "keputusan di langkah {step} tidak punya target `tidak`",
       "en": "the decision at step {step} has no `tidak` target"})
def keputusan_tanpa_tidak(unit: LintUnit) -> Iterator[Finding]:
    """Keputusan (belah ketupat) memiliki tepat dua jalan keluar. `ya` bawaannya menuju langkah
    berikutnya; `tidak` wajib ditulis, karena tanpa itu bagan menampilkan pertanyaan dengan satu jawaban.

    In English: A decision (diamond) has exactly two exits. `ya` defaults to the next step; `tidak`
    must be written, or the diagram would show a question with one answer.

    Failing::

        keputusan:
          pertanyaan: Berkas lengkap?

    Passing::

        keputusan:
          pertanyaan: Berkas lengkap?
          tidak: 1
    """
    for i, step in enumerate(unit.sop.langkah):
        if step.keputusan is not None and step.keputusan.tidak is None:
            yield Finding(("langkah", i, "keputusan"), {"step": i + 1}, at="key")


@rule("AL02", "langkah-tak-terjangkau", Severity.ERROR,
      {"id": "Langkah tidak terjangkau", "en": "Unreachable step"},
      {"id": "tidak ada alur dari awal yang sampai ke langkah {step}",
       "en": "no path from a start reaches step {step}"})
def langkah_tak_terjangkau(unit: LintUnit) -> Iterator[Finding]:
    """Setiap langkah berada pada suatu jalur dari awal (langkah pertama, atau langkah bertanda
    `mulai: true`). Langkah yang dilompati semua panah biasanya berasal dari `lanjut` atau `ya`/`tidak`
    yang menunjuk satu langkah terlalu jauh.

    In English: Every step lies on some path from a start (the first step, or one marked `mulai: true`).
    A step that every arrow jumps over is usually a `lanjut` or a `ya`/`tidak` pointing one step
    too far.

    Failing::

        - kegiatan: Menerima berkas
          lanjut: 3
        - kegiatan: Memeriksa berkas      # nothing leads here
        - kegiatan: Mengarsipkan berkas

    Passing::

        - kegiatan: Menerima berkas
        - kegiatan: Memeriksa berkas
        - kegiatan: Mengarsipkan berkas
    """
    for i in range(unit.flow.step_count):
        if i not in unit.flow.reachable:
            yield Finding(("langkah", i), {"step": i + 1})


def _trapped_groups(unit: LintUnit) -> list[tuple[int, ...]]:
    """Loops that nothing leaves and that hold no end: the flow goes round them for ever."""
    flow = unit.flow
    groups = []
    for group in flow.cycles():
        members = set(group)
        leaves = any(s not in members for g in group for s in flow.successors(g))
        if not leaves and not members & flow.ends:
            groups.append(group)
    return groups


def _has_decision(unit: LintUnit, group: tuple[int, ...]) -> bool:
    return any(unit.flow.step_symbol(i) is Symbol.DECISION for i in group)


@rule("AL03", "tidak-sampai-akhir", Severity.ERROR,
      {"id": "Alur tidak sampai ke akhir", "en": "Flow never reaches an end"},
      {"id": "dari langkah {step} tidak ada alur yang sampai ke akhir: langkah {steps} berputar tanpa henti",
       "en": "no path from step {step} reaches an end: steps {steps} go round for ever"})
def tidak_sampai_akhir(unit: LintUnit) -> Iterator[Finding]:
    """Dari setiap langkah ada jalur yang sampai ke akhir (terminator). Aturan ini menemukan putaran
    dengan keputusan yang kedua cabangnya tetap di dalam putaran.

    In English: From every step some path reaches an end (a terminator). This finds loops with a
    decision whose branches both stay inside the loop.

    Failing::

        - id: periksa
          kegiatan: Memeriksa berkas
          keputusan: {ya: perbaiki, tidak: perbaiki}
        - id: perbaiki
          kegiatan: Memperbaiki berkas
          lanjut: periksa

    Passing::

        - id: periksa
          kegiatan: Memeriksa berkas
          keputusan: {ya: arsip, tidak: perbaiki}
    """
    for group in _trapped_groups(unit):
        if _has_decision(unit, group):
            yield Finding(("langkah", group[0]), {"step": group[0] + 1, "steps": _steps(group)})


@rule("AL04", "putaran-tanpa-keputusan", Severity.ERROR,
      {"id": "Putaran tanpa keputusan untuk keluar", "en": "Loop with no decision to leave it"},
      {"id": "langkah {steps} berputar tanpa keputusan untuk keluar dari putaran",
       "en": "steps {steps} loop with no decision to leave the loop"})
def putaran_tanpa_keputusan(unit: LintUnit) -> Iterator[Finding]:
    """Putaran (`lanjut` kembali ke langkah sebelumnya) memerlukan keputusan yang cabang lainnya keluar
    dari putaran; tanpa itu prosedur tidak pernah selesai. Dilaporkan pada langkah yang melompat kembali.

    In English: A loop (a `lanjut` back to an earlier step) needs a decision whose other branch leaves
    it; without one the procedure never ends. Reported at the step that jumps back.

    Failing::

        - kegiatan: Memeriksa berkas
        - kegiatan: Memperbaiki berkas
          lanjut: 1

    Passing::

        - kegiatan: Memeriksa berkas
          keputusan: {pertanyaan: Benar?, tidak: 2, ya: 3}
    """
    for group in unit.flow.cycles():
        if not _has_decision(unit, group):
            closing = max(group)
            yield Finding(("langkah", closing, "lanjut"), {"steps": _steps(group)})


def _steps(group: tuple[int, ...]) -> str:
    return ", ".join(str(i + 1) for i in group)


@rule("AL05", "awal-dimasuki-panah", Severity.WARNING,
      {"id": "Langkah awal dimasuki panah", "en": "A start step is entered by an arrow"},
      {"id": "langkah {step} ditandai `mulai` tetapi langkah {source} mengalir ke sana; "
             "tambahkan `lanjut` di langkah {source}",
       "en": "step {step} is marked `mulai` but step {source} flows into it; add `lanjut` to step {source}"})
def awal_dimasuki_panah(unit: LintUnit) -> Iterator[Finding]:
    """Langkah bertanda `mulai: true` memulai alur (kapsul); panah yang masuk ke langkah itu biasanya
    berarti langkah sebelumnya tidak memiliki `lanjut` yang melewatinya.

    In English: A step marked `mulai: true` starts the flow (a capsule); an arrow into it usually means the
    step before it lacks a `lanjut` past it.

    Failing::

        - kegiatan: Menerima berkas di loket
        - kegiatan: Mengunduh berkas dari surel
          mulai: true

    Passing::

        - kegiatan: Menerima berkas di loket
          lanjut: 3
        - kegiatan: Mengunduh berkas dari surel
          mulai: true
    """
    for i, step in enumerate(unit.sop.langkah):
        if step.mulai and i > 0 and unit.flow.predecessors[i]:
            yield Finding(("langkah", i, "mulai"), {"step": i + 1, "source": unit.flow.predecessors[i][0] + 1},
                          at="key")


@rule("AL06", "cabang-sama", Severity.WARNING,
      {"id": "Kedua cabang keputusan menuju langkah yang sama", "en": "Both decision branches go to the same step"},
      {"id": "kedua cabang keputusan di langkah {step} menuju langkah {target}: keputusan ini tidak memilih apa pun",
       "en": "both branches of the decision at step {step} go to step {target}: it decides nothing"})
def cabang_sama(unit: LintUnit) -> Iterator[Finding]:
    """Keputusan yang `ya` dan `tidak`-nya menuju langkah yang sama tidak memutuskan apa pun.

    In English: A decision whose `ya` and `tidak` lead to the same step decides nothing.

    Failing::

        keputusan: {ya: 5, tidak: 5}

    Passing::

        keputusan: {ya: 5, tidak: 2}
    """
    for i, step in enumerate(unit.sop.langkah):
        if step.keputusan is None or step.keputusan.tidak is None:
            continue
        targets = {edge.kind: edge.dst.step for edge in unit.flow.out_edges(i)}
        if targets.get(EdgeKind.YA) == targets.get(EdgeKind.TIDAK) is not None:
            yield Finding(("langkah", i, "keputusan"), {"step": i + 1, "target": targets[EdgeKind.YA] + 1}, at="key")
