"""Rules on the flow: decisions, reachability, ends, loops, and the actors the steps use."""

from __future__ import annotations

from collections.abc import Iterator

from sopc.diagnostics import Severity
from sopc.lint.context import LintUnit
from sopc.lint.registry import Finding, rule


@rule("PL01", "pelaksana-tidak-dipakai", Severity.WARNING,
      {"id": "Pelaksana dideklarasikan tetapi tidak dipakai", "en": "Actor declared but never used"},
      {"id": "pelaksana `{actor}` tidak melakukan langkah mana pun: kolomnya akan kosong",
       "en": "actor `{actor}` does no step: its column would be empty"})
def pelaksana_tidak_dipakai(unit: LintUnit) -> Iterator[Finding]:
    """Setiap pelaksana yang dinyatakan (satu kolom tabel) mengerjakan paling sedikit satu langkah.

    In English: Every declared actor (a column of the table) does at least one step.

    Failing::

        pelaksana: [pengadministrasi, kabag, sekretaris]   # sekretaris does nothing

    Passing::

        pelaksana: [pengadministrasi, kabag]
    """
    used = {node.lane for node in unit.flow.nodes}
    for j, actor in enumerate(unit.sop.pelaksana):
        if actor.id not in used:
            yield Finding(("pelaksana", j), {"actor": actor.nama})


@rule("PL02", "teknis-banyak-pelaksana", Severity.INFO,
      {"id": "SOP teknis dengan beberapa pelaksana", "en": "Technical SOP with several actors"},
      {"id": "SOP `jenis: teknis` biasanya dilakukan satu pelaksana; SOP ini memakai {count} "
             "(mungkin `administratif`?)",
       "en": "a `jenis: teknis` SOP is usually done by one actor; this one uses {count} "
             "(`administratif`, perhaps?)"})
def teknis_banyak_pelaksana(unit: LintUnit) -> Iterator[Finding]:
    """Peraturan mendefinisikan SOP teknis sebagai SOP yang dikerjakan oleh satu aparatur atau peran,
    dan SOP administratif oleh beberapa. Hanya saran.

    In English: The regulation defines SOP teknis as done by one aparatur or role, and SOP
    administratif as done by several. A hint only.

    Failing::

        jenis: teknis
        pelaksana: [pengadministrasi, kabag, sekretaris]

    Passing::

        jenis: administratif
        pelaksana: [pengadministrasi, kabag, sekretaris]
    """
    used = {node.lane for node in unit.flow.nodes if node.lane}
    if unit.sop.jenis == "teknis" and len(used) > 1:
        yield Finding(("jenis",), {"count": len(used)})
