"""Durations in every form format.md lists, and None for anything else."""

import pytest

from sopc.model.duration import Unit, parse_duration

READABLE = {
    "10 menit": (10, 10, Unit.MENIT, None),
    "2 Jam": (2, 2, Unit.JAM, None),
    "1-2 hari": (1, 2, Unit.HARI, None),
    "3 hari kerja": (3, 3, Unit.HARI_KERJA, None),
    "3 HK": (3, 3, Unit.HARI_KERJA, None),
    "2 menit/berkas": (2, 2, Unit.MENIT, "berkas"),
    "1 minggu": (1, 1, Unit.MINGGU, None),
    "1 bulan": (1, 1, Unit.BULAN, None),
    "1 tahun": (1, 1, Unit.TAHUN, None),
    "30 minutes": (30, 30, Unit.MENIT, None),
    "3 Menit": (3, 3, Unit.MENIT, None),
    "5-10 menit": (5, 10, Unit.MENIT, None),
    "+ 1 jam": (1, 1, Unit.JAM, None),
    "1,5 jam": (1.5, 1.5, Unit.JAM, None),
    "45 detik": (45, 45, Unit.DETIK, None),
    "2 working days": (2, 2, Unit.HARI_KERJA, None),
}


@pytest.mark.parametrize("text", READABLE)
def test_readable(text: str) -> None:
    d = parse_duration(text)
    assert d is not None and (d.low, d.high, d.unit, d.per) == READABLE[text]


@pytest.mark.parametrize("text", ["-", "", "segera", "10", "menit", "3-1 hari", "1:30", "1 jam lebih"])
def test_unreadable(text: str) -> None:
    assert parse_duration(text) is None


def test_working_time() -> None:
    assert parse_duration("1 hari kerja").minutes == (480, 480)
    assert parse_duration("1-2 minggu").minutes == (2400, 4800)
    assert str(parse_duration("5 - 10 Menit")) == "5-10 menit"
