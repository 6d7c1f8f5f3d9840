"""The command line's help in the users' language: Indonesian, or English with `--lang en`.

The English texts stay where click reads them (the commands' docstrings, the options' `help=`);
`INDONESIAN` gives each its Indonesian, keyed by that English (a test fails when one is missing).
Help is shown in the language `--lang` names anywhere on the command line, else sopc.toml's
`lang` in the current folder, else SOPC_LANG/LANG, else Indonesian. click's own error messages
("No such option") stay in English.
"""

from __future__ import annotations

import contextlib
import inspect
import re
from collections.abc import Iterable, Iterator, Sequence
from contextvars import ContextVar
from pathlib import Path

import click

from sopc.texts.i18n import LANGS, lang_from_env, resolve_lang

_SPEAKING: ContextVar[str] = ContextVar("sopc_help_lang", default="en")
_HEADINGS = {"Options": "Opsi", "Commands": "Perintah", "Arguments": "Argumen"}
_HELP_OPTION = "Tampilkan bantuan ini, lalu keluar."


def spoken_lang(args: Sequence[str]) -> str:
    """The language help and errors are shown in (see the module's docstring)."""
    named = _lang_in(args)
    if named:
        return named
    with contextlib.suppress(Exception):  # a broken sopc.toml must not hide the help that explains it
        from sopc.config import find_config, load_config

        return resolve_lang(None, load_config(find_config(Path("."))).settings.lang)
    return lang_from_env() or "id"


def _lang_in(args: Sequence[str]) -> str | None:
    for i, arg in enumerate(args):
        if arg == "--":
            break
        value = arg.removeprefix("--lang=") if arg.startswith("--lang=") else (
            args[i + 1] if arg == "--lang" and i + 1 < len(args) else None)
        if value in LANGS:
            return value
    return None


def indonesian(english: str | None) -> str | None:
    """The Indonesian of an English help text, as the table holds it (None when none is given)."""
    return INDONESIAN.get(inspect.cleandoc(english)) if english else None


class Formatter(click.HelpFormatter):
    """click's help layout, its own headings and notes in Indonesian when help speaks it."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        if prefix is None and _SPEAKING.get() == "id":
            prefix = "Penggunaan: "
        super().write_usage(prog, args, prefix)

    @contextlib.contextmanager
    def section(self, name: str) -> Iterator[None]:
        with super().section(_HEADINGS.get(name, name) if _SPEAKING.get() == "id" else name):
            yield

    def write_dl(self, rows: Iterable[tuple[str, str]], col_max: int = 30, col_spacing: int = 2) -> None:
        if _SPEAKING.get() == "id":
            rows = [(term, _notes(text)) for term, text in rows]
        super().write_dl(rows, col_max, col_spacing)


def _notes(text: str) -> str:
    """click's `[default: x; required]` after an option's help, in Indonesian."""
    return re.sub(r"\[([^\[\]]*)\]$", lambda m: "[" + m.group(1).replace("default: ", "bawaan: ")
                  .replace("required", "wajib") + "]", text)


class _Context(click.Context):
    formatter_class = Formatter


class _Speaks:
    """For a command or group: its help, its options' and its subcommands' in the help language."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        ctx.meta.setdefault("sopc.args", list(args))  # the whole command line, for spoken_lang
        return super().parse_args(ctx, args)  # type: ignore[misc]

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        lang = spoken_lang(ctx.meta.get("sopc.args", []))
        token = _SPEAKING.set(lang)
        try:
            with _in_indonesian(self, ctx) if lang == "id" else contextlib.nullcontext():  # type: ignore[arg-type]
                super().format_help(ctx, formatter)  # type: ignore[misc]
        finally:
            _SPEAKING.reset(token)


def _shown(command: click.Command) -> list[tuple[object, str]]:
    """(object, attribute) of every text `command`'s help shows: its own, its options', and the
    summaries of its subcommands."""
    subcommands = list(command.commands.values()) if isinstance(command, click.Group) else []
    options = [p for p in command.params if isinstance(p, click.Option)]
    return [(command, "help"), (command, "epilog"), *[(p, "help") for p in options],
            *[(cmd, attr) for cmd in subcommands for attr in ("short_help", "help")]]


@contextlib.contextmanager
def _in_indonesian(command: click.Command, ctx: click.Context) -> Iterator[None]:
    """Swap the English texts for the Indonesian while the help is written, then back."""
    help_option = command.get_help_option(ctx)
    kept: list[tuple[object, str, str | None]] = []
    for owner, attr in [*_shown(command), (help_option, "help")]:
        english = getattr(owner, attr)
        text = _HELP_OPTION if owner is help_option else indonesian(english)
        if text is not None:
            kept.append((owner, attr, english))
            setattr(owner, attr, text)
    try:
        yield
    finally:
        for owner, attr, english in reversed(kept):
            setattr(owner, attr, english)


class Command(_Speaks, click.Command):
    context_class = _Context


class Group(_Speaks, click.Group):
    context_class = _Context
    command_class = Command


def english_texts(group: click.Group) -> list[str]:
    """Every English help text of the command line (what INDONESIAN must cover)."""
    shown = _shown(group) + [pair for cmd in group.commands.values() for pair in _shown(cmd)]
    return [inspect.cleandoc(text) for owner, attr in shown if (text := getattr(owner, attr))]


INDONESIAN: dict[str, str] = {
    # sopc
    "sopc: Standard Operating Procedures (Permenpan-RB 35/2012) written as YAML, checked and built.\n\n"
    "Keep one `*.sop.yaml` file per SOP in git; `sopc lint` checks them before review and in CI.":
        "sopc: Standar Operasional Prosedur (Permenpan-RB 35/2012) ditulis sebagai YAML, diperiksa dan "
        "dijadikan dokumen.\n\nSimpan satu berkas `*.sop.yaml` per SOP di git; `sopc lint` memeriksanya "
        "sebelum ditinjau dan di CI.",
    'A new repository: sopc init; a new SOP: sopc new "Nama SOP"; then sopc lint and sopc build. '
    "Guide: docs/panduan.md (Bahasa Indonesia), docs/guide.md (English).":
        'Repositori baru: sopc init; SOP baru: sopc new "Nama SOP"; lalu sopc lint dan sopc build. '
        "Panduan: docs/panduan.md (Bahasa Indonesia), docs/guide.md (English).",
    "Show the version and where this sopc was installed from, and exit.":
        "Tampilkan versi dan asal pemasangan sopc ini, lalu keluar.",
    # lint
    "Check SOP files against Permenpan-RB 35/2012 and good practice.\n\n"
    "PATHS are files or folders (searched for *.sop.yaml and *.sop.yml); none means the current folder.":
        "Periksa berkas SOP menurut Permenpan-RB 35/2012 dan praktik yang baik.\n\n"
        "PATHS adalah berkas atau folder (dicari *.sop.yaml dan *.sop.yml); tanpa PATHS, folder saat ini.",
    "Report format: text for people; json, github, sarif, gitlab (Code Quality) or junit (test reports) for CI. "
    "Default: github under GitHub Actions, else text.":
        "Format laporan: text untuk dibaca orang; json, github, sarif, gitlab (Code Quality) atau junit "
        "(laporan uji) untuk CI. Bawaan: github di GitHub Actions, selain itu text.",
    "Fail (exit 1) on warnings too, not only on errors.":
        "Gagal (kode keluar 1) juga karena peringatan, bukan hanya karena galat.",
    "Exit 0 even when there are findings (the report still shows them).":
        "Keluar dengan kode 0 walaupun ada temuan (laporan tetap menampilkannya).",
    "Print the findings only: no summary line, no notes.":
        "Cetak temuannya saja: tanpa baris ringkasan, tanpa catatan.",
    "Print how many findings of each rule instead of each finding.":
        "Cetak jumlah temuan tiap aturan, bukan setiap temuan.",
    "Run only these rules (codes, names or prefixes, comma-separated), instead of sopc.toml's.":
        "Jalankan hanya aturan ini (kode, nama atau awalan, dipisah koma), menggantikan pilihan sopc.toml.",
    "Run these rules too.": "Jalankan juga aturan ini.",
    "Do not run these rules.": "Jangan jalankan aturan ini.",
    "Colour the text report (NO_COLOR and FORCE_COLOR are honoured under auto).":
        "Warnai laporan teks (dengan auto, NO_COLOR dan FORCE_COLOR dipatuhi).",
    "List the SOP files that would be linted, and exit.": "Daftar berkas SOP yang akan diperiksa, lalu keluar.",
    "Skip the files git ignores (a folder named is searched; a file named is always read).":
        "Lewati berkas yang diabaikan git (folder yang disebut tetap ditelusuri; berkas yang disebut selalu dibaca).",
    "With `-` (a SOP on standard input): the file it stands for, in messages and for its sopc.toml.":
        "Dengan `-` (SOP dari masukan standar): berkas yang diwakilinya, untuk pesan dan untuk sopc.toml-nya.",
    "Use this sopc.toml instead of the nearest one.": "Pakai sopc.toml ini, bukan yang terdekat.",
    "Write the report to this file instead of standard output.":
        "Tulis laporan ke berkas ini, bukan ke keluaran standar.",
    "Worker processes for large repositories. Default: all cores.":
        "Jumlah proses pekerja untuk repositori besar. Bawaan: semua inti prosesor.",
    "Check review dates (tanggal revisi) against this day (YYYY-MM-DD). Default: today.":
        "Periksa tanggal tinjauan (tanggal revisi) terhadap hari ini (YYYY-MM-DD). Bawaan: hari ini.",
    "Warn about SOPs changed since this git ref (e.g. origin/main) whose tanggal revisi did not move.":
        "Peringatkan SOP yang berubah sejak ref git ini (mis. origin/main) tetapi tanggal revisinya tetap.",
    "Make the safe, mechanical fixes in the files first (and say which).":
        "Lakukan dulu perbaikan mekanis yang aman pada berkas (dan sebutkan yang mana).",
    "Show the fixes --fix would make; change nothing.":
        "Tampilkan perbaikan yang akan dibuat --fix; tidak mengubah apa pun.",
    "Language of messages: id (Bahasa Indonesia) or en. Default: sopc.toml, then SOPC_LANG/LANG, then id.":
        "Bahasa pesan: id (Bahasa Indonesia) atau en. Bawaan: sopc.toml, lalu SOPC_LANG/LANG, lalu id.",
    # build
    "Lint, then write the documents of every SOP without errors.\n\n"
    "A SOP with error-level findings is not built; the report says why, and the exit code is 1.":
        "Periksa, lalu tulis dokumen setiap SOP yang tanpa galat.\n\n"
        "SOP dengan temuan tingkat galat tidak dibuat dokumennya; laporan menyebut sebabnya, dan kode keluarnya 1.",
    "Folder for the documents. Default: [output] dir of sopc.toml, else ./build.":
        "Folder dokumen. Bawaan: [output] dir di sopc.toml, selain itu ./build.",
    "Documents to write (repeatable).": "Dokumen yang ditulis (boleh diulang).",
    "Paper, always landscape. Default: [document] paper of sopc.toml, else A4.":
        "Kertas, selalu mendatar. Bawaan: [document] paper di sopc.toml, selain itu A4.",
    "flow: No, Kegiatan and the actor lanes, each symbol numbered; table: the whole official table.":
        "flow: No, Kegiatan dan kolom pelaksana, setiap simbol bernomor; table: seluruh tabel resmi.",
    "split: one SVG per page of the printed table; single: one tall sheet.":
        "split: satu SVG per halaman tabel cetak; single: satu lembar panjang.",
    "Worker processes (linting and building). Default: all cores.":
        "Jumlah proses pekerja (pemeriksaan dan pembuatan). Bawaan: semua inti prosesor.",
    "Also print each DOCX to PDF with LibreOffice (when it is installed).":
        "Cetak juga setiap DOCX ke PDF dengan LibreOffice (bila terpasang).",
    "Also write manual.docx: cover, decree, contents, explanation, the map of relations, then every SOP.":
        "Tulis juga manual.docx: sampul, keputusan, daftar isi, penjelasan, peta keterkaitan, lalu setiap SOP.",
    "Also write monev.docx: the monitoring form (Tabel 7) and the evaluation checklist.":
        "Tulis juga monev.docx: formulir monitoring (Tabel 7) dan daftar periksa evaluasi.",
    "The manual and monitoring forms of this unit only (manual-<unit>.docx, monev-<unit>.docx); "
    "NAME is any level of the SOPs' `unit`.":
        "Manual dan formulir monitoring unit ini saja (manual-<unit>.docx, monev-<unit>.docx); NAME adalah "
        "tingkat mana pun dari `unit` SOP.",
    # init
    "Start a SOP repository (config, example, schema, CI, pre-commit).":
        "Mulai repositori SOP (konfigurasi, contoh, skema, CI, pre-commit).",
    "Start a SOP repository: sopc.toml, an example SOP, the schema, pre-commit and CI recipes.\n\n"
    "In an existing repository it adds what is missing: its lines go into an existing .gitignore and\n"
    "its hook into an existing .pre-commit-config.yaml; any other file already there is kept.":
        "Mulai repositori SOP: sopc.toml, contoh SOP, skema, pre-commit dan resep CI.\n\n"
        "Di repositori yang sudah ada, yang belum ada ditambahkan: barisnya masuk ke .gitignore yang ada dan "
        "hook-nya ke .pre-commit-config.yaml yang ada; berkas lain yang sudah ada dibiarkan.",
    "The unit's kementerian/lembaga/pemda.": "Kementerian/lembaga/pemda unit ini.",
    "A line of the unit's name under the instansi (repeatable).":
        "Satu baris nama unit di bawah instansi (boleh diulang).",
    "Which CI recipe to write.": "Resep CI yang ditulis.",
    "Bring signed SOPs in from Word (.docx) and PDF files.": "Membawa SOP yang sudah ditandatangani dari berkas "
        "Word (.docx) dan PDF.",
    "Folder for the *.sop.yaml files.": "Folder untuk berkas *.sop.yaml.",
    "Overwrite a *.sop.yaml that is already there.": "Menimpa berkas *.sop.yaml yang sudah ada.",
    "Read SOP AP documents (Word or PDF) and write one *.sop.yaml per SOP found.\n\n"
    "Every guess is a `# import:` comment at its place; values the folder's sopc.toml already gives\n"
    "every SOP are left out. A file that is not a SOP, a scan or a protected file is named and\n"
    "skipped; the exit code is then 1.":
        "Membaca dokumen SOP AP (Word atau PDF) dan menulis satu *.sop.yaml untuk setiap SOP yang ditemukan.\n\n"
        "Setiap tebakan menjadi komentar `# import:` di tempatnya; nilai yang sudah diberikan sopc.toml folder\n"
        "itu kepada setiap SOP tidak ditulis. Berkas yang bukan SOP, hasil pindaian atau berkas berkata sandi\n"
        "disebut dan dilewati; kode keluarnya lalu 1.",
    "Also a CI job publishing the HTML catalogue, with the documents to download, on GitHub Pages or GitLab Pages.":
        "Juga tugas CI yang menerbitkan katalog HTML, beserta dokumen untuk diunduh, di GitHub Pages atau "
        "GitLab Pages.",
    "What CI installs: sopc==VERSION, 'sopc @ git+URL@TAG' or a .whl (pinned). "
    "Default: where this sopc was installed from, when CI can reach it.":
        "Yang dipasang CI: sopc==VERSI, 'sopc @ git+URL@TAG' atau .whl (versinya terkunci). "
        "Bawaan: asal pemasangan sopc ini, bila CI dapat menjangkaunya.",
    # new
    "Write a skeleton SOP with the next free nomor.": "Tulis kerangka SOP dengan nomor bebas berikutnya.",
    "Write a skeleton SOP named TITLE, with the next free nomor from [new] nomor in sopc.toml.":
        "Tulis kerangka SOP berjudul TITLE, dengan nomor bebas berikutnya menurut [new] nomor di sopc.toml.",
    "An actor's name, one column each (repeatable).": "Nama pelaksana, masing-masing satu kolom (boleh diulang).",
    "Where to write it. Default: [new] folder of sopc.toml, else the current folder.":
        "Tempat menulisnya. Bawaan: [new] folder di sopc.toml, selain itu folder saat ini.",
    # watch
    "Rebuild whenever a SOP or sopc.toml is saved.": "Buat ulang setiap kali SOP atau sopc.toml disimpan.",
    "Rebuild whenever a SOP or sopc.toml is saved, printing the findings as they appear. Ctrl-C stops.":
        "Buat ulang setiap kali SOP atau sopc.toml disimpan, sambil mencetak temuan yang muncul. Ctrl-C berhenti.",
    "Seconds between looks at the files.": "Jeda dalam detik antara dua kali melihat berkas.",
    # map
    "Draw how the SOPs relate (Graphviz).": "Gambar keterkaitan antar-SOP (Graphviz).",
    "Draw how the SOPs relate: makro to mikro (induk) and keterkaitan, with Graphviz.":
        "Gambar keterkaitan antar-SOP: makro ke mikro (induk) dan keterkaitan, dengan Graphviz.",
    "The SVG file to write.": "Berkas SVG yang ditulis.",
    # rules
    "List the checks sopc makes, or explain one (by code or name).":
        "Daftar pemeriksaan sopc, atau jelaskan satu (dengan kode atau namanya).",
    "List the rules as a Markdown table (for documentation).":
        "Daftar aturan sebagai tabel Markdown (untuk dokumentasi).",
    "Every rule with its documentation, in Markdown (docs/rules.md).":
        "Setiap aturan dengan dokumentasinya, dalam Markdown (docs/rules.md).",
    # schema
    "Write the JSON Schema of *.sop.yaml files for editors.": "Tulis JSON Schema berkas *.sop.yaml untuk penyunting.",
    "Write the JSON Schema of *.sop.yaml files, for editor completion and checking.\n\n"
    "The examples' first line, `# yaml-language-server: $schema=../schemas/sop-1.schema.json`,\n"
    "points the YAML language server (VS Code's YAML extension) at it.":
        "Tulis JSON Schema berkas *.sop.yaml, untuk pelengkapan dan pemeriksaan di penyunting.\n\n"
        "Baris pertama contoh-contoh, `# yaml-language-server: $schema=../schemas/sop-1.schema.json`, "
        "mengarahkan YAML language server (ekstensi YAML VS Code) ke skema itu.",
    "Where to write the schema; `-` for standard output. Default: schemas/sop-1.schema.json.":
        "Tempat menulis skema; `-` untuk keluaran standar. Bawaan: schemas/sop-1.schema.json.",
    "Language of the descriptions editors show (the committed schema is in Indonesian).":
        "Bahasa keterangan yang ditampilkan penyunting (skema yang disimpan di repositori berbahasa Indonesia).",
}
