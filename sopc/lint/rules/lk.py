"""LK: rules on each langkah's content: pelaksana, Mutu Baku (waktu, output, kelengkapan), the activity's wording."""

from __future__ import annotations

import re
from collections.abc import Iterator

from sopc.diagnostics import Severity
from sopc.lint.context import LintUnit
from sopc.lint.registry import Finding, rule


def _missing(unit: LintUnit, key: str) -> Iterator[Finding]:
    """A finding for every step where `key` is absent or empty (`-`): at the value, else the step."""
    for i, step in enumerate(unit.sop.langkah):
        if not getattr(step, key):
            yield Finding(("langkah", i, key), {"step": i + 1})


@rule("LK01", "langkah-tanpa-pelaksana", Severity.ERROR,
      {"id": "Langkah tanpa pelaksana", "en": "Step without pelaksana"},
      {"id": "langkah {step} tidak menyebut pelaksana: simbolnya tidak punya kolom",
       "en": "step {step} names no pelaksana: its symbol has no column"})
def langkah_tanpa_pelaksana(unit: LintUnit) -> Iterator[Finding]:
    """Setiap langkah dikerjakan oleh seseorang: peraturan menempatkan simbol tiap langkah di kolom
    pelaksana yang mengerjakannya.

    In English: Every step is done by someone: the regulation puts each step's symbol in the column of
    the actor (pelaksana) who does it.

    Failing::

        - kegiatan: Menerima surat masuk
          waktu: 10 menit

    Passing::

        - kegiatan: Menerima surat masuk
          pelaksana: pengadministrasi
          waktu: 10 menit
    """
    return _missing(unit, "pelaksana")


@rule("LK02", "langkah-tanpa-waktu", Severity.ERROR,
      {"id": "Langkah tanpa waktu (Mutu Baku)", "en": "Step without waktu (Mutu Baku)"},
      {"id": "langkah {step} tidak menyebut waktu (Mutu Baku: Waktu)",
       "en": "step {step} states no waktu (Mutu Baku: Waktu)"})
def langkah_tanpa_waktu(unit: LintUnit) -> Iterator[Finding]:
    """Setiap kegiatan menyebut waktu yang diperlukan (Mutu Baku: Waktu). `-` dianggap tidak disebut.

    In English: Every activity names the time it needs (Mutu Baku: Waktu). `-` counts as not stated.

    Failing::

        - kegiatan: Menerima surat masuk
          pelaksana: pengadministrasi
          waktu: "-"

    Passing::

        - kegiatan: Menerima surat masuk
          pelaksana: pengadministrasi
          waktu: 10 menit
    """
    return _missing(unit, "waktu")


@rule("LK03", "langkah-tanpa-output", Severity.ERROR,
      {"id": "Langkah tanpa output (Mutu Baku)", "en": "Step without output (Mutu Baku)"},
      {"id": "langkah {step} tidak menyebut output (Mutu Baku: Output)",
       "en": "step {step} states no output (Mutu Baku: Output)"})
def langkah_tanpa_output(unit: LintUnit) -> Iterator[Finding]:
    """Setiap kegiatan menyebut hasilnya (Mutu Baku: Output).

    In English: Every activity names what it produces (Mutu Baku: Output).

    Failing::

        - kegiatan: Mencatat surat dalam buku agenda
          pelaksana: pengadministrasi

    Passing::

        - kegiatan: Mencatat surat dalam buku agenda
          pelaksana: pengadministrasi
          output: Surat tercatat
    """
    return _missing(unit, "output")


@rule("LK04", "langkah-tanpa-kelengkapan", Severity.WARNING,
      {"id": "Langkah tanpa kelengkapan (Mutu Baku)", "en": "Step without kelengkapan (Mutu Baku)"},
      {"id": "langkah {step} tidak menyebut kelengkapan (Mutu Baku: Kelengkapan)",
       "en": "step {step} states no kelengkapan (Mutu Baku: Kelengkapan)"})
def langkah_tanpa_kelengkapan(unit: LintUnit) -> Iterator[Finding]:
    """Setiap kegiatan menyebut apa yang diperlukan untuk memulainya (Mutu Baku: Kelengkapan /
    persyaratan). Hanya peringatan: langkah pertama sebagian SOP nyata tidak memerlukan apa pun.

    In English: Every activity names what it needs to start (Mutu Baku: Kelengkapan / persyaratan).
    A warning: some first steps of real SOPs need nothing.

    Failing::

        - kegiatan: Memeriksa kelengkapan surat
          pelaksana: kabag

    Passing::

        - kegiatan: Memeriksa kelengkapan surat
          pelaksana: kabag
          kelengkapan: Surat masuk
    """
    return _missing(unit, "kelengkapan")


# The regulation asks for "kata kerja tanpa subyek": active verbs carry these prefixes.
VERB_PREFIXES = ("me", "ber", "di")
# Base-form verbs written as instructions in real SOPs ("Paraf surat", "Cetak SPT").
BASE_VERBS = frozenset(
    "ajukan arsipkan buat cek cetak input isi kirim lapor paraf periksa pindai rekap scan serahkan "
    "simpan susun tanda tandatangani teliti terima tetapkan unggah unduh verifikasi".split())
# Nouns that begin with a verb prefix but are the subject of a sentence.
SUBJECT_NOUNS = frozenset("berkas dinas direksi direktur direktorat divisi mereka menteri menko".split())
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


@rule("LK05", "kegiatan-bukan-kata-kerja", Severity.WARNING,
      {"id": "Kegiatan tidak ditulis sebagai kata kerja tanpa subjek",
       "en": "Activity not written as a verb without a subject"},
      {"actor": {"id": "kegiatan langkah {step} diawali nama pelaksana `{actor}`; tulis kata kerja tanpa subjek "
                       "(pelaksana sudah tampak di kolomnya)",
                 "en": "activity of step {step} starts with the actor `{actor}`; write a verb without a subject "
                       "(the actor already shows in its column)"},
       "verb": {"id": "kegiatan langkah {step} tidak diawali kata kerja (`{word}`); contoh: \"Menerima surat\"",
                "en": "activity of step {step} does not start with a verb (`{word}`); e.g. \"Menerima surat\""}})
def kegiatan_bukan_kata_kerja(unit: LintUnit) -> Iterator[Finding]:
    """Peraturan menulis kegiatan dalam bentuk aktif, sebagai kata kerja tanpa subyek: pelaksananya sudah
    ditunjukkan oleh kolom. Pemeriksaan ini perkiraan: kata pertama harus berimbuhan kata kerja (me-,
    mem-, men-, meng-, meny-, ber-, di-) atau kata kerja dasar yang umum, dan kegiatan tidak boleh
    diawali nama pelaksana. Tambahkan kata kerja unit Anda sendiri dengan `verbs = [...]` di `[lint]`.

    In English: The regulation writes activities actively, as a verb without a subject ("kata kerja
    tanpa subyek"): the actor is already shown by the column. The check is a heuristic: the
    first word must carry a verb prefix (me-, mem-, men-, meng-, meny-, ber-, di-)
    or be a common base verb, and the activity must not start with an actor's name. Add your
    unit's own verbs with `verbs = [...]` under `[lint]`.

    Failing::

        - kegiatan: Kepala Bagian memeriksa surat
          pelaksana: kabag

    Passing::

        - kegiatan: Memeriksa surat
          pelaksana: kabag
    """
    actors = [(a.nama.lower(), a.nama) for a in unit.sop.pelaksana] + [(a.id.lower(), a.id) for a in unit.sop.pelaksana]
    extra = {v.lower() for v in unit.settings.verbs}
    for i, step in enumerate(unit.sop.langkah):
        text = step.kegiatan.lower()
        actor = next((name for low, name in actors if text.startswith(low + " ") or text == low), None)
        if actor:
            yield Finding(("langkah", i, "kegiatan"), {"step": i + 1, "actor": actor}, "actor")
            continue
        match = _WORD.search(step.kegiatan)
        word = match.group(0) if match else step.kegiatan
        if not _is_verb(word.lower(), extra):
            yield Finding(("langkah", i, "kegiatan"), {"step": i + 1, "word": word}, "verb")


def _is_verb(word: str, extra: set[str]) -> bool:
    if word in extra or word in BASE_VERBS:
        return True
    return word.startswith(VERB_PREFIXES) and word not in SUBJECT_NOUNS and len(word) > 4
