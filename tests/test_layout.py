"""Layout geometry, asserted as a reviewer would check the drawing: lanes, rows, arrows, page splits."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from sopc.config import find_config, load_config
from sopc.flow import build_flow
from sopc.layout.geometry import Arrow, Box, Layout, Page, Point, Shape
from sopc.layout.swimlane import layout_sop
from sopc.lint.run import load_unit
from sopc.model import validate
from sopc.source.discover import discover
from sopc.source.loader import load_text
from tests.conftest import compose_sop

EXAMPLES = Path(__file__).parents[1] / "examples"
ACTORS = ["a", "b", "c", "d", "e"]


def generated(steps: int, seed: int) -> str:
    """A SOP with multi-actor rows, fan-out/fan-in, decisions looping back (across pages too)."""
    lines = ["pelaksana: [" + ", ".join(f"{{id: {a}, nama: Pelaksana {a.upper()}}}" for a in ACTORS) + "]",
             "langkah:"]
    for i in range(steps):
        actor = ACTORS[(i * (seed + 2)) % len(ACTORS)]
        extra = ""
        if i % 10 == 4:
            actor = "[" + ", ".join(ACTORS[(i + k) % 5] for k in range(3)) + "]"
        elif i % 7 == 6 and i > 8:
            extra = f", keputusan: {{pertanyaan: Sesuai?, tidak: {max(1, i - 5 - seed)}}}"
        elif i == steps - 2 and steps > 30:
            extra = ", keputusan: {tidak: 2}"
        lines.append(f"  - {{kegiatan: Memproses tahap {i + 1}, pelaksana: {actor}, kelengkapan: Berkas, "
                     f"waktu: 5 menit, output: Hasil{extra}}}")
    return "\n".join(lines) + "\n"


def _layouts() -> list[tuple[str, Layout]]:
    out = []
    for file in discover([EXAMPLES]):
        unit, _, _ = load_unit(file, load_config(find_config(file)), "id")
        assert unit is not None
        out.append((file.stem, layout_sop(unit.sop, unit.flow)))
    for steps, seed in ((15, 0), (60, 1), (33, 2)):
        source, diags = load_text(compose_sop(generated(steps, seed)))
        assert not diags
        sop, diags = validate(source, {})
        assert sop is not None, diags
        out.append((f"generated-{steps}", layout_sop(sop, build_flow(sop))))
    return out


LAYOUTS = _layouts()
IDS = [name for name, _ in LAYOUTS]


def _ref(shape: Shape) -> str:
    return f"offpage:{shape.letter}" if shape.letter else f"{shape.step + 1}:{shape.lane}"


def _segments(arrow: Arrow) -> list[tuple[Point, Point]]:
    return list(itertools.pairwise(arrow.points))


def _crosses(a: Point, b: Point, box: Box) -> bool:
    """Whether segment a-b passes through the inside of `box` (touching its outline does not count)."""
    eps = 0.05
    x1, x2, y1, y2 = min(a.x, b.x), max(a.x, b.x), min(a.y, b.y), max(a.y, b.y)
    return x1 < box.right - eps and x2 > box.x + eps and y1 < box.bottom - eps and y2 > box.y + eps


@pytest.mark.parametrize("name,layout", LAYOUTS, ids=IDS)
def test_each_symbol_stands_in_its_lane_and_row(name: str, layout: Layout) -> None:
    lanes = {c.actor: c for c in layout.lanes}
    for page in layout.pages:
        rows = {row.step: row for row in page.rows}
        for shape in page.shapes:
            lane = lanes[shape.lane]
            assert lane.x < shape.box.x and shape.box.right < lane.x + lane.w
            assert abs(shape.box.cx - lane.cx) < 0.01 or shape.kind == "offpage"
            if shape.step is not None:
                row = rows[shape.step]
                assert row.y < shape.box.y and shape.box.bottom < row.bottom


@pytest.mark.parametrize("name,layout", LAYOUTS, ids=IDS)
def test_every_line_leaves_room_for_the_cell_borders(name: str, layout: Layout) -> None:
    """A line that fits its cell only to a tenth of a millimetre wraps again in LibreOffice (it takes
    the 0.5 pt borders out of the width), and the exact row height then cuts the last line off."""
    from sopc.layout.table import PAD, TEXT_PT
    from sopc.layout.text import text_width

    widths = {c.key: c.w for c in layout.columns if c.key != "lane"}
    for page in layout.pages:
        for row in page.rows:
            for key, lines in row.cells.items():
                for line in lines:
                    assert text_width(line, TEXT_PT) <= widths[key] - 2 * PAD - 0.35, (name, key, line)


@pytest.mark.parametrize("name,layout", LAYOUTS, ids=IDS)
def test_steps_go_down_the_pages(name: str, layout: Layout) -> None:
    order = [(page.number, row.y, row.step) for page in layout.pages for row in page.rows]
    assert [step for _, _, step in order] == sorted(step for _, _, step in order)
    assert order == sorted(order)
    for page in layout.pages:
        assert page.bottom <= layout.height - layout.margin + 0.01


@pytest.mark.parametrize("name,layout", LAYOUTS, ids=IDS)
def test_arrows_are_orthogonal_and_cross_no_symbol(name: str, layout: Layout) -> None:
    for page in layout.pages:
        for arrow in page.arrows:
            for a, b in _segments(arrow):
                assert abs(a.x - b.x) < 1e-6 or abs(a.y - b.y) < 1e-6, arrow
                for shape in page.shapes:
                    if _ref(shape) not in (arrow.src, arrow.dst):
                        assert not _crosses(a, b, shape.box), (arrow.src, arrow.dst, _ref(shape))


def _overlap(s: tuple[Point, Point], t: tuple[Point, Point]) -> float:
    """Length two collinear segments share."""
    (a, b), (c, d) = s, t
    if abs(a.x - b.x) < 1e-6 and abs(c.x - d.x) < 1e-6 and abs(a.x - c.x) < 1e-6:
        return min(max(a.y, b.y), max(c.y, d.y)) - max(min(a.y, b.y), min(c.y, d.y))
    if abs(a.y - b.y) < 1e-6 and abs(c.y - d.y) < 1e-6 and abs(a.y - c.y) < 1e-6:
        return min(max(a.x, b.x), max(c.x, d.x)) - max(min(a.x, b.x), min(c.x, d.x))
    return 0.0


@pytest.mark.parametrize("name,layout", LAYOUTS, ids=IDS)
def test_no_two_arrows_share_a_segment(name: str, layout: Layout) -> None:
    """Except arrows forking from one symbol or merging into one: they are drawn as one branching line."""
    for page in layout.pages:
        for first, second in itertools.combinations(page.arrows, 2):
            if first.src == second.src or first.dst == second.dst:
                continue
            for s in _segments(first):
                for t in _segments(second):
                    assert _overlap(s, t) < 0.1, (first.src, first.dst, second.src, second.dst)


@pytest.mark.parametrize("name,layout", LAYOUTS, ids=IDS)
def test_page_crossings_have_lettered_connector_pairs(name: str, layout: Layout) -> None:
    pages: dict[str, list[tuple[int, Page]]] = {}
    for page in layout.pages:
        for shape in page.shapes:
            if shape.kind == "offpage":
                pages.setdefault(shape.letter, []).append((page.number, page))
    for letter, found in pages.items():
        assert len(found) == 2 and found[0][0] != found[1][0], letter
        (_, first), (_, second) = found
        ends = {("in" if a.dst == f"offpage:{letter}" else "out")
                for p in (first, second) for a in p.arrows if f"offpage:{letter}" in (a.src, a.dst)}
        assert ends == {"in", "out"}, letter
    if len(layout.pages) > 1:
        assert pages, "a layout of several pages joins them with connectors"


def _layout_of(steps: str, paper: str = "A4") -> Layout:
    source, diags = load_text(compose_sop(
        "pelaksana: [{id: a, nama: A}, {id: b, nama: B}, {id: c, nama: C}]\nlangkah:\n" + steps))
    assert not diags
    sop, diags = validate(source, {})
    assert sop is not None, diags
    return layout_sop(sop, build_flow(sop), paper)


def test_nested_loops_do_not_cross() -> None:
    """The shorter loop takes the inner track, the longer one wraps around it (or goes round the other side)."""
    from sopc.layout.metrics import crossings

    layout = _layout_of("".join(f"  - {{kegiatan: S{i}, pelaksana: a}}\n" for i in range(1, 5))
                        + "  - {kegiatan: S5, pelaksana: a, keputusan: {tidak: 3}}\n"
                        + "  - {kegiatan: S6, pelaksana: a, keputusan: {tidak: 2}}\n"
                        + "  - {kegiatan: S7, pelaksana: a}\n")
    assert crossings(layout) == 0
    loops = {a.dst: a for a in layout.pages[0].arrows if a.kind == "tidak"}
    inner, outer = loops["3:a"], loops["2:a"]
    if (inner.points[1].x > inner.points[0].x) == (outer.points[1].x > outer.points[0].x):  # on one side
        assert abs(inner.points[1].x - inner.points[0].x) < abs(outer.points[1].x - outer.points[0].x)


def test_the_same_input_gives_the_same_drawing() -> None:
    from sopc.backends.svg import render_pages

    text = generated(40, 3)
    drawings = []
    for _ in range(2):
        source, _ = load_text(compose_sop(text))
        sop, _ = validate(source, {})
        drawings.append(render_pages(layout_sop(sop, build_flow(sop)), "table"))
    assert drawings[0] == drawings[1]


@pytest.mark.parametrize("paper,size", [("A4", (297, 210)), ("F4", (330, 215)), ("Letter", (279.4, 215.9)),
                                        ("Legal", (355.6, 215.9))])
def test_papers_are_landscape_and_rows_fit(paper: str, size: tuple[float, float]) -> None:
    layout = _layout_of("".join(f"  - {{kegiatan: Memproses tahap {i}, pelaksana: {'abc'[i % 3]}}}\n"
                                for i in range(30)), paper)
    assert (layout.width, layout.height) == size
    assert layout.columns[-1].x + layout.columns[-1].w <= size[0] - layout.margin + 0.01
    assert len(layout.pages) > 1 and all(p.bottom <= size[1] - layout.margin + 0.01 for p in layout.pages)


def test_a_500_character_activity_gives_a_readable_row() -> None:
    from sopc.layout.table import text_height
    from sopc.layout.text import text_width

    long_word = "Menerima" + "x" * 120  # a word wider than its column is cut, never left to overflow
    kegiatan = " ".join([long_word] + ["memeriksa berkas permohonan"] * 13)[:500]
    layout = _layout_of(f"  - {{kegiatan: '{kegiatan}', pelaksana: a}}\n  - {{kegiatan: Menutup, pelaksana: b}}\n")
    row = layout.pages[0].rows[0]
    column = next(c for c in layout.columns if c.key == "kegiatan")
    lines = row.cells["kegiatan"]
    assert "".join(lines).replace(" ", "") == kegiatan.replace(" ", "")
    assert all(text_width(line, 8.0) <= column.w for line in lines)
    assert text_height(lines) <= row.h


def test_waktu_values_fit_two_lines_even_with_many_lanes() -> None:
    """Waktu values as units write them stay on at most two lines, broken only at spaces or after their own
    / (never '2' / 'menit/' / 'berkas', never inside a word), even when six lanes squeeze the text columns."""
    values = ["2 menit/berkas", "1-2 hari kerja", "5-10 menit", "30 menit/dokumen", "3 x 24 jam", "1 hari kerja"]
    actors = "".join(f"{{id: p{i}, nama: Pelaksana {i}}}, " for i in range(6))
    steps = "".join(f"  - {{kegiatan: Memproses tahap {i}, pelaksana: p{i % 6}, waktu: '{value}'}}\n"
                    for i, value in enumerate(values))
    source, diags = load_text(compose_sop(f"pelaksana: [{actors}]\nlangkah:\n{steps}"))
    sop, diags = validate(source, {})
    assert sop is not None, diags
    layout = layout_sop(sop, build_flow(sop), "A4")
    waktu = [row.cells["waktu"] for page in layout.pages for row in page.rows]
    assert len(waktu) == len(values)
    for value, lines in zip(values, waktu, strict=True):
        assert len(lines) <= 2 and " ".join(lines).replace("/ ", "/") == value, (value, lines)
    assert waktu[0] == ("2 menit/", "berkas")


def test_hand_offs_run_inside_their_row_and_texts_stand_where_signed_sops_put_them() -> None:
    from tests.test_docx import unit_of

    unit = unit_of("perbaikan-sarana-kantor")
    layout = layout_sop(unit.sop, unit.flow, "A4")
    lanes = {c.actor: c for c in layout.lanes}
    rows = {row.step: row for page in layout.pages for row in page.rows}
    arrows = [a for page in layout.pages for a in page.arrows]
    handoffs = [a for a in arrows if a.kind == "handoff"]
    assert {(a.src, a.dst) for a in handoffs} == {
        ("3:pegawai", "3:admin"), ("3:admin", "3:teknisi"),  # left to right in row 3
        ("6:teknisi", "6:admin"), ("6:admin", "6:pegawai")}  # and back, right to left, in row 6
    for a in handoffs:
        row, (start, end) = rows[int(a.src.split(":")[0]) - 1], (a.points[0], a.points[-1])
        assert all(row.y < p.y < row.bottom for p in a.points), "a hand-off stays inside its row"
        assert len(a.points) == 2 and start.y == end.y, "a short straight arrow"
        src, dst = lanes[a.src.split(":")[1]], lanes[a.dst.split(":")[1]]
        assert src.x < start.x < src.x + src.w and dst.x < end.x < dst.x + dst.w
    into_row = [a for a in arrows if a.dst.startswith(("3:", "6:")) and a.kind != "handoff"]
    assert {a.dst for a in into_row} == {"3:pegawai", "6:teknisi"}, "a hand-off row is entered at its first actor"
    labels = {a.src: " ".join(a.label.lines) for a in arrows if a.label is not None}
    assert labels["6:pegawai"] == "Laporan pekerjaan selesai" and labels["5:kasubbag"] == "Disetujui"
    texts = {s.step: " ".join(s.text) for page in layout.pages for s in page.shapes if s.kind == "terminator"}
    assert texts[0] == "Langsung ke Kantor" and texts[1] == "Via Email"
