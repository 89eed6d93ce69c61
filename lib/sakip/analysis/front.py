"""BAB I parts that are lists rather than figures: the Landasan Hukum (the pemda's own list with
the SAKIP regulations every LKjIP rests on) and the Sistematika Penyajian (one entry per chapter
actually present in the report, read from the chapter titles the notebook passes in)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Optional

from sakip.model import rows as m

#: The regulations every LKjIP rests on (added when the pemda's list does not name them).
SAKIP_REGULATIONS: tuple[str, ...] = (
    "Peraturan Presiden Nomor 29 Tahun 2014 tentang Sistem Akuntabilitas Kinerja Instansi "
    "Pemerintah (SAKIP)",
    "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 53 Tahun 2014 "
    "tentang Petunjuk Teknis Perjanjian Kinerja, Pelaporan Kinerja dan Tata Cara Reviu atas "
    "Laporan Kinerja Instansi Pemerintah",
    "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 88 Tahun 2021 "
    "tentang Evaluasi Akuntabilitas Kinerja Instansi Pemerintah",
)

#: Rank of a kind of regulation in the hierarchy of Indonesian law (UU 12/2011), for ordering.
_RANKS = (("undang-undang", 1), ("peraturan pemerintah", 2), ("peraturan presiden", 3),
          ("peraturan menteri", 4), ("keputusan menteri", 4), ("peraturan daerah", 5),
          ("peraturan gubernur", 6), ("peraturan wali", 6), ("peraturan bupati", 6))
_NUMBER_YEAR = re.compile(r"nomor\s+([\w./-]+)\s+tahun\s+(\d{4})", re.IGNORECASE)


def _rank(regulation: str) -> int:
    text = regulation.lower()
    return next((rank for prefix, rank in _RANKS if text.startswith(prefix)), 7)


def _key(regulation: str) -> tuple[int, str, str] | str:
    """Kind, number and year: the same regulation however its title is worded."""
    match = _NUMBER_YEAR.search(regulation)
    if match is None:
        return regulation.lower()
    return (_rank(regulation), match.group(1).lower(), match.group(2))


def legal_basis(profile: m.Profile) -> list[str]:
    """The Landasan Hukum: the profile's regulations, plus every SAKIP regulation it does not
    name, ordered by the hierarchy of law (undang-undang first), the pemda's order kept within a
    kind."""
    own = profile.legal_basis
    keys = {_key(r) for r in own}
    merged = own + [r for r in SAKIP_REGULATIONS if _key(r) not in keys]
    return sorted(merged, key=_rank)


@dataclass(frozen=True)
class ChapterSummary:
    title: str
    description: str


#: What each kind of chapter holds, recognised by its title (a pattern, first match wins).
_DESCRIPTIONS: tuple[tuple[str, str], ...] = (
    (r"\bIKHTISAR\b", "menyajikan ringkasan capaian kinerja dan realisasi anggaran tahun ini."),
    (r"\bPENDAHULUAN\b", "menyajikan penjelasan umum organisasi, dengan penekanan pada aspek strategis "
                    "organisasi serta permasalahan utama (isu strategis) yang sedang dihadapi."),
    (r"\bPERENCANAAN\b", "menguraikan ringkasan Rencana Strategis, Indikator Kinerja Utama, Perjanjian "
                    "Kinerja tahun ini dan anggaran per sasaran strategis."),
    (r"\bAKUNTABILITAS\b", "menyajikan capaian kinerja organisasi untuk setiap sasaran strategis beserta "
                      "analisisnya, realisasi anggaran, serta prestasi dan penghargaan."),
    (r"\bPENUTUP\b", "menguraikan simpulan umum atas capaian kinerja organisasi serta langkah yang akan "
                "dilakukan untuk meningkatkan kinerjanya."),
    (r"\bAUDIT\b", "memuat hasil pemeriksaan otomatis atas konsistensi angka data masukan laporan."),
    (r"^LAMPIRAN$", "memuat Perjanjian Kinerja, cascading Perjanjian Kinerja, Rencana Kinerja "
                 "Tahunan, Indikator Kinerja Utama dan formulir pengukuran kinerja."),
)


def chapter_summary(title: str) -> ChapterSummary:
    """A chapter of the Sistematika: its title and what it holds ("memuat ..." for a chapter the
    pemda added, from its own title)."""
    upper = " ".join(title.upper().split())
    description: Optional[str] = next((d for pattern, d in _DESCRIPTIONS if re.search(pattern, upper)), None)
    if description is None:
        description = f"memuat {title.strip().lower()}."
    return ChapterSummary(title.strip(), description)


def sistematika(titles: Sequence[str]) -> list[ChapterSummary]:
    """One entry per chapter of the report, in the report's order (empty titles left out)."""
    return [chapter_summary(t) for t in titles if t and t.strip()]
