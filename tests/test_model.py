"""The model: format 1 as format.md says, defaults merged, references resolved."""

from __future__ import annotations

import datetime as dt

from sopc.model import merge_defaults, validate
from sopc.source.loader import load_text
from tests.conftest import compose_sop


def check(text: str, defaults: dict | None = None, header: bool = True):
    source, diags = load_text(compose_sop(text, header))
    assert not diags, diags
    return validate(source, defaults or {}, "en")


def test_header_is_a_valid_sop() -> None:
    sop, diags = check("")
    assert not diags
    assert sop.tanggal.pembuatan == dt.date(2024, 1, 10)
    assert sop.unit == ("Sekretariat Daerah", "Bagian Umum")


def test_nip_accepted_with_or_without_spaces() -> None:
    spaced, _ = check('disahkan_oleh: {jabatan: K, nama: N, nip: "19700101 199503 1 002"}\n')
    plain, _ = check('disahkan_oleh: {jabatan: K, nama: N, nip: "197001011995031002"}\n')
    assert spaced.disahkan_oleh.nip == plain.disahkan_oleh.nip == "197001011995031002"


def test_defaults_merge_under_the_sops_own_values() -> None:
    merged = merge_defaults({"instansi": "A", "disahkan_oleh": {"jabatan": "J", "nama": "N", "nip": "1"}},
                            {"instansi": "B", "disahkan_oleh": {"nip": "2"}})
    assert merged == {"instansi": "B", "disahkan_oleh": {"jabatan": "J", "nama": "N", "nip": "2"}}


def test_a_default_fills_a_missing_item() -> None:
    text = compose_sop("").replace("instansi: Pemerintah Kabupaten Uji\n", "")
    source, _ = load_text(text)
    sop, diags = validate(source, {"instansi": "Dari sopc.toml"})
    assert not diags and sop.instansi == "Dari sopc.toml"


def test_unknown_key_suggests_the_nearest() -> None:
    _, diags = check("langkah:\n  - kegiatan: A\n    pelaksana: a\n    keteranagn: x\n")
    assert diags[0].code == "SC02" and "`keterangan`" in diags[0].message


def test_empty_items_are_empty_lists() -> None:
    sop, _ = check('keterkaitan: "-"\nperingatan: []\n')
    assert sop.keterkaitan == () and sop.peringatan == ()


def test_actor_shorthand_and_references_by_name() -> None:
    sop, diags = check("pelaksana: [Petugas Loket, {nama: Kepala Seksi}]\n"
                       "langkah:\n  - {kegiatan: A, pelaksana: Petugas Loket}\n"
                       "  - {kegiatan: B, pelaksana: kepala-seksi}\n")
    assert not diags
    assert [a.id for a in sop.pelaksana] == ["petugas-loket", "kepala-seksi"]
    assert [s.actor_ids for s in sop.langkah] == [("petugas-loket",), ("kepala-seksi",)]


def test_targets_by_number_and_id() -> None:
    sop, diags = check("langkah:\n  - {id: awal, kegiatan: A, pelaksana: a}\n"
                       "  - {kegiatan: B, pelaksana: b, keputusan: {ya: 3, tidak: awal}}\n"
                       "  - {kegiatan: C, pelaksana: a}\n")
    assert not diags
    assert sop.step_index(sop.langkah[1].keputusan.tidak) == 0
    assert sop.step_index(sop.langkah[1].keputusan.ya) == 2


def test_messages_in_indonesian_and_english() -> None:
    source, _ = load_text(compose_sop("jenis: rutin\n"))
    (id_msg,), (en_msg,) = validate(source, {}, "id")[1], validate(source, {}, "en")[1]
    assert "harus salah satu dari" in id_msg.message and "must be one of" in en_msg.message
