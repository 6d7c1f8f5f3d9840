"""Flowcharts a signing official reads without doubt: measured on the examples and on a generated
corpus of 30 SOPs with rows of several actors, back and forward jumps and page breaks.

Every figure of sopc.layout.metrics must be zero (no arrow along a border, none beside another,
none through a symbol or the header, no label across a border or over a line), and every arrow
of the flow must still be drawn between the right symbols, directly or through a connector pair.
"""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import pytest

from sopc.backends.svg import render_pages
from sopc.config import find_config, load_config
from sopc.flow import Flow, build_flow
from sopc.layout.geometry import Layout
from sopc.layout.metrics import KINDS, legibility
from sopc.layout.swimlane import layout_sop
from sopc.lint.run import load_unit
from sopc.model import validate
from sopc.source.discover import discover
from sopc.source.loader import load_text
from tests.conftest import compose_sop

EXAMPLES = Path(__file__).parents[1] / "examples"
CHECKER = Path(__file__).parents[2] / "shared" / "tools" / "legibility.py"


def generated(seed: int, steps: int = 20) -> str:
    """A SOP as real ones are: 4-6 actors, some rows done by 2-3 of them, decisions looping back
    (sometimes to the first step), forward jumps, a hand-over of parts that end mid-flow."""
    rng = random.Random(seed)
    actors = [f"p{k}" for k in range(rng.randint(4, 6))]
    lines = ["pelaksana: [" + ", ".join(f"{{id: {a}, nama: Pelaksana {a.upper()}}}" for a in actors) + "]",
             "langkah:"]
    for i in range(steps):
        who: str = rng.choice(actors)
        extra = ""
        roll = rng.random()
        if 0 < i < steps - 2 and roll < 0.18:
            who = "[" + ", ".join(sorted(rng.sample(actors, rng.randint(2, 3)), key=actors.index)) + "]"
        elif 2 < i < steps - 1 and roll < 0.38:
            back = rng.randint(max(1, i - 8), i)
            label = rng.choice(["", ", label: [Sesuai, Tidak sesuai]", ", label: [Y, T]",
                                ", label: [Lengkap, Tidak lengkap]"])
            extra = f", keputusan: {{pertanyaan: Sudah benar?, tidak: {back}{label}}}"
        elif i < steps - 4 and roll < 0.45:
            extra = f", lanjut: {rng.randint(i + 3, min(steps, i + 7))}"
        lines.append(f"  - {{kegiatan: Memproses berkas tahap {i + 1} sesuai ketentuan, pelaksana: {who}, "
                     f"kelengkapan: Berkas, waktu: 5 menit, output: Hasil{extra}}}")
    return "\n".join(lines) + "\n"


def _layout(text: str) -> tuple[Layout, Flow]:
    source, diags = load_text(compose_sop(text))
    assert not diags, diags
    sop, diags = validate(source, {})
    assert sop is not None, diags
    flow = build_flow(sop)
    return layout_sop(sop, flow), flow


def _corpus() -> list[tuple[str, Layout, Flow]]:
    out = []
    for file in discover([EXAMPLES]):
        unit, _, _ = load_unit(file, load_config(find_config(file)), "id")
        assert unit is not None
        out.append((file.stem, layout_sop(unit.sop, unit.flow), unit.flow))
    for seed in range(30):
        layout, flow = _layout(generated(seed))
        out.append((f"generated-{seed}", layout, flow))
    return out


CORPUS = _corpus()
IDS = [name for name, _, _ in CORPUS]


def test_the_generated_corpus_has_what_real_sops_have() -> None:
    generated_ones = [(layout, flow) for name, layout, flow in CORPUS if name.startswith("generated")]
    assert len(generated_ones) >= 30
    assert sum(len(layout.pages) > 1 for layout, _ in generated_ones) >= 20
    assert sum(any(len(flow.nodes_of(s)) > 1 for s in range(flow.step_count)) for _, flow in generated_ones) >= 20
    assert sum(any(e.dst.step < e.src.step for e in flow.edges) for _, flow in generated_ones) >= 20
    assert sum(any(e.dst.step > e.src.step + 1 for e in flow.edges) for _, flow in generated_ones) >= 20


@pytest.mark.parametrize("name,layout,flow", CORPUS, ids=IDS)
def test_no_line_a_reader_could_mistake(name: str, layout: Layout, flow: Flow) -> None:
    found = legibility(layout)
    assert {kind: len(found[kind]) for kind in KINDS} == dict.fromkeys(KINDS, 0), \
        {kind: notes[:3] for kind, notes in found.items() if notes}


@pytest.mark.parametrize("name,layout,flow", CORPUS, ids=IDS)
def test_every_arrow_joins_the_right_symbols(name: str, layout: Layout, flow: Flow) -> None:
    drawn = {(a.src, a.dst) for page in layout.pages for a in page.arrows}
    for edge in flow.edges:
        src, dst = f"{edge.src.step + 1}:{edge.src.lane}", f"{edge.dst.step + 1}:{edge.dst.lane}"
        if (src, dst) in drawn:
            continue
        via = {d for s, d in drawn if s == src and d.startswith("offpage:")}
        assert any((c, dst) in drawn for c in via), f"{src} -> {dst} is not drawn"


@pytest.mark.parametrize("name,layout,flow", CORPUS, ids=IDS)
def test_every_arrowhead_sits_on_a_straight_run(name: str, layout: Layout, flow: Flow) -> None:
    """An arrow ends with at least 2 mm of straight line, so its head is seen pointing into its symbol
    (not sitting on the bend before it), and never enters a symbol from below."""
    for page in layout.pages:
        for arrow in page.arrows:
            a, b = arrow.points[-2], arrow.points[-1]
            assert abs(a.x - b.x) + abs(a.y - b.y) >= 1.95, (page.number, arrow.src, arrow.dst)
            assert not (abs(a.x - b.x) < 1e-6 and b.y < a.y), (page.number, arrow.src, arrow.dst, "from below")


@pytest.mark.parametrize("name,layout,flow", CORPUS, ids=IDS)
def test_forks_leave_by_one_trunk_with_one_label(name: str, layout: Layout, flow: Flow) -> None:
    for page in layout.pages:
        forks: dict[tuple[str, str], list] = {}
        for arrow in page.arrows:
            forks.setdefault((arrow.src, arrow.kind), []).append(arrow)
        for (src, kind), branches in forks.items():
            assert len({a.points[0] for a in branches}) == 1, f"{src} ({kind}) leaves from two places"
            assert sum(a.label is not None for a in branches) <= 1, f"{src} ({kind}) labelled twice"


@pytest.mark.parametrize("name,layout,flow", CORPUS, ids=IDS)
def test_merges_from_one_row_arrive_as_one_line(name: str, layout: Layout, flow: Flow) -> None:
    for page in layout.pages:
        merges: dict[tuple[str, str], set] = {}
        for arrow in page.arrows:
            if not arrow.src.startswith("offpage"):
                merges.setdefault((arrow.dst, arrow.src.split(":")[0]), set()).add(arrow.points[-1])
        for (dst, _), ends in merges.items():
            assert len(ends) == 1, f"arrows from one row reach {dst} in {len(ends)} places"


def test_a_jump_to_another_page_leaves_and_arrives_beside_its_symbols() -> None:
    """Never a line climbing to the page's top: the connector stands in its symbol's row (or, when
    that row is full, the row just above or below it, or the band at the page's head or foot next to
    it), and the arrow stays within those rows."""
    for name, layout, _ in CORPUS:
        for page in layout.pages:
            rows = {row.step: row for row in page.rows}
            for arrow in page.arrows:
                if arrow.dst.startswith("offpage") and not _runs_on(layout, page.number, arrow.src):
                    symbol = arrow.src
                elif arrow.src.startswith("offpage") and not _runs_on_into(layout, page.number, arrow.dst):
                    symbol = arrow.dst
                else:
                    continue
                step = int(symbol.split(":")[0]) - 1
                near = [rows[s] for s in (step - 1, step, step + 1) if s in rows]
                top, bottom = min(r.y for r in near), max(r.bottom for r in near)
                if step == page.rows[0].step:  # the first row may use the band at the page's head
                    top = page.top + sum(layout.header_rows)
                if step == page.rows[-1].step:  # and the last row the band at its foot
                    bottom = page.bottom
                assert all(top <= p.y <= bottom for p in arrow.points), (name, arrow.src, arrow.dst)
                own = rows[step]
                assert any(own.y <= p.y <= own.bottom for p in arrow.points), (name, arrow.src, arrow.dst)


def _runs_on_into(layout: Layout, page: int, dst: str) -> bool:
    """Whether `dst` is the page's first row, reached from the previous page's foot (the head band)."""
    rows = layout.pages[page - 1].rows
    return page > 1 and int(dst.split(":")[0]) - 1 == rows[0].step


def _runs_on(layout: Layout, page: int, src: str) -> bool:
    """Whether `src` is the page's last row (the flow running on to the next page, through the foot band)."""
    rows = layout.pages[page - 1].rows
    return int(src.split(":")[0]) - 1 == rows[-1].step


@pytest.mark.skipif(not CHECKER.exists(), reason="the shared legibility checker is not beside this clone")
def test_the_shared_checker_agrees(tmp_path: Path) -> None:
    files = []
    for name, layout, _ in CORPUS:
        for page_no, svg in enumerate(render_pages(layout, "table"), 1):
            path = tmp_path / f"{name}.p{page_no}.svg"
            path.write_bytes(svg)
            files.append(str(path))
    result = subprocess.run([sys.executable, str(CHECKER), "--show", "10", *files], capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stdout[-3000:]
