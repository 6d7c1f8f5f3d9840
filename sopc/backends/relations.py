"""The map of how a repository's SOPs relate: makro -> mikro (`induk`) and `keterkaitan` links, by Graphviz.

Graphviz places these free-form graphs; the swimlane grid never goes through it. Every text is
escaped for DOT and marked as not-HTML, so a SOP title cannot change the drawing's markup.
"""

from __future__ import annotations

import subprocess
from collections.abc import Mapping, Sequence

import graphviz

from sopc.errors import SopcError
from sopc.layout.text import FONT
from sopc.lint.context import RepoEntry
from sopc.texts.i18n import texts
from sopc.texts.labels import Labels

DOT_MISSING = texts("map.dot_missing")


class DotMissing(SopcError):
    """Graphviz's `dot` is not installed."""

    def __init__(self) -> None:
        super().__init__(DOT_MISSING)


READABLE_MOST = 150  # SOPs a printed map can show legibly; the manual leaves out a larger one, saying so


def relation_graph(entries: Sequence[RepoEntry], text: Labels,
                   links: Mapping[str, str] | None = None) -> graphviz.Digraph:
    """A directed graph: one node per SOP (nomor and nama), makro -> mikro and keterkaitan edges,
    the edges labelled with `text` (the labels `peta_induk`, `peta_terkait`); with `links`
    (nomor -> address), each box links there."""
    labels = {"induk": text["peta_induk"], "link": text["peta_terkait"]}
    graph = graphviz.Digraph("sopc", graph_attr={"rankdir": "LR", "fontname": FONT},
                             node_attr={"shape": "box", "style": "rounded", "fontname": FONT, "fontsize": "10"},
                             edge_attr={"fontname": FONT, "fontsize": "8"})
    by_nomor = {e.nomor: e for e in entries}
    ids = {e.nomor: f"sop{i}" for i, e in enumerate(sorted(entries, key=lambda e: e.nomor))}
    for nomor in sorted(ids):
        entry = by_nomor[nomor]
        extra = {"URL": _dot_text(links[nomor]), "target": "_top"} if links and nomor in links else {}
        graph.node(ids[nomor], graphviz.nohtml(_dot_text(f"{nomor}\n{entry.nama}")), tooltip=_dot_text(entry.path),
                   **extra)
    joined: set[frozenset[str]] = set()  # a link written on both sides, or beside an induk, is drawn once
    for nomor in sorted(ids):
        induk = by_nomor[nomor].induk
        if induk in ids and induk != nomor:
            graph.edge(ids[induk], ids[nomor], label=labels["induk"], style="solid")
            joined.add(frozenset((induk, nomor)))
    for nomor in sorted(ids):
        for link in sorted(set(by_nomor[nomor].keterkaitan)):
            pair = frozenset((link, nomor))
            if link in ids and link != nomor and pair not in joined:
                graph.edge(ids[nomor], ids[link], label=labels["link"], style="dashed", arrowhead="none")
                joined.add(pair)
    return graph


def related(entries: Sequence[RepoEntry]) -> list[RepoEntry]:
    """The SOPs of `entries` that contain, are contained in or are linked to another of them: the
    manual's map leaves out the rest (a thousand unrelated boxes in a row tell nothing)."""
    nomors = {e.nomor for e in entries}
    linked: set[str] = set()
    for entry in entries:
        for other in (*([entry.induk] if entry.induk else []), *entry.keterkaitan):
            if other in nomors and other != entry.nomor:
                linked |= {entry.nomor, other}
    return [e for e in entries if e.nomor in linked]


def _dot_text(text: str) -> str:
    """Text DOT prints as written: backslashes escaped, newlines as DOT line breaks."""
    return "\\n".join(graphviz.escape(line) for line in text.split("\n"))


def render_svg(graph: graphviz.Digraph) -> bytes:
    """The graph drawn as SVG by Graphviz's `dot`."""
    try:
        return graph.pipe(format="svg", quiet=True)  # its complaint reaches the user in sopc's message
    except graphviz.ExecutableNotFound as err:
        raise DotMissing() from err
    except subprocess.CalledProcessError as err:
        reason = (err.stderr or b"").decode(errors="replace").strip()[:300] or f"exit {err.returncode}"
        raise SopcError(texts("map.failed", reason=reason)) from None
