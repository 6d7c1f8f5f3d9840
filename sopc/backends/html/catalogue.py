"""What the HTML catalogue makes once from all its SOPs: the index (grouped by instansi and unit,
searched and filtered in the page), the relation map whose boxes link to the SOPs' pages, and the
shared assets (style sheet, script, a print style sheet per paper).

Built from each SOP's index entry (`record`, kept in the build cache), so an edit remakes that
SOP's page and these, and reads no other SOP again.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterable, Sequence
from importlib import resources

from sopc.backends.html import CSP, shown_date, template
from sopc.backends.relations import relation_graph
from sopc.layout.paper import PAPERS
from sopc.lint.context import RepoEntry
from sopc.texts.labels import Labels

MAP_MOST = 400  # boxes a map is drawn with; past it a drawing cannot be read, and the list says it all
MAP_SECONDS = 30.0  # what Graphviz may take to draw it
# every file the catalogue writes besides the SOPs' pages (under html/)
NAMES = ("index.html", "peta.html", "assets/sopc.css", "assets/sopc.js",
         *(f"assets/print-{paper.lower()}.css" for paper in PAPERS))


def catalogue(records: Sequence[dict], entries: Sequence[RepoEntry], text: Labels,
              lang: str) -> list[tuple[str, bytes]]:
    """(path under html/, bytes) of the index, the map and the assets, for the SOPs `records`
    describe (`entries`: the same SOPs' relations)."""
    ordered = sorted(records, key=lambda r: (r["instansi"].casefold(), [u.casefold() for u in r["unit"]],
                                             r["nomor"]))
    units: list[str] = []
    tree: list[tuple[str, list[tuple[str, int, list[dict]]]]] = []
    for row in ordered:
        unit = " · ".join(row["unit"]) or "-"
        if not tree or tree[-1][0] != row["instansi"]:
            tree.append((row["instansi"], []))
        groups = tree[-1][1]
        if not groups or groups[-1][0] != unit:
            if unit not in units:
                units.append(unit)
            groups.append((unit, units.index(unit), []))
        groups[-1][2].append({**row, "efektif_shown": shown_date(row["efektif"], text),
                              "revisi_shown": shown_date(row["revisi"], text)})
    index = template("index.html.j2").render(lang=lang, t=text, csp=CSP, tree=tree, units=units, count=len(ordered))
    return [("index.html", index.encode("utf-8")), ("peta.html", _map_page(records, entries, text, lang)),
            *assets()]


def assets() -> list[tuple[str, bytes]]:
    """The style sheet, the script, and a print style sheet per paper (landscape, as the documents)."""
    folder = resources.files("sopc.templates").joinpath("html")
    out = [("assets/sopc.css", folder.joinpath("sopc.css").read_bytes()),
           ("assets/sopc.js", folder.joinpath("sopc.js").read_bytes())]
    for paper, (width, height) in PAPERS.items():
        out.append((f"assets/print-{paper.lower()}.css", _print_css(width, height).encode()))
    return out


def _print_css(width: float, height: float) -> str:
    return (f"@page {{ size: {width:g}mm {height:g}mm; margin: 10mm; }}\n"
            "header.site, footer.site, .skip, .unduh, .langkah { display: none; }\n"
            "body { font-size: 9pt; }\n"
            "main { max-width: none; padding: 0; }\n"
            "a { color: inherit; text-decoration: none; }\n"
            ".bagan-bingkai { border: 0; overflow: visible; break-before: page; margin: 0; }\n"
            ".bagan-bingkai svg { min-width: 0; width: 100%; max-height: 185mm; }\n"
            ".bagan h2 { display: none; }\n")


def _map_page(records: Sequence[dict], entries: Sequence[RepoEntry], text: Labels, lang: str) -> bytes:
    by_nomor = {r["nomor"]: r for r in records}
    relations = list(_relations(entries, by_nomor, text))
    drawing, note = None, ""
    if relations:
        linked = [e for e in entries if e.nomor in {n for a, _, b in relations for n in (a["nomor"], b["nomor"])}]
        drawing = _drawing(linked, by_nomor, text) if len(linked) <= MAP_MOST else None
        note = text["html_peta_tanpa_dot"] if drawing is None and len(linked) <= MAP_MOST else ""
    page = template("peta.html.j2").render(lang=lang, t=text, csp=CSP, relations=relations, drawing=drawing,
                                           note=note)
    return page.encode("utf-8")


def _relations(entries: Iterable[RepoEntry], by_nomor: dict[str, dict],
               text: Labels) -> Iterable[tuple[dict, str, dict]]:
    """(one SOP, how, another) for each induk, then each keterkaitan not already joined, between SOPs
    of the catalogue, once each (as the drawing joins them)."""
    ordered = sorted((e for e in entries if e.nomor in by_nomor), key=lambda e: e.nomor)
    joined: set[frozenset[str]] = set()
    for entry in ordered:
        if entry.induk in by_nomor and entry.induk != entry.nomor:
            joined.add(frozenset((entry.induk, entry.nomor)))
            yield by_nomor[entry.induk], text["peta_induk"], by_nomor[entry.nomor]
    for entry in ordered:
        for other in sorted(set(entry.keterkaitan)):
            pair = frozenset((entry.nomor, other))
            if other in by_nomor and other != entry.nomor and pair not in joined:
                joined.add(pair)
                yield by_nomor[entry.nomor], text["peta_terkait"], by_nomor[other]


def _drawing(entries: Sequence[RepoEntry], by_nomor: dict[str, dict], text: Labels) -> str | None:
    """The map drawn by Graphviz as inline SVG, each box a link to its SOP's page; None without `dot`,
    or when it fails or takes too long."""
    dot = shutil.which("dot")
    if dot is None:
        return None
    graph = relation_graph(entries, text, {nomor: f"{row['page']}.html" for nomor, row in by_nomor.items()})
    try:
        proc = subprocess.run([dot, "-Tsvg"], input=graph.source.encode("utf-8"), capture_output=True,
                              timeout=MAP_SECONDS, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    if proc.returncode != 0:
        return None
    svg = proc.stdout.decode("utf-8", "replace")
    start = svg.find("<svg")
    # the drawing alone: no XML prolog, doctype or comments (dot's comments hold the graph's names)
    return re.sub(r"<!--.*?-->", "", svg[start:], flags=re.S) if start >= 0 else None
