"""RP: rules across a repository: unique numbers, links (keterkaitan, induk) that resolve, induk without circles."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence

from sopc.diagnostics import Severity
from sopc.lint.context import RepoEntry
from sopc.lint.pattern import nomor_matcher
from sopc.lint.registry import Finding, rule
from sopc.model.base import EMPTY_MARK
from sopc.source.scalars import as_written

# Without a configured pattern, a SOP number is one token with a digit and a separator
# ("003/SOP/BTU/2024", "SOP-025/17000/2025"); a title ("SOP Pengelolaan Arsip") is not.
_LOOKS_LIKE_NOMOR = re.compile(r"(?=[^\s]*\d)[\w.]+(?:[/-][\w.]+)+")


@rule("RP01", "nomor-ganda", Severity.ERROR,
      {"id": "Nomor SOP dipakai dua kali", "en": "Nomor SOP used twice"},
      {"id": "nomor `{nomor}` juga dipakai oleh {other}", "en": "nomor `{nomor}` is also used by {other}"},
      scope="project")
def nomor_ganda(entries: Sequence[RepoEntry]) -> Iterator[Finding]:
    """Setiap SOP dalam satu repositori memiliki nomornya sendiri: dokumen, keterkaitan dan manual
    merujuk SOP dengan nomor itu. Dilaporkan pada setiap berkas yang memakai nomor yang sama, dengan
    menyebut satu berkas lain (yang pertama menurut urutan path, atau yang kedua bagi yang pertama),
    agar pemeriksaan berkas mana pun di antaranya memberitahukannya.

    In English: Each SOP of a repository has its own nomor: documents, keterkaitan and the manual refer
    to SOPs by it. Reported on every file that shares it, naming another (the first in path
    order, or the second for the first), so that linting any one of them tells.

    Failing::

        # a.sop.yaml
        nomor: 003/SOP/BTU/2024
        # b.sop.yaml
        nomor: 003/SOP/BTU/2024

    Passing::

        # b.sop.yaml
        nomor: 004/SOP/BTU/2024
    """
    sharing: dict[str, list[RepoEntry]] = {}
    for entry in sorted(entries, key=lambda e: e.path):
        if entry.nomor not in ("", EMPTY_MARK):
            sharing.setdefault(same_nomor(entry.nomor), []).append(entry)
    for group in sharing.values():
        for entry in group if len(group) > 1 else ():
            other = group[1] if entry is group[0] else group[0]
            yield Finding(("nomor",), {"nomor": entry.nomor, "other": other.path}, unit=entry)


def same_nomor(nomor: str) -> str:
    """A nomor as it reads: two spellings that look the same (`Å` as one character or as A and a ring,
    full-width digits) are the same nomor."""
    return unicodedata.normalize("NFKC", nomor).strip()


@rule("RP02", "rujukan-tidak-ditemukan", Severity.WARNING,
      {"id": "Rujukan ke nomor SOP yang tidak ada", "en": "Link to a SOP number not in the repository"},
      {"id": "`{key}` menyebut nomor `{nomor}`, tetapi tidak ada SOP bernomor itu di repositori",
       "en": "`{key}` names nomor `{nomor}`, but no SOP of the repository has it"},
      scope="project")
def rujukan_tidak_ditemukan(entries: Sequence[RepoEntry]) -> Iterator[Finding]:
    """Butir `keterkaitan` atau `induk` yang tampak seperti nomor SOP (satu kata dengan angka dan `/`
    atau `-`, atau yang cocok dengan `lint.nomor_pattern`) harus merupakan nomor SOP di repositori;
    judul dan teks bebas dibiarkan.

    In English: A `keterkaitan` entry or an `induk` that looks like a SOP number (one token with a digit
    and `/` or `-`, or matching `lint.nomor_pattern`) must be the nomor of a SOP in the
    repository; titles and free text are left alone.

    Failing::

        induk: 001/SOP/BTU/2024        # no SOP has this nomor

    Passing::

        induk: 001/SOP/BTU/2024        # kearsipan.sop.yaml has nomor 001/SOP/BTU/2024
        keterkaitan: [SOP Pengarsipan Surat]
    """
    known = {e.nomor for e in entries}
    for entry in entries:
        looks = _nomor_test(entry.settings.nomor_pattern)
        refs = [(("induk",), entry.induk, "induk")] if entry.induk else []
        refs += [(_item_path(entry, "keterkaitan", text), text, "keterkaitan") for text in entry.keterkaitan]
        for path, text, key in refs:
            if text not in known and looks(text):
                yield Finding(path, {"key": key, "nomor": text}, unit=entry)


@rule("RP03", "induk-melingkar", Severity.ERROR,
      {"id": "Induk SOP melingkar", "en": "Induk SOPs in a circle"},
      {"self": {"id": "SOP ini menjadi induknya sendiri (`induk: {nomor}`)",
                "en": "this SOP is its own induk (`induk: {nomor}`)"},
       "circle": {"id": "induk berputar kembali ke SOP ini: {circle}",
                  "en": "the induk lead back to this SOP: {circle}"}},
      scope="project")
def induk_melingkar(entries: Sequence[RepoEntry]) -> Iterator[Finding]:
    """`induk` menyebut SOP di atas SOP ini; bila ditelusuri ke atas, rantai induk harus berakhir pada
    SOP tanpa induk. SOP yang menjadi induk dirinya sendiri, atau SOP yang rantai induknya kembali ke
    dirinya, tidak memiliki puncak: manual tidak dapat menempatkannya dan pembaca tidak dapat
    menelusurinya. Dilaporkan pada setiap SOP dalam lingkaran itu.

    In English: `induk` names the SOP above this one; followed upwards, the induk must end at a SOP with
    none. A SOP that is its own induk, or SOPs whose induk lead back to themselves, have no top:
    the manual cannot place them and readers cannot follow them. Reported on every SOP of the circle.

    Failing::

        # a.sop.yaml
        nomor: 001/SOP/BU/2024
        induk: 002/SOP/BU/2024
        # b.sop.yaml
        nomor: 002/SOP/BU/2024
        induk: 001/SOP/BU/2024

    Passing::

        # b.sop.yaml
        nomor: 002/SOP/BU/2024
        induk: "-"
    """
    by_nomor: dict[str, RepoEntry] = {}
    for entry in sorted(entries, key=lambda e: e.path):
        by_nomor.setdefault(same_nomor(entry.nomor), entry)
    for entry in entries:
        if not entry.induk:
            continue
        if same_nomor(entry.induk) == same_nomor(entry.nomor):
            yield Finding(("induk",), {"nomor": entry.induk}, "self", unit=entry)
            continue
        chain, seen, current = [entry.nomor], {same_nomor(entry.nomor)}, entry
        while current.induk and (above := by_nomor.get(same_nomor(current.induk))) is not None:
            if same_nomor(above.nomor) == same_nomor(entry.nomor):
                yield Finding(("induk",), {"circle": " -> ".join([*chain, entry.nomor])}, "circle", unit=entry)
                break
            if same_nomor(above.nomor) in seen:
                break  # a circle above this SOP, reported on its own members
            chain.append(above.nomor)
            seen.add(same_nomor(above.nomor))
            current = above


def _nomor_test(pattern: str | None):
    return nomor_matcher(pattern) if pattern else _LOOKS_LIKE_NOMOR.fullmatch


def _item_path(entry: RepoEntry, key: str, text: str) -> tuple:
    """Where the author wrote `text` in the list `key` (the model drops `-` items, shifting indexes)."""
    written = entry.source.data.get(key)
    if isinstance(written, list):
        for j, item in enumerate(written):
            value = as_written(item)
            if isinstance(value, str) and value.strip() == text:
                return key, j
    return (key,)
