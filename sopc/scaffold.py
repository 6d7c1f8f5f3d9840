"""`sopc init` (a new SOP repository) and `sopc new` (a skeleton SOP): the first hour of a SOP team.

Every text a user gives (a title, an actor's name) reaches the files as quoted data — JSON
strings are valid YAML and TOML strings — never as markup or template source.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from pathlib import Path

from sopc.config import Config
from sopc.model.base import slug
from sopc.schema import SCHEMA_PATH, schema_text
from sopc.source.scalars import XML_FORBIDDEN

EXAMPLE_SOP = """\
# yaml-language-server: $schema=../schemas/sop-1.schema.json
# Contoh SOP: ubah atau hapus. `sopc lint` memeriksanya, `sopc build` mencetaknya.
sopc: 1
nomor: 001/SOP/UNIT/{year}
nama: Pengelolaan Surat Masuk
tanggal:
  pembuatan: {today}
  efektif: {today}
dasar_hukum:
  - Peraturan Menteri PANRB Nomor 35 Tahun 2012 tentang Pedoman Penyusunan SOP Administrasi Pemerintahan
kualifikasi_pelaksana:
  - Memahami tata naskah dinas
keterkaitan:          # nomor SOP lain di repositori ini, atau judulnya
  - SOP Pengelolaan Surat Keluar
peralatan:
  - Komputer dan printer
peringatan: Jika SOP tidak dilaksanakan, surat dapat hilang atau terlambat ditindaklanjuti.
pencatatan:
  - Buku agenda surat masuk
pelaksana:
  - id: pengadministrasi
    nama: Pengadministrasi Umum
  - id: kepala
    nama: Kepala Bagian
langkah:
  - kegiatan: Menerima dan mencatat surat masuk
    pelaksana: pengadministrasi
    kelengkapan: Surat masuk
    waktu: 10 menit
    output: Surat tercatat
  - kegiatan: Memeriksa dan mendisposisikan surat
    pelaksana: kepala
    kelengkapan: Surat masuk
    waktu: 30 menit
    output: Lembar disposisi
    keputusan:
      pertanyaan: Lengkap?
      tidak: 1
  - kegiatan: Mengarsipkan surat
    pelaksana: pengadministrasi
    kelengkapan: [Surat masuk, Lembar disposisi]
    waktu: 10 menit
    output: Surat terarsip
"""

CONFIG = """\
# Pengaturan repositori SOP (sopc). Isi identitas unit Anda; nilai di [defaults] berlaku untuk
# setiap SOP kecuali SOP itu menulis nilainya sendiri.
lang = "id"

[defaults]
instansi = {instansi}
unit = {unit}
disahkan_oleh = {{ jabatan = "Kepala Unit", nama = "Nama Pejabat" }}

[document]
paper = "A4"

[new]
# nomor untuk `sopc new`: {{urut}} = nomor urut berikutnya, {{tahun}} = tahun ini
nomor = "{{urut:03d}}/SOP/UNIT/{{tahun}}"
folder = "sop"

[output]
dir = "build"
"""

PRE_COMMIT = """\
# pre-commit (https://pre-commit.com): `pre-commit install`, then every commit is linted.
repos:
  - repo: local
    hooks:
      - id: sopc-lint
        name: sopc lint
        entry: sopc lint
        language: system
        files: \\.sop\\.ya?ml$
        require_serial: true  # one process: the repository rules read the other SOPs once
"""

GITHUB = """\
name: sopc
on: [push, pull_request]
permissions:
  contents: read
  security-events: write
jobs:
  sopc:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.11"
      - run: pip install sopc
      - name: Lint (annotations on the pull request)
        run: sopc lint --format github
      - name: Lint (SARIF for code scanning)
        if: always()
        run: sopc lint --format sarif -o sopc.sarif
      - uses: github/codeql-action/upload-sarif@v3
        if: always()
        with:
          sarif_file: sopc.sarif
      - name: Build the documents
        run: sopc build -o build
      - uses: actions/upload-artifact@v4
        with:
          name: dokumen-sop
          path: build/
"""

GITLAB = """\
sopc:
  image: python:3.11
  script:
    - pip install sopc
    - sopc lint --format json -o sopc-lint.json
    - sopc build -o build
  artifacts:
    when: always
    paths:
      - build/
      - sopc-lint.json
"""

VSCODE = {"yaml.schemas": {f"./{SCHEMA_PATH}": ["*.sop.yaml", "*.sop.yml"]},
          "files.associations": {"*.sop.yaml": "yaml", "*.sop.yml": "yaml"}}


class ScaffoldError(Exception):
    """Nothing was written; the message says why."""


def init_files(instansi: str, unit: list[str], ci: str, today: dt.date) -> dict[str, str]:
    """Path -> content of a new SOP repository (ScaffoldError for a name no document may hold)."""
    for text in (instansi, *unit):
        if XML_FORBIDDEN.search(text) or any(ch in text for ch in "\n\r\t"):
            raise ScaffoldError(f"`{text!r}` holds a control character; write the name on one line, as printed")
    files = {
        "sopc.toml": CONFIG.format(instansi=json.dumps(instansi, ensure_ascii=False),
                                   unit=json.dumps(unit, ensure_ascii=False)),
        "sop/contoh.sop.yaml": EXAMPLE_SOP.format(today=today.isoformat(), year=today.year),
        SCHEMA_PATH: schema_text(),
        ".gitignore": "build/\n",
        ".pre-commit-config.yaml": PRE_COMMIT,
        ".vscode/settings.json": json.dumps(VSCODE, indent=2) + "\n",
    }
    if ci == "gitlab":
        files[".gitlab-ci.yml"] = GITLAB
    else:
        files[".github/workflows/sopc.yml"] = GITHUB
    return files


def write_new(root: Path, files: dict[str, str]) -> list[Path]:
    """Write every file, or none: an existing one stops everything before anything is written."""
    existing = [name for name in files if (root / name).exists()]
    if existing:
        raise ScaffoldError("already there, nothing written: " + ", ".join(sorted(existing)))
    written = []
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
        written.append(path)
    return written


def skeleton(title: str, actors: list[str], nomor: str, schema_rel: str, today: dt.date) -> str:
    """A blank SOP: the identity to fill, one actor per column, one step per actor to rewrite."""
    actors = actors or ["Pelaksana"]
    q = lambda text: json.dumps(text, ensure_ascii=False)  # noqa: E731  (quoted, so any text stays data)
    lines = [
        f"# yaml-language-server: $schema={schema_rel}",
        "sopc: 1",
        f"nomor: {q(nomor)}",
        f"nama: {q(title)}",
        "tanggal:",
        f"  pembuatan: {today.isoformat()}",
        f"  efektif: {today.isoformat()}",
        "dasar_hukum: []            # peraturan yang mendasari SOP ini",
        "kualifikasi_pelaksana: []  # kompetensi pelaksana",
        'keterkaitan: "-"           # nomor atau judul SOP lain',
        "peralatan: []              # peralatan/perlengkapan",
        'peringatan: "-"            # akibat bila SOP tidak dilaksanakan',
        "pencatatan: []             # catatan dan data yang disimpan",
        "pelaksana:",
    ]
    ids: list[str] = []
    for name in actors:
        ident = slug(name) or f"pelaksana-{len(ids) + 1}"
        ids.append(ident)
        lines += [f"  - id: {q(ident)}", f"    nama: {q(name)}"]
    lines.append("langkah:")
    for ident in ids:
        lines += ["  - kegiatan: Menuliskan kegiatan dengan kata kerja", f"    pelaksana: {q(ident)}",
                  '    kelengkapan: "-"', '    waktu: "-"', '    output: "-"']
    return "\n".join(lines) + "\n"


def next_nomor(pattern: str | None, taken: set[str], today: dt.date) -> str:
    """The first free nomor of `pattern` ({urut} the sequence number, {tahun} the year), else `-`."""
    if not pattern:
        return "-"
    for urut in range(1, 100_000):
        nomor = pattern.format(urut=urut, tahun=today.year)
        if nomor not in taken:
            return nomor
    raise ScaffoldError(f"no free nomor left for the pattern {pattern}")


def new_path(title: str, folder: Path) -> Path:
    """`Pengelolaan Surat Masuk` -> folder/pengelolaan-surat-masuk.sop.yaml (a safe file name)."""
    name = slug(title)[:80].strip("-") or "sop-baru"
    return folder / f"{name}.sop.yaml"


def schema_link(sop_file: Path, root: Path) -> str:
    """The schema path as the SOP file's modeline needs it (relative to the file)."""
    return Path(os.path.relpath(root / SCHEMA_PATH, sop_file.parent)).as_posix()


def pattern_of(config: Config) -> str | None:
    pattern = config.settings.new.nomor
    return pattern if pattern and re.search(r"\{urut", pattern) else None
