"""The flow: symbols derived, arrows for one and several actors, reachability, loops, main path."""

from __future__ import annotations

from sopc.flow import EdgeKind, Node, Symbol, build_flow
from sopc.model import validate
from sopc.source.loader import load_text
from tests.conftest import compose_sop

ACTORS = "pelaksana: [{id: a, nama: A}, {id: b, nama: B}, {id: c, nama: C}, {id: d, nama: D}]\n"


def flow_of(steps: str):
    source, diags = load_text(compose_sop(ACTORS + "langkah:\n" + steps))
    assert not diags
    sop, diags = validate(source, {})
    assert not diags, diags
    return build_flow(sop)


def arrows(flow) -> list[tuple]:
    return [(e.src.step + 1, e.src.lane, e.dst.step + 1, e.dst.lane, e.kind.value) for e in flow.edges]


def test_symbols_are_derived() -> None:
    f = flow_of("  - {kegiatan: A, pelaksana: a}\n  - {kegiatan: B, pelaksana: b, keputusan: {tidak: 1}}\n"
                "  - {kegiatan: C, pelaksana: c, lanjut: selesai}\n  - {kegiatan: D, pelaksana: a, mulai: true}\n"
                "  - {kegiatan: E, pelaksana: d}\n")
    assert [f.step_symbol(i).value for i in range(5)] == [
        "terminator", "decision", "terminator", "terminator", "terminator"]
    assert f.starts == (0, 3) and f.ends == {2, 4}


def test_fan_out_to_three_and_back_in() -> None:
    f = flow_of("  - {kegiatan: A, pelaksana: a}\n  - {kegiatan: B, pelaksana: [b, c, d]}\n"
                "  - {kegiatan: C, pelaksana: a}\n")
    assert arrows(f) == [
        (1, "a", 2, "b", "next"), (1, "a", 2, "c", "next"), (1, "a", 2, "d", "next"),
        (2, "b", 3, "a", "next"), (2, "c", 3, "a", "next"), (2, "d", 3, "a", "next")]
    assert all(f.symbols[Node(1, lane)] is Symbol.PROCESS for lane in "bcd")


def test_parallel_rows_continue_lane_by_lane() -> None:
    f = flow_of("  - {kegiatan: A, pelaksana: a}\n  - {kegiatan: B, pelaksana: [b, c]}\n"
                "  - {kegiatan: C, pelaksana: [b, c]}\n  - {kegiatan: D, pelaksana: [c, d]}\n")
    assert arrows(f)[2:] == [
        (2, "b", 3, "b", "next"), (2, "c", 3, "c", "next"),
        (3, "b", 4, "c", "next"), (3, "c", 4, "c", "next"), (3, "c", 4, "d", "next")]


def test_one_actors_part_ends_mid_flow() -> None:
    f = flow_of("  - {kegiatan: A, pelaksana: a}\n"
                "  - {kegiatan: B, pelaksana: [{id: b, lanjut: selesai}, c]}\n"
                "  - {kegiatan: C, pelaksana: c}\n")
    assert f.symbols[Node(1, "b")] is Symbol.TERMINATOR
    assert f.symbols[Node(1, "c")] is Symbol.PROCESS
    assert (2, "b", 3, "c", "next") not in arrows(f) and (2, "c", 3, "c", "next") in arrows(f)
    assert 1 in f.ends


def test_decision_branches_carry_labels() -> None:
    f = flow_of("  - {kegiatan: A, pelaksana: a}\n"
                "  - {kegiatan: B, pelaksana: b, keputusan: {tidak: 1, label: [Sesuai, Tidak sesuai]}}\n"
                "  - {kegiatan: C, pelaksana: c}\n")
    labelled = [(e.kind, e.label, e.dst.step) for e in f.edges if e.src.step == 1]
    assert labelled == [(EdgeKind.YA, "Sesuai", 2), (EdgeKind.TIDAK, "Tidak sesuai", 0)]
    assert f.cycles() == [(0, 1)]
    assert f.main_path() == [0, 1, 2]


def test_reachability_and_ends() -> None:
    f = flow_of("  - {kegiatan: A, pelaksana: a, lanjut: 3}\n  - {kegiatan: B, pelaksana: b}\n"
                "  - {kegiatan: C, pelaksana: c}\n")
    assert f.reachable == {0, 2} and f.reaches_end == {0, 1, 2}


def test_a_thousand_steps_in_a_loop() -> None:
    steps = "".join(f"  - {{kegiatan: S{i}, pelaksana: a}}\n" for i in range(1000))
    f = flow_of(steps + "  - {kegiatan: Z, pelaksana: b, lanjut: 1}\n")
    assert f.cycles() == [tuple(range(1001))]


def test_each_target_takes_its_own_column_then_the_nearest_and_no_source_is_left_out() -> None:
    # a and d go on into a row of c and d: c has no source in its column, so the nearest (d) feeds
    # it; a then reaches nothing and joins its nearest target, c
    f = flow_of("  - {kegiatan: A, pelaksana: [a, d]}\n  - {kegiatan: B, pelaksana: [c, d]}\n")
    assert sorted(arrows(f)) == [(1, "a", 2, "c", "next"), (1, "d", 2, "c", "next"), (1, "d", 2, "d", "next")]
    # two actors each going on in their own column: no link between the columns
    f = flow_of("  - {kegiatan: A, pelaksana: [b, c]}\n  - {kegiatan: B, pelaksana: [b, c]}\n")
    assert sorted(arrows(f)) == [(1, "b", 2, "b", "next"), (1, "c", 2, "c", "next")]


def test_a_hand_off_inside_a_row_enters_at_the_first_actor_and_leaves_from_the_last() -> None:
    """`berurutan`: Pegawai -> Admin -> Teknisi in one row, and in another the reverse, right to left."""
    f = flow_of("  - {kegiatan: A, pelaksana: d}\n"
                "  - {kegiatan: B, pelaksana: [a, b, c], berurutan: true, label: Diteruskan}\n"
                "  - {kegiatan: C, pelaksana: [c, b, a], berurutan: true}\n"
                "  - {kegiatan: D, pelaksana: a}\n")
    assert arrows(f) == [
        (1, "d", 2, "a", "next"),
        (2, "a", 2, "b", "handoff"), (2, "b", 2, "c", "handoff"), (2, "c", 3, "c", "next"),
        (3, "c", 3, "b", "handoff"), (3, "b", 3, "a", "handoff"), (3, "a", 4, "a", "next")]
    assert [e.label for e in f.edges if e.src.step == 1] == [None, None, "Diteruskan"]
    assert f.successors(1) == (2,) and not f.cycles(), "a hand-off is no loop"
    assert [f.symbols[Node(1, lane)] for lane in "abc"] == [Symbol.PROCESS] * 3


def test_texts_inside_capsules_and_labels_on_plain_arrows() -> None:
    f = flow_of("  - {kegiatan: A, pelaksana: a, teks: Langsung ke Kantor, lanjut: 3}\n"
                "  - {kegiatan: B, pelaksana: [{id: b, teks: Via Email, label: Surel diteruskan}], mulai: true}\n"
                "  - {kegiatan: C, pelaksana: a, label: Selesai}\n  - {kegiatan: D, pelaksana: a}\n")
    assert f.texts == {Node(0, "a"): "Langsung ke Kantor", Node(1, "b"): "Via Email"}
    assert {(e.src.step + 1, e.label) for e in f.edges} == {(1, None), (2, "Surel diteruskan"), (3, "Selesai")}
