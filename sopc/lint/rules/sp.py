"""SP: rules about the suppression comments themselves (`# sopc: disable=...`)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from sopc.diagnostics import Severity
from sopc.lint.context import LintUnit, RepoEntry
from sopc.lint.registry import Finding, find_rule, rule
from sopc.lint.suppress import UNUSED, references


@rule("SP01", "penekanan-tak-dikenal", Severity.WARNING,
      {"id": "Komentar penekanan menyebut aturan yang tidak ada", "en": "A suppression names no rule"},
      {"id": "`# sopc: disable` menyebut `{ref}`, yang bukan kode atau nama aturan; komentar itu tidak menekan "
             "apa pun", "en": "`# sopc: disable` names `{ref}`, which is no rule's code or name; it hides nothing"})
def penekanan_tak_dikenal(unit: LintUnit) -> Iterator[Finding]:
    """Komentar `# sopc: disable=` menyebut aturan dengan kode (`LK04`) atau nama
    (`langkah-tanpa-kelengkapan`), atau `ALL`. Yang salah eja (`LK4`, awalan seperti `LK`) tidak
    menekan apa pun, padahal tampak seolah-olah menekan.

    In English: A `# sopc: disable=` comment names rules by code (`LK04`) or name
    (`langkah-tanpa-kelengkapan`), or
    `ALL`. A misspelt one (`LK4`, a prefix such as `LK`) hides nothing while it looks as if it did.

    Failing::

        waktu: 5 mnt  # sopc: disable=WK1

    Passing::

        waktu: 5 mnt  # sopc: disable=WK01
    """
    for r in references(unit.source.text):
        if _named(r.ref) is None:
            yield Finding((), {"ref": r.ref}, where=(r.line, r.column))


@rule(UNUSED, "penekanan-tak-terpakai", Severity.WARNING,
      {"id": "Komentar penekanan tidak menekan apa pun", "en": "A suppression hides nothing"},
      {"unused": {"id": "`# sopc: disable` menekan `{ref}` di sini, tetapi temuan itu tidak ada; hapus komentar itu",
                  "en": "`# sopc: disable` hides `{ref}` here, but there is no such finding; remove the comment"},
       "off": {"id": "`# sopc: disable` menekan `{ref}`, aturan yang tidak dijalankan untuk berkas ini (tidak "
                     "dipilih di sopc.toml atau di baris perintah, atau pemeriksaan bawaan yang tak dapat ditekan)",
               "en": "`# sopc: disable` hides `{ref}`, a rule that does not run on this file (not selected in "
                     "sopc.toml or on the command line, or a built-in check that cannot be hidden)"}},
      scope="suppressions")
def penekanan_tak_terpakai(entries: Sequence[RepoEntry]) -> Iterator[Finding]:
    """Komentar `# sopc: disable=` yang tidak menekan temuan apa pun: masalahnya sudah diperbaiki,
    atau komentar itu menyebut aturan yang tidak dijalankan. Bila dibiarkan, komentar itu akan diam-diam
    menekan temuan nyata berikutnya dari aturan itu di baris itu, dan pembaca mengiranya pengecualian
    yang masih berlaku (seperti RUF100 pada ruff). Komentar yang menyebut SP02 sendiri tidak dinilai.

    In English: A `# sopc: disable=` comment that hides no finding: the problem was mended, or the comment
    names a rule that does not run. Left in place, it would hide the next real finding of that rule
    on that line unseen, and readers take it for a known exception that no longer exists (as ruff's
    RUF100). A comment naming SP02 itself is not judged.

    Failing::

        waktu: 5 menit  # sopc: disable=WK01

    Passing::

        waktu: 5 menit
    """
    from sopc.lint.engine import enabled_rules

    for entry in entries:
        written = references(entry.source.text)
        if not written:
            continue
        running = {r.code for scope in ("sop", "project") for r, _ in enabled_rules(entry.settings, scope)}
        for ref in written:
            named = _named(ref.ref)
            if named is None or named == UNUSED:  # unknown (SP01 says so), or about this rule
                continue
            if not any(named in ("ALL", code) and (ref.whole_file or line == ref.line) for line, code in entry.hidden):
                off = named != "ALL" and named not in running
                yield Finding((), {"ref": ref.ref}, "off" if off else "unused", unit=entry,
                              where=(ref.line, ref.column))


def _named(ref: str) -> str | None:
    """The code a directive's reference names (`ALL` for all), None for no rule."""
    if ref.upper() == "ALL":
        return "ALL"
    found = find_rule(ref)
    return found.code if found else None
