"""Benchmark: layout + SVG time per SOP, for 15- and 60-step SOPs (issue 3).

Run:  python benchmarks/layout_speed.py [--repeat 50]
Prints the median per SOP; nothing is asserted (tests never time anything).
"""

from __future__ import annotations

import argparse
import statistics
import time

from sopc.backends.svg import render_pages
from sopc.flow import build_flow
from sopc.layout.swimlane import layout_sop
from sopc.model import validate
from sopc.source.loader import load_text

ACTORS = ["pengadministrasi", "kasubbag", "kabag", "sekda", "pptk"]
HEADER = """\
sopc: 1
nomor: 001/SOP/BU/2024
nama: Prosedur Uji
instansi: Pemerintah Kabupaten Sukamaju
unit: [Bagian Umum]
tanggal: {pembuatan: 2024-01-10, efektif: 2024-01-15}
disahkan_oleh: {jabatan: Kepala Bagian Umum, nama: Budi}
dasar_hukum: [Peraturan]
kualifikasi_pelaksana: [Memahami tugas]
keterkaitan: "-"
peralatan: [Komputer]
peringatan: "-"
pencatatan: [Buku agenda]
"""


def sop_text(steps: int) -> str:
    lines = [HEADER, "pelaksana: [" + ", ".join(ACTORS) + "]\n", "langkah:\n"]
    for i in range(steps):
        actor = ACTORS[(i * 2) % len(ACTORS)]
        if i % 10 == 4:
            actor = f"[{ACTORS[0]}, {ACTORS[2]}, {ACTORS[4]}]"
        decision = ""
        if i % 6 == 5 and i < steps - 1:  # a decision looping back; never on the last step
            decision = f", keputusan: {{pertanyaan: Lengkap?, tidak: {max(1, i - 3)}}}"
        lines.append(f"  - {{kegiatan: Memproses berkas tahap {i + 1} sesuai ketentuan yang berlaku, "
                     f"pelaksana: {actor}, kelengkapan: [Berkas, Formulir], waktu: 10 menit, "
                     f"output: Berkas tahap {i + 1}{decision}}}\n")
    return "".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()
    for steps in (15, 60):
        source, diags = load_text(sop_text(steps))
        sop, diags = validate(source, {})
        assert sop is not None, diags
        flow = build_flow(sop)
        layout_runs, svg_runs = [], []
        for _ in range(args.repeat):
            start = time.perf_counter()
            layout = layout_sop(sop, flow)
            middle = time.perf_counter()
            render_pages(layout, "flow")
            layout_runs.append(middle - start)
            svg_runs.append(time.perf_counter() - middle)
        lay, svg = statistics.median(layout_runs) * 1000, statistics.median(svg_runs) * 1000
        print(f"{steps:3d} steps, {len(layout.pages)} pages: layout {lay:6.2f} ms + SVG {svg:6.2f} ms"
              f" = {lay + svg:6.2f} ms per SOP (median of {args.repeat})")


if __name__ == "__main__":
    main()
