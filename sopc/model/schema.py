"""The JSON Schema of the source format, generated from the model, for editors (yaml-language-server)."""

from __future__ import annotations

import json

from sopc.model.sop import Sop

SCHEMA_ID = "https://sopc.dev/schemas/sop-1.schema.json"
SCHEMA_PATH = "schemas/sop-1.schema.json"


# Keys every SOP file writes itself; the other identity items may come from sopc.toml's
# [defaults], which an editor cannot see, so the schema must not demand them in the file.
OWN_KEYS = ["sopc", "nomor", "nama", "tanggal", "pelaksana", "langkah"]


def json_schema(lang: str = "id") -> dict:
    """The schema of a `*.sop.yaml` file, format version 1, its descriptions in `lang`."""
    schema = Sop.model_json_schema(mode="validation")
    schema["required"] = [key for key in schema["required"] if key in OWN_KEYS]
    schema["description"] += (" Identity items other than nomor, nama and tanggal may come from the"
                              " repository's sopc.toml [defaults].")
    if lang == "id":
        _translate(schema)
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID, **schema}


def schema_text(lang: str = "id") -> str:
    """The schema as the committed file holds it (stable key order, trailing newline)."""
    return json.dumps(json_schema(lang), ensure_ascii=False, indent=2) + "\n"


def descriptions(node: object) -> list[dict]:
    """Every object of a schema that holds a description, in order (its text: `["description"]`)."""
    if isinstance(node, list):
        return [found for value in node for found in descriptions(value)]
    if not isinstance(node, dict):
        return []
    here = [node] if isinstance(node.get("description"), str) else []
    return here + [found for key, value in node.items() if key != "description" for found in descriptions(value)]


def _translate(schema: dict) -> None:
    for holder in descriptions(schema):
        holder["description"] = INDONESIAN.get(holder["description"], holder["description"])

# Descriptions editors show on hover, in Indonesian (the users' language; `sopc schema --lang en`
# keeps the model's English). Keyed by the model's English text: a test fails when one is missing.
INDONESIAN: dict[str, str] = {
    "A decision: the step becomes a diamond with two exits, `ya` and `tidak`.":
        "Keputusan: langkah menjadi belah ketupat dengan dua jalan keluar, `ya` dan `tidak`.",
    "Text beside the diamond (optional).": "Teks di samping belah ketupat (boleh tidak diisi).",
    "Target of the `ya` exit; default: the next step.": "Tujuan jalan keluar `ya`; bawaannya langkah berikutnya.",
    "Target of the `tidak` exit (required by the linter).":
        "Tujuan jalan keluar `tidak` (diwajibkan pemeriksa).",
    'Printed labels of the two exits; default ["Ya", "Tidak"].':
        'Label yang dicetak pada kedua jalan keluar; bawaannya ["Ya", "Tidak"].',
    "One actor's part of a step (its symbol in that actor's column), with an optional own exit.":
        "Bagian satu pelaksana dalam satu langkah (simbolnya di kolom pelaksana itu), boleh dengan jalan "
        "keluarnya sendiri.",
    "The actor (pelaksana id) doing this part.": "Pelaksana (id pelaksana) yang mengerjakan bagian ini.",
    "Where this actor's part goes next: a step id or number, or `selesai` to end here.":
        "Ke mana bagian pelaksana ini berlanjut: id atau nomor langkah, atau `selesai` untuk berakhir di sini.",
    "Text on the arrow leaving this actor's symbol.": "Teks pada panah yang keluar dari simbol pelaksana ini.",
    "Short text inside this actor's symbol (`Via Email`).": "Teks pendek di dalam simbol pelaksana ini (`Via Email`).",
    "A step: one row of the flowchart table.": "Langkah: satu baris tabel diagram alir.",
    "Optional name; a step can also be named by its 1-based number.":
        "Nama (boleh tidak diisi); langkah juga dapat disebut dengan nomor urutnya, mulai dari 1.",
    "Uraian kegiatan: a verb without a subject.": "Uraian kegiatan: kata kerja tanpa subyek.",
    "Actor id, or a list of actor ids doing this step in one row.":
        "Id pelaksana, atau daftar id pelaksana yang mengerjakan langkah ini dalam satu baris.",
    "Mutu Baku: Kelengkapan (text or list).": "Mutu Baku: Kelengkapan (teks atau daftar).",
    "Mutu Baku: Waktu, e.g. `10 menit`, `1-2 hari`, `3 hari kerja`.":
        "Mutu Baku: Waktu, mis. `10 menit`, `1-2 hari`, `3 hari kerja`.",
    "Mutu Baku: Output (text or list).": "Mutu Baku: Output (teks atau daftar).",
    "Keterangan (optional).": "Keterangan (boleh tidak diisi).",
    "Makes this step a decision.": "Menjadikan langkah ini keputusan.",
    "Jump to a step id or number instead of the next row, or `selesai` to end here.":
        "Lompat ke id atau nomor langkah, bukan ke baris berikutnya, atau `selesai` untuk berakhir di sini.",
    "An extra start of the flow (a terminator) besides the first step.":
        "Awal alur tambahan (terminator) selain langkah pertama.",
    "The row's actors pass the work on to each other in the order listed (right to left when listed so): "
    "short arrows join their symbols inside the row; the row is entered at the first and left from the last.":
        "Para pelaksana baris ini saling menyerahkan pekerjaan menurut urutan daftar (dari kanan ke kiri bila "
        "didaftar begitu): panah pendek menghubungkan simbol mereka di dalam baris; baris dimasuki di yang "
        "pertama dan ditinggalkan dari yang terakhir.",
    "Text on the arrow leaving this step (`Laporan pekerjaan selesai`); a decision labels its exits with "
    "`keputusan.label`.":
        "Teks pada panah yang keluar dari langkah ini (`Laporan pekerjaan selesai`); keputusan memberi label "
        "jalan keluarnya dengan `keputusan.label`.",
    "Short text inside the step's symbol, such as a start capsule's `Langsung ke Kantor`.":
        "Teks pendek di dalam simbol langkah, seperti `Langsung ke Kantor` pada kapsul awal.",
    "An actor: one column of the flowchart table, named by its jabatan or role.":
        "Pelaksana: satu kolom tabel diagram alir, dinamai menurut jabatan atau perannya.",
    "Short name steps use to name this actor.": "Nama singkat yang dipakai langkah untuk menyebut pelaksana ini.",
    "Name printed at the head of the actor's column.": "Nama yang dicetak di kepala kolom pelaksana.",
    "Disahkan oleh: the official who signs, with jabatan, nama and NIP.":
        "Disahkan oleh: pejabat yang menandatangani, dengan jabatan, nama dan NIP.",
    "Nomenklatur jabatan of the signing official.": "Nomenklatur jabatan pejabat yang menandatangani.",
    "Name of the signing official, with titles.": "Nama pejabat yang menandatangani, dengan gelarnya.",
    'NIP, 18 digits, spaces allowed ("19700101 199503 1 002").':
        'NIP, 18 angka, boleh dengan spasi ("19700101 199503 1 002").',
    "Tanggal Pembuatan, Revisi (or planned review) and Efektif (the signing date).":
        "Tanggal Pembuatan, Revisi (atau rencana tinjauan) dan Efektif (tanggal penandatanganan).",
    "Tanggal Pembuatan: the date the SOP was completed (YYYY-MM-DD).":
        "Tanggal Pembuatan: tanggal SOP selesai disusun (YYYY-MM-DD).",
    "Tanggal Revisi, or the planned review date; `-` when none.":
        "Tanggal Revisi, atau tanggal rencana tinjauan; `-` bila tidak ada.",
    "Tanggal Efektif: the date it applies from, the signing date.":
        "Tanggal Efektif: tanggal mulai berlaku, yaitu tanggal penandatanganan.",
    "One SOP AP: the identity table of Permenpan-RB 35/2012 plus its actors and steps. Identity items other "
    "than nomor, nama and tanggal may come from the repository's sopc.toml [defaults].":
        "Satu SOP AP: tabel identitas Permenpan-RB 35/2012 beserta pelaksana dan langkahnya. Butir identitas "
        "selain nomor, nama dan tanggal boleh diambil dari [defaults] di sopc.toml repositori.",
    "Format version of this file: 1.": "Versi format berkas ini: 1.",
    "Nomor SOP, following the unit's tata naskah dinas; unique in the repository.":
        "Nomor SOP, menurut tata naskah dinas unit; tidak boleh sama dalam satu repositori.",
    "Nama (judul) SOP.": "Nama (judul) SOP.",
    "Kementerian/Lembaga/Pemda.": "Kementerian/Lembaga/Pemda.",
    "Unit lines under the instansi (text or list).": "Baris-baris nama unit di bawah instansi (teks atau daftar).",
    "teknis | administratif.": "teknis | administratif.",
    "Nomor of the makro SOP this one is part of.": "Nomor SOP makro yang memuat SOP ini.",
    "Path of the logo (PNG or SVG) in the repository.": "Path logo (PNG atau SVG) di dalam repositori.",
    "Dasar Hukum (list).": "Dasar Hukum (daftar).",
    "Kualifikasi Pelaksana (list).": "Kualifikasi Pelaksana (daftar).",
    "Keterkaitan: related SOPs by nomor or title; may be empty (`-`).":
        "Keterkaitan: SOP terkait, dengan nomor atau judulnya; boleh kosong (`-`).",
    "Peralatan/Perlengkapan (list).": "Peralatan/Perlengkapan (daftar).",
    "Peringatan; may be empty (`-`).": "Peringatan; boleh kosong (`-`).",
    "Pencatatan dan Pendataan (list).": "Pencatatan dan Pendataan (daftar).",
    "Service-time standard of the whole SOP.": "Standar waktu penyelesaian seluruh SOP.",
    "Actors, in the order of their columns.": "Pelaksana, menurut urutan kolomnya.",
    "Steps, in the order of the rows.": "Langkah, menurut urutan barisnya.",
}
