"""The SOP source format, version 1 (see format.md): identity, actors (pelaksana) and steps (langkah)."""

from __future__ import annotations

from functools import cached_property
from typing import Annotated, Any, Literal, Union

from pydantic import BeforeValidator, Field, StrictBool, field_validator
from pydantic_core import PydanticCustomError

from sopc.model.base import (
    Date,
    OptionalDate,
    OptionalText,
    StrictModel,
    Target,
    Text,
    TextList,
    slug,
)
from sopc.model.duration import Duration, parse_duration
from sopc.source.scalars import as_written


class Tanggal(StrictModel):
    """Tanggal Pembuatan, Revisi (or planned review) and Efektif (the signing date)."""

    pembuatan: Date = Field(description="Tanggal Pembuatan: the date the SOP was completed (YYYY-MM-DD).")
    revisi: OptionalDate = Field(None, description="Tanggal Revisi, or the planned review date; `-` when none.")
    efektif: Date = Field(description="Tanggal Efektif: the date it applies from, the signing date.")


class Pengesahan(StrictModel):
    """Disahkan oleh: the official who signs, with jabatan, nama and NIP."""

    jabatan: Text = Field(description="Nomenklatur jabatan of the signing official.")
    nama: Text = Field(description="Name of the signing official, with titles.")
    nip: OptionalText = Field(None, description='NIP, 18 digits, spaces allowed ("19700101 199503 1 002").')

    @field_validator("nip")
    @classmethod
    def _nip_without_spaces(cls, value: str | None) -> str | None:
        return None if value is None else "".join(value.split())


def _actor(value: Any) -> Any:
    """`- Sekretaris` is short for `{id: sekretaris, nama: Sekretaris}`; an id defaults to its name's slug."""
    value = as_written(value)
    if isinstance(value, str):
        return {"id": slug(value), "nama": value}
    if isinstance(value, dict) and "id" not in value and isinstance(value.get("nama"), str):
        return {"id": slug(value["nama"]), **value}
    return value


class Pelaksana(StrictModel):
    """An actor: one column of the flowchart table, named by its jabatan or role."""

    id: Text = Field(pattern=r"^[\w][\w.-]*$", description="Short name steps use to name this actor.")
    nama: Text = Field(min_length=1, description="Name printed at the head of the actor's column.")


def _lanes(value: Any) -> Any:
    """`pelaksana: a` and `pelaksana: [a, b]` become lane mappings; the mapping form is kept as it is."""
    value = as_written(value)
    if value is None:
        return []
    items = value if isinstance(value, (list, tuple)) else [value]
    return [{"id": as_written(item)} if not isinstance(item, dict) else item for item in items]


class Lajur(StrictModel):
    """One actor's part of a step (its symbol in that actor's column), with an optional own exit."""

    id: Text = Field(description="The actor (pelaksana id) doing this part.")
    lanjut: Union[Target, None] = Field(
        None, description="Where this actor's part goes next: a step id or number, or `selesai` to end here.")
    label: OptionalText = Field(None, description="Text on the arrow leaving this actor's symbol.")
    teks: OptionalText = Field(None, description="Short text inside this actor's symbol (`Via Email`).")


Lanes = Annotated[tuple[Lajur, ...], BeforeValidator(
    _lanes, json_schema_input_type=Union[str, list[Union[str, Lajur]], None])]


def _label(value: Any) -> Any:
    if isinstance(value, list) and len(value) != 2:
        raise PydanticCustomError("sopc_label", "expected two labels [ya, tidak], got {count}",
                                  {"count": len(value)})
    return value


class Keputusan(StrictModel):
    """A decision: the step becomes a diamond with two exits, `ya` and `tidak`."""

    pertanyaan: OptionalText = Field(None, description="Text beside the diamond (optional).")
    ya: Union[Target, None] = Field(None, description="Target of the `ya` exit; default: the next step.")
    tidak: Union[Target, None] = Field(None, description="Target of the `tidak` exit (required by the linter).")
    label: Annotated[Union[tuple[Text, Text], None], BeforeValidator(_label)] = Field(
        None, description='Printed labels of the two exits; default ["Ya", "Tidak"].')


class Langkah(StrictModel):
    """A step: one row of the flowchart table."""

    id: Union[Text, None] = Field(None, pattern=r"^[^\W\d][\w.-]*$",
                                  description="Optional name; a step can also be named by its 1-based number.")
    kegiatan: Text = Field(min_length=1, description="Uraian kegiatan: a verb without a subject.")
    pelaksana: Lanes = Field((), description="Actor id, or a list of actor ids doing this step in one row.")
    kelengkapan: TextList = Field((), description="Mutu Baku: Kelengkapan (text or list).")
    waktu: OptionalText = Field(None, description="Mutu Baku: Waktu, e.g. `10 menit`, `1-2 hari`, `3 hari kerja`.")
    output: TextList = Field((), description="Mutu Baku: Output (text or list).")
    keterangan: OptionalText = Field(None, description="Keterangan (optional).")
    keputusan: Union[Keputusan, None] = Field(None, description="Makes this step a decision.")
    lanjut: Union[Target, None] = Field(
        None, description="Jump to a step id or number instead of the next row, or `selesai` to end here.")
    mulai: StrictBool = Field(False, description="An extra start of the flow (a terminator) besides the first step.")
    berurutan: StrictBool = Field(False, description="The row's actors pass the work on to each other in the order "
                                  "listed (right to left when listed so): short arrows join their symbols inside "
                                  "the row; the row is entered at the first and left from the last.")
    label: OptionalText = Field(None, description="Text on the arrow leaving this step (`Laporan pekerjaan "
                                "selesai`); a decision labels its exits with `keputusan.label`.")
    teks: OptionalText = Field(None, description="Short text inside the step's symbol, such as a start capsule's "
                               "`Langsung ke Kantor`.")

    @property
    def actor_ids(self) -> tuple[str, ...]:
        return tuple(lane.id for lane in self.pelaksana)

    @cached_property
    def duration(self) -> Duration | None:
        return parse_duration(self.waktu)


class Sop(StrictModel):
    """One SOP AP: the identity table of Permenpan-RB 35/2012 plus its actors and steps."""

    model_config = StrictModel.model_config | {"title": "SOP AP (sopc format 1)"}

    sopc: Literal[1] = Field(description="Format version of this file: 1.")
    nomor: Text = Field(description="Nomor SOP, following the unit's tata naskah dinas; unique in the repository.")
    nama: Text = Field(min_length=1, description="Nama (judul) SOP.")
    instansi: Text = Field(min_length=1, description="Kementerian/Lembaga/Pemda.")
    unit: TextList = Field(description="Unit lines under the instansi (text or list).")
    jenis: Union[Literal["teknis", "administratif"], None] = Field(None, description="teknis | administratif.")
    induk: OptionalText = Field(None, description="Nomor of the makro SOP this one is part of.")
    logo: OptionalText = Field(None, description="Path of the logo (PNG or SVG) in the repository.")
    tanggal: Tanggal
    disahkan_oleh: Pengesahan
    dasar_hukum: TextList = Field(description="Dasar Hukum (list).")
    kualifikasi_pelaksana: TextList = Field(description="Kualifikasi Pelaksana (list).")
    keterkaitan: TextList = Field(description="Keterkaitan: related SOPs by nomor or title; may be empty (`-`).")
    peralatan: TextList = Field(description="Peralatan/Perlengkapan (list).")
    peringatan: TextList = Field(description="Peringatan; may be empty (`-`).")
    pencatatan: TextList = Field(description="Pencatatan dan Pendataan (list).")
    waktu_penyelesaian: OptionalText = Field(None, description="Service-time standard of the whole SOP.")
    pelaksana: tuple[Annotated[Pelaksana, BeforeValidator(_actor, json_schema_input_type=Union[str, Pelaksana])],
                     ...] = Field(min_length=1, description="Actors, in the order of their columns.")
    langkah: tuple[Langkah, ...] = Field(min_length=1, description="Steps, in the order of the rows.")

    @field_validator("sopc", mode="before")
    @classmethod
    def _version(cls, value: Any) -> Any:
        if value != 1 or isinstance(value, bool):
            raise PydanticCustomError("sopc_version", "unsupported format version {value!r}; this sopc reads 1",
                                      {"value": as_written(value)})
        return 1

    @field_validator("jenis", mode="before")
    @classmethod
    def _lower(cls, value: Any) -> Any:
        return value.strip().lower() if isinstance(value, str) else value

    @cached_property
    def actor_index(self) -> dict[str, int]:
        """Column index of each actor id."""
        return {actor.id: i for i, actor in enumerate(self.pelaksana)}

    @cached_property
    def waktu_penyelesaian_duration(self) -> Duration | None:
        return parse_duration(self.waktu_penyelesaian)

    def step_index(self, target: int | str) -> int | None:
        """0-based index of the step a target names (1-based number or id); None if none."""
        if isinstance(target, int):
            return target - 1 if 1 <= target <= len(self.langkah) else None
        return self._step_ids.get(target)

    @cached_property
    def _step_ids(self) -> dict[str, int]:
        return {step.id: i for i, step in enumerate(self.langkah) if step.id}
