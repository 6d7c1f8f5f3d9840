"""NP: rules on the NIP (Nomor Induk Pegawai) of the signing official."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from sopc.diagnostics import Severity
from sopc.lint.context import LintUnit
from sopc.lint.registry import Finding, rule
from sopc.model.base import digits_only

NIP_PATH = ("disahkan_oleh", "nip")


@rule("NP01", "nip-bukan-18-digit", Severity.ERROR,
      {"id": "NIP bukan 18 digit", "en": "NIP is not 18 digits"},
      {"id": "NIP `{nip}` harus 18 digit angka (spasi boleh), ada {count}",
       "en": "NIP `{nip}` must be 18 digits (spaces allowed), it has {count}"})
def nip_bukan_18_digit(unit: LintUnit) -> Iterator[Finding]:
    """NIP pegawai negeri terdiri atas 18 angka: tanggal lahir (8), bulan pengangkatan (6), jenis
    kelamin (1), nomor urut (3). Spasi di antara kelompok angka boleh ("19700101 199503 1 002").

    In English: A civil servant's NIP has 18 digits: birth date (8), appointment month (6), sex (1),
    sequence (3). Spaces between the groups are allowed ("19700101 199503 1 002").

    Failing::

        nip: "19700101 199503 1"

    Passing::

        nip: "19700101 199503 1 002"
    """
    nip = unit.sop.disahkan_oleh.nip
    if nip is not None and not (len(nip) == 18 and digits_only(nip)):
        yield Finding(NIP_PATH, {"nip": nip, "count": sum(digits_only(c) for c in nip)})


@rule("NP02", "nip-tanggal-mustahil", Severity.ERROR,
      {"id": "NIP memuat tanggal yang mustahil", "en": "NIP holds an impossible date"},
      {"birth": {"id": "NIP `{nip}`: tanggal lahir `{value}` mustahil",
                 "en": "NIP `{nip}`: birth date `{value}` is impossible"},
       "appointment": {"id": "NIP `{nip}`: TMT pengangkatan `{value}` mustahil",
                       "en": "NIP `{nip}`: appointment month `{value}` is impossible"},
       "sex": {"id": "NIP `{nip}`: digit jenis kelamin `{value}` harus 1 atau 2",
               "en": "NIP `{nip}`: the sex digit `{value}` must be 1 or 2"}})
def nip_tanggal_mustahil(unit: LintUnit) -> Iterator[Finding]:
    """8 angka pertama NIP adalah tanggal lahir (YYYYMMDD), 6 berikutnya bulan pengangkatan (YYYYMM),
    lalu jenis kelamin (1 atau 2). Tanggal lahir yang tidak ada, tahun lahir sebelum 1900 atau yang
    membuat pejabat berumur di bawah 18 tahun saat diangkat, atau bulan pengangkatan sesudah SOP
    dibuat, adalah salah ketik.

    In English: The first 8 digits of a NIP are the birth date (YYYYMMDD), the next 6 the month of
    appointment (YYYYMM), then the sex (1 or 2). A birth date that does not exist, a birth year
    before 1900 or that would make the official under 18 at appointment, or an appointment
    month after the SOP was made, is a typo.

    Failing::

        nip: "19701301 199503 1 002"    # month 13

    Passing::

        nip: "19700101 199503 1 002"
    """
    nip = unit.sop.disahkan_oleh.nip
    if nip is None or len(nip) != 18 or not digits_only(nip):
        return
    problem = _nip_problem(nip, unit.sop.tanggal.pembuatan)
    if problem:
        variant, value = problem
        yield Finding(NIP_PATH, {"nip": nip, "value": value}, variant)


def _nip_problem(nip: str, made: dt.date) -> tuple[str, str] | None:
    try:
        born = dt.date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))
    except ValueError:
        return "birth", nip[0:8]
    year, month = int(nip[8:12]), int(nip[12:14])
    if born.year < 1900 or born > made:
        return "birth", nip[0:8]
    if not 1 <= month <= 12 or (year, month) > (made.year, made.month) or year < born.year + 18:
        return "appointment", nip[8:14]
    if nip[14] not in "12":
        return "sex", nip[14]
    return None
