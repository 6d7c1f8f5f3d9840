"""`sopc init` (a new SOP repository) and `sopc new` (a skeleton SOP): the first hour of a SOP team.

Every text a user gives (a title, an actor's name) reaches the files as quoted data — JSON
strings are valid YAML and TOML strings — never as markup or template source.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shlex
from pathlib import Path

from sopc import __version__
from sopc.cli.origin import installed_from
from sopc.config import Config, pinned
from sopc.errors import SopcError
from sopc.model.base import slug
from sopc.model.schema import SCHEMA_PATH, schema_text
from sopc.source.scalars import XML_FORBIDDEN
from sopc.texts.i18n import texts

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

[ci]
# how CI installs sopc: one exact version, never a bare name (`sopc init --install` chose it)
install = {install}
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
# sopc on every push and pull request: findings as annotations and in code scanning, documents as
# an artifact. A fork's pull request has a read-only token: its SARIF upload is skipped, not red.
name: sopc
on: [push, pull_request]
permissions:
  contents: read
jobs:
  sopc:
    runs-on: ubuntu-latest
    permissions:
      contents: read
      actions: read
      security-events: write
    steps:
      - uses: actions/checkout@v6
        with:
          fetch-depth: 0  # the whole history: `sopc lint --since origin/main` compares with it
{setup}      - run: sopc --version
      - name: Lint (annotations on the pull request)
        run: sopc lint --format github
      - name: Lint (SARIF for code scanning)
        if: always()
        run: sopc lint --format sarif -o sopc.sarif --exit-zero
      - uses: github/codeql-action/upload-sarif@v4
        if: always() && (github.event_name != 'pull_request' || !github.event.pull_request.head.repo.fork)
        with:
          sarif_file: sopc.sarif
          category: sopc
      - name: Build the documents
        run: sopc build -o build
      - uses: actions/upload-artifact@v7
        with:
          name: dokumen-sop
          path: build/
"""

# how every GitHub job of sopc's gets a Python with the pinned sopc (pip's cache keyed by sopc.toml,
# where the pin is written)
GITHUB_SETUP = """\
      - uses: actions/setup-python@v6
        with:
          python-version: "3.12"
          cache: pip
          cache-dependency-path: sopc.toml
      - run: python -m pip install {install}
"""

GITLAB = """\
# sopc on every push and merge request: findings in the merge request (Code Quality), the
# documents as an artifact.
sopc:
  image: python:3.12
  variables:
    PIP_CACHE_DIR: "$CI_PROJECT_DIR/.cache/pip"
    GIT_DEPTH: "0"  # the whole history: `sopc lint --since` compares with it
  cache:
    key: sopc-pip
    paths:
      - .cache/pip
  script:
    - python -m pip install {install}
    - sopc --version
    - sopc lint --format gitlab -o gl-code-quality-report.json --exit-zero
    - sopc lint
    - sopc build -o build
  artifacts:
    when: always
    reports:
      codequality: gl-code-quality-report.json
    paths:
      - build/
"""

# the catalogue's pages link the documents beside them in the output folder (../../umum/x.docx): the
# whole folder is published, its caches left out, and its root leads to the catalogue
SITE_ROOT = ('<!DOCTYPE html><html lang="id"><meta charset="utf-8"><title>Katalog SOP</title>'
             '<meta http-equiv="refresh" content="0; url=html/index.html"><a href="html/index.html">Katalog SOP</a>')

GITHUB_PAGES = """\
# The SOP catalogue (HTML, with the DOCX and PDF to download) published to GitHub Pages at every push
# to main. Once: Settings -> Pages -> Source: GitHub Actions.
name: sopc-pages
on:
  push:
    branches: [main]
  workflow_dispatch:
permissions:
  contents: read
concurrency:
  group: pages
  cancel-in-progress: false
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v6
{setup}      - name: LibreOffice, for the PDFs
        run: sudo apt-get update -qq && sudo apt-get install -y -qq --no-install-recommends libreoffice-writer-nogui
      - name: Build the documents and the catalogue
        run: sopc build -o site --format docx --format html --pdf
      - name: Leave out the caches; lead the site's root to the catalogue
        run: |
          rm -f site/.sopc-*.json
          printf '%s\\n' '{site_root}' > site/index.html
      - uses: actions/configure-pages@v5
      - uses: actions/upload-pages-artifact@v4
        with:
          path: site/
  deploy:
    needs: build
    runs-on: ubuntu-latest
    permissions:
      pages: write
      id-token: write
    environment:
      name: github-pages
      url: ${{{{ steps.deployment.outputs.page_url }}}}
    steps:
      - id: deployment
        uses: actions/deploy-pages@v4
"""

GITLAB_PAGES = """\

# The SOP catalogue (HTML, with the DOCX and PDF to download) published to GitLab Pages from the
# default branch.
pages:
  image: python:3.12
  rules:
    - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH
  variables:
    PIP_CACHE_DIR: "$CI_PROJECT_DIR/.cache/pip"
  cache:
    key: sopc-pip
    paths:
      - .cache/pip
  script:
    - apt-get update -qq && apt-get install -y -qq --no-install-recommends libreoffice-writer-nogui
    - python -m pip install {install}
    - sopc build -o public --format docx --format html --pdf
    - rm -f public/.sopc-*.json
    - printf '%s\\n' '{site_root}' > public/index.html
  artifacts:
    paths:
      - public
"""

VSCODE = {"yaml.schemas": {f"./{SCHEMA_PATH}": ["*.sop.yaml", "*.sop.yml"]},
          "files.associations": {"*.sop.yaml": "yaml", "*.sop.yml": "yaml"}}


class ScaffoldError(SopcError):
    """Nothing was written; the message says why."""


def init_files(instansi: str, unit: list[str], ci: str, today: dt.date, install: str,
               pages: bool = False) -> dict[str, str]:
    """Path -> content of a new SOP repository (ScaffoldError for a name no document may hold); with
    `pages`, a CI job publishing the HTML catalogue (GitHub Pages or GitLab Pages)."""
    for text in (instansi, *unit):
        if XML_FORBIDDEN.search(text) or any(ch in text for ch in "\n\r\t"):
            raise ScaffoldError(texts("scaffold.control", text=repr(text)))
    files = {
        "sopc.toml": CONFIG.format(instansi=json.dumps(instansi, ensure_ascii=False),
                                   unit=json.dumps(unit, ensure_ascii=False),
                                   install=json.dumps(install, ensure_ascii=False)),
        "sop/contoh.sop.yaml": EXAMPLE_SOP.format(today=today.isoformat(), year=today.year),
        SCHEMA_PATH: schema_text(),
        ".gitignore": "build/\n",
        ".pre-commit-config.yaml": PRE_COMMIT,
        ".vscode/settings.json": json.dumps(VSCODE, indent=2) + "\n",
    }
    recipe = GITLAB if ci == "gitlab" else GITHUB
    setup = GITHUB_SETUP.format(install=shlex.quote(install))
    if pages and ci == "gitlab":
        recipe += GITLAB_PAGES
    elif pages:
        files[".github/workflows/sopc-pages.yml"] = GITHUB_PAGES.format(setup=setup, site_root=SITE_ROOT)
    files[".gitlab-ci.yml" if ci == "gitlab" else ".github/workflows/sopc.yml"] = recipe.format(
        install=shlex.quote(install), setup=setup, site_root=SITE_ROOT)
    return files


def install_spec(given: str | None) -> str:
    """What CI installs sopc from: `given` (`sopc init --install`), else how this sopc was installed,
    when CI can reach that too. Always one exact sopc (`config.pinned`): `pip install sopc` names
    whatever the package index holds under that name, which is not this project."""
    if given is not None:
        if not pinned(given):
            raise ScaffoldError(texts("scaffold.unpinned", given=repr(given)))
        return given
    found = installed_from()
    if found is None or not pinned(found):
        example = f"--install 'sopc @ git+https://HOST/ORG/sopc@v{__version__}'"
        raise ScaffoldError(texts("scaffold.where", example=example))
    return found


def write_into(root: Path, files: dict[str, str]) -> list[tuple[Path, str]]:
    """Write what `root` lacks; merge sopc's lines into an existing .gitignore and its hook into an
    existing .pre-commit-config.yaml (appended, never overwritten); keep every other existing
    file. Returns each path with what was done: written, merged, kept, or `add by hand`."""
    done = []
    for name, content in files.items():
        path = root / name
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(content, encoding="utf-8")
            done.append((path, "written"))
        elif name == ".gitignore":
            done.append((path, _merge_lines(path, content)))
        elif name == ".pre-commit-config.yaml":
            done.append((path, _merge_hook(path)))
        else:
            done.append((path, "kept"))
    return done


def _merge_lines(path: Path, content: str) -> str:
    text = path.read_text(encoding="utf-8")
    have = {line.strip() for line in text.splitlines()}
    missing = [line for line in content.splitlines() if line.strip() and line.strip() not in have]
    if not missing:
        return "kept"
    path.write_text(text + ("" if text.endswith("\n") or not text else "\n") + "\n".join(missing) + "\n",
                    encoding="utf-8")
    return "merged"


def _merge_hook(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    if "sopc-lint" in text:
        return "kept"
    first = re.search(r"^(\s*)- repo:", text, re.MULTILINE)
    if not re.search(r"^repos:", text, re.MULTILINE) or first is None:
        return "kept (add the sopc-lint hook by hand)"
    ours = PRE_COMMIT[PRE_COMMIT.index("  - repo: local"):]
    block = "".join(first.group(1) + line[2:] if line.strip() else line for line in ours.splitlines(keepends=True))
    path.write_text(text + ("" if text.endswith("\n") else "\n") + block, encoding="utf-8")
    return "merged"


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
    raise ScaffoldError(texts("scaffold.no_nomor", pattern=pattern))


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
