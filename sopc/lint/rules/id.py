"""ID: rules on the identity items of the regulation's Bagian Identitas: empty items, the nomor."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from sopc.diagnostics import Severity
from sopc.lint.context import LintUnit
from sopc.lint.pattern import nomor_matcher
from sopc.lint.registry import Finding, rule
from sopc.model.base import EMPTY_MARK
from sopc.paths import PathEscape, inside

_EMPTY_DOC = """Butir identitas `{key}` ({label}) {why_id}. SOP nyata yang terbit {practice_id}.

    In English: The identity item `{key}` ({label}) is {why}. Real published SOPs {practice}.

    Failing::

        {key}: "-"

    Passing::

        {key}:
          - {example}
    """


def _empty_rule(code: str, name: str, key: str, label: str, severity: Severity, example: str) -> None:
    """Register the rule that an identity item must not be empty (`[]`, `-` or no value)."""
    why = "required by the regulation's form" if severity is Severity.ERROR else "part of the form"
    practice = ("always fill it" if severity is Severity.ERROR
                else "sometimes leave it empty, and the document then prints \"-\": so only a warning")
    why_id = "diwajibkan formulir peraturan" if severity is Severity.ERROR else "bagian dari formulir"
    practice_id = ("selalu mengisinya" if severity is Severity.ERROR
                   else "kadang mengosongkannya, dan dokumen lalu mencetak \"-\": karena itu hanya peringatan")

    def check(unit: LintUnit) -> Iterator[Finding]:
        if not getattr(unit.sop, key):
            yield Finding((key,), {"label": label}, at="key")

    check.__doc__ = _EMPTY_DOC.format(key=key, label=label, why=why, practice=practice, why_id=why_id,
                                      practice_id=practice_id, example=example)
    message = {"id": "`{label}` kosong; isi sesuai formulir SOP AP",
               "en": "`{label}` is empty; fill it as the SOP AP form asks"}
    rule(code, name, severity, {"id": f"{label} kosong", "en": f"Empty {label}"}, message)(check)


_empty_rule("ID01", "dasar-hukum-kosong", "dasar_hukum", "Dasar Hukum", Severity.ERROR,
            "Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik")
_empty_rule("ID02", "kualifikasi-pelaksana-kosong", "kualifikasi_pelaksana", "Kualifikasi Pelaksana", Severity.ERROR,
            "Memahami tata naskah dinas")
_empty_rule("ID03", "peralatan-kosong", "peralatan", "Peralatan/Perlengkapan", Severity.ERROR,
            "Komputer dan printer")
_empty_rule("ID04", "pencatatan-kosong", "pencatatan", "Pencatatan dan Pendataan", Severity.ERROR,
            "Buku agenda surat masuk")
_empty_rule("ID05", "peringatan-kosong", "peringatan", "Peringatan", Severity.WARNING,
            "Jika SOP tidak dilaksanakan, surat dapat hilang")
_empty_rule("ID06", "keterkaitan-kosong", "keterkaitan", "Keterkaitan", Severity.WARNING,
            "SOP Pengarsipan Surat")


@rule("ID07", "nomor-kosong", Severity.WARNING,
      {"id": "Nomor SOP kosong", "en": "Empty Nomor SOP"},
      {"id": "nomor SOP kosong (`-`); beri nomor sesuai tata naskah dinas unit",
       "en": "the SOP has no number (`-`); number it by the unit's tata naskah dinas"})
def nomor_kosong(unit: LintUnit) -> Iterator[Finding]:
    """SOP diberi nomor menurut tata naskah dinas unit. SOP yang terbit kadang mencetak "-"; SOP lain
    lalu tidak dapat merujuknya.

    In English: A SOP is numbered according to the unit's tata naskah dinas. Published SOPs sometimes
    print "-"; other SOPs cannot then refer to it.

    Failing::

        nomor: "-"

    Passing::

        nomor: 003/SOP/BTU/2024
    """
    if unit.sop.nomor in ("", EMPTY_MARK):
        yield Finding(("nomor",))


@rule("ID08", "nomor-tidak-sesuai-pola", Severity.WARNING,
      {"id": "Nomor SOP tidak sesuai pola unit", "en": "Nomor SOP does not follow the unit's pattern"},
      {"id": "nomor `{nomor}` tidak sesuai pola `{pattern}` (lint.nomor_pattern)",
       "en": "nomor `{nomor}` does not match the pattern `{pattern}` (lint.nomor_pattern)"})
def nomor_tidak_sesuai_pola(unit: LintUnit) -> Iterator[Finding]:
    """Bila `nomor_pattern` diatur di `[lint]`, setiap nomor harus cocok dengannya (ekspresi reguler,
    dicocokkan utuh), agar penomoran seragam di seluruh repositori.

    In English: When `nomor_pattern` is set under `[lint]`, every nomor matches it (a regular expression,
    matched in full), so numbering stays uniform across the repository.

    Failing (`nomor_pattern = 'SOP-\\d{3}/\\d{5}/\\d{4}'`)::

        nomor: 25/17000/2025

    Passing::

        nomor: SOP-025/17000/2025
    """
    pattern = unit.settings.nomor_pattern
    if pattern and unit.sop.nomor not in ("", EMPTY_MARK) and not nomor_matcher(pattern)(unit.sop.nomor):
        yield Finding(("nomor",), {"nomor": unit.sop.nomor, "pattern": pattern})


@rule("ID09", "logo-di-luar-repositori", Severity.ERROR,
      {"id": "Logo di luar repositori", "en": "Logo outside the repository"},
      {"id": "logo {problem}", "en": "logo {problem}"})
def logo_di_luar_repositori(unit: LintUnit) -> Iterator[Finding]:
    """Logo adalah berkas di dalam repositori, ditulis relatif terhadap akarnya (tempat sopc.toml).
    Path absolut, `..` yang keluar, atau tautan yang menunjuk ke luar ditolak: SOP yang disalin dari
    tempat lain tidak boleh membuat sopc membaca, lalu mencetak, berkas apa pun di mesin.

    In English: The logo is a file inside the repository, named relative to its root (where sopc.toml
    is). An absolute path, `..` leading out, or a link pointing out is refused: a SOP copied
    from elsewhere must not make sopc read, and print, any file of the machine.

    Failing::

        logo: ../../etc/passwd

    Passing::

        logo: gambar/logo-kabupaten.png
    """
    logo = unit.sop.logo
    if not logo:
        return
    root = unit.config.root or Path(unit.path).parent
    try:
        inside(root, logo)
    except PathEscape as err:
        yield Finding(("logo",), {"problem": str(err)})
