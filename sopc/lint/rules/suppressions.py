"""Rules about the suppression comments themselves (`# sopc: disable=...`)."""

from __future__ import annotations

from collections.abc import Iterator

from sopc.diagnostics import Severity
from sopc.lint.context import LintUnit
from sopc.lint.registry import Finding, all_rules, rule
from sopc.lint.suppress import references


@rule("SP01", "penekanan-tak-dikenal", Severity.WARNING,
      {"id": "Komentar penekanan menyebut aturan yang tidak ada", "en": "A suppression names no rule"},
      {"id": "`# sopc: disable` menyebut `{ref}`, yang bukan kode atau nama aturan; komentar itu tidak menekan "
             "apa pun", "en": "`# sopc: disable` names `{ref}`, which is no rule's code or name; it hides nothing"})
def penekanan_tak_dikenal(unit: LintUnit) -> Iterator[Finding]:
    """A `# sopc: disable=` comment names rules by code (`LK04`) or name (`kelengkapan-kosong`), or
    `ALL`. A misspelt one (`LK4`, a prefix such as `LK`) hides nothing while it looks as if it did.

    Failing::

        waktu: 5 mnt  # sopc: disable=WK1

    Passing::

        waktu: 5 mnt  # sopc: disable=WK01
    """
    known = {"ALL"} | {r.code for r in all_rules()} | {r.name for r in all_rules()}
    for line, column, ref in references(unit.source.text):
        if ref.upper() not in known and ref.lower() not in known:
            yield Finding((), {"ref": ref}, where=(line, column))
