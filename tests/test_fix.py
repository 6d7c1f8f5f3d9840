"""`sopc lint --fix`: only the reported changes, comments and layout kept; `--diff` writes nothing."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import compose_sop, run_cli

BEFORE = compose_sop(
    "# komentar di atas tetap ada\n"
    "disahkan_oleh: {jabatan: Kepala, nama: Budi, nip: 197001011995031002}   # NIP tanpa spasi\n"
    "waktu_penyelesaian: 1 Hari  Kerja\n"
    "langkah:\n"
    "  - kegiatan: Menerima berkas   # langkah pertama\n"
    "    pelaksana: a\n"
    "    kelengkapan: Berkas\n"
    "    wakut: \"5 - 10 Menit\"\n"
    "    output: Berkas diterima\n"
    "  - {kegiatan: Memeriksa berkas, pelaksana: b, kelengkapan: B, waktu: 3 Menit, output: O}\n"
    "  - {kegiatan: Mengarsipkan berkas, pelaksana: [Petugas Loket, B], kelengkapan: B, waktu: 1 jam, output: O}\n")

AFTER = BEFORE.replace("nip: 197001011995031002}", 'nip: "19700101 199503 1 002"}') \
    .replace("1 Hari  Kerja", "1 hari kerja").replace('wakut: "5 - 10 Menit"', 'waktu: "5-10 menit"') \
    .replace("waktu: 3 Menit", "waktu: 3 menit").replace("pelaksana: [Petugas Loket, B]", "pelaksana: [a, b]")


def test_fix_changes_only_what_it_reports(tmp_path: Path) -> None:
    path = tmp_path / "a.sop.yaml"
    path.write_text(BEFORE)
    result = run_cli("lint", "--fix", "--lang", "en", str(tmp_path))
    assert path.read_text() == AFTER
    reported = [line for line in result.stderr.splitlines() if line.startswith("sopc: fixed")]
    assert len(reported) == 7 and any("key `wakut` -> `waktu`" in line for line in reported)
    assert result.exit_code == 0, result.output
    again = run_cli("lint", "--fix", str(tmp_path))
    assert "sopc: fixed" not in again.stderr and path.read_text() == AFTER


def test_diff_shows_and_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "a.sop.yaml"
    path.write_text(BEFORE)
    result = run_cli("lint", "--diff", str(tmp_path))
    assert path.read_text() == BEFORE
    lines = result.stdout.splitlines()
    assert "-waktu_penyelesaian: 1 Hari  Kerja" in lines and "+waktu_penyelesaian: 1 hari kerja" in lines


def test_fixes_and_suppressions_after_a_unicode_line_separator_land_on_the_right_line(tmp_path: Path) -> None:
    """U+2028 (pasted from the web) is a line break to YAML but not to editors."""
    plain, separated = "    pelaksana: a\n", "    pelaksana: a\n    keterangan: \"Baris satu\u2028baris dua\"\n"
    path = tmp_path / "a.sop.yaml"
    path.write_text(BEFORE.replace(plain, separated), encoding="utf-8")
    run_cli("lint", "--fix", "--lang", "en", str(tmp_path))
    assert path.read_text(encoding="utf-8") == AFTER.replace(plain, separated)
    text = path.read_text(encoding="utf-8").replace("waktu: 3 menit", "waktu: sebentar")
    path.write_text(text, encoding="utf-8")
    warned = run_cli("lint", "--lang", "en", str(tmp_path))
    line = next(n for n, t in enumerate(text.split("\n"), start=1) if "sebentar" in t)
    assert f"a.sop.yaml:{line}:" in warned.output
    path.write_text(text.replace("waktu: sebentar, output: O}", "waktu: sebentar, output: O}  # sopc: disable=WK01"),
                    encoding="utf-8")
    assert "sebentar" not in run_cli("lint", "--lang", "en", str(tmp_path)).output
