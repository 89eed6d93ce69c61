"""The chapters of each kind of report, in order, and the notebook that presents each."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[3]
NOTEBOOK_DIR = PROJECT_ROOT / "notebooks"

#: The parameters every chapter notebook declares, and nothing else (strict signature).
CHAPTER_PARAMETERS = ("agency_id", "year", "data_path", "options_json")


@dataclass(frozen=True)
class Chapter:
    id: str
    label: str  # "BAB III", or "" for the executive summary
    title: str
    prefix: str  # numbering prefix of its tables and charts: "3" gives "Tabel 3.1"
    notebook: str  # path relative to notebooks/

    @property
    def path(self) -> Path:
        return NOTEBOOK_DIR / self.notebook

    @property
    def heading(self) -> str:
        return f"{self.label} {self.title}".strip()


LKJIP: tuple[Chapter, ...] = (
    Chapter("ikhtisar", "", "Ikhtisar Eksekutif", "IE", "lkjip/00_ikhtisar.ipynb"),
    Chapter("bab1", "BAB I", "Pendahuluan", "1", "lkjip/01_pendahuluan.ipynb"),
    Chapter("bab2", "BAB II", "Perencanaan Kinerja", "2", "lkjip/02_perencanaan.ipynb"),
    Chapter("bab3", "BAB III", "Akuntabilitas Kinerja", "3", "lkjip/03_akuntabilitas.ipynb"),
    Chapter("bab4", "BAB IV", "Penutup", "4", "lkjip/04_penutup.ipynb"),
    Chapter("lampiran", "LAMPIRAN", "Perjanjian Kinerja, RKT, IKU dan Pengukuran", "L",
            "lkjip/05_lampiran.ipynb"),
    Chapter("audit", "LAMPIRAN", "Audit Data", "A", "lkjip/06_audit.ipynb"),
)

PENGUKURAN: tuple[Chapter, ...] = (
    Chapter("p-bab1", "BAB I", "Pendahuluan dan Mekanisme Pengukuran", "1", "pengukuran/01_mekanisme.ipynb"),
    Chapter("p-bab2", "BAB II", "Indikator Kinerja Utama", "2", "pengukuran/02_iku.ipynb"),
    Chapter("p-bab3", "BAB III", "Pengukuran Kinerja Triwulan", "3", "pengukuran/03_triwulan.ipynb"),
    Chapter("p-bab4", "BAB IV", "Cascading Perjanjian Kinerja", "4", "pengukuran/04_cascading.ipynb"),
    Chapter("p-bab5", "BAB V", "Analisis dan Penutup", "5", "pengukuran/05_penutup.ipynb"),
)

#: Reports over many agencies, read from the DuckDB store (docs/COMPARE.md): agency_id is the
#: report's label (pemda id or "perbandingan"), data_path the store, options_json the selection.
COMPARE: tuple[Chapter, ...] = (
    Chapter("c-bab1", "BAB I", "Capaian Indikator Kinerja Utama", "1", "compare/01_capaian.ipynb"),
    Chapter("c-bab2", "BAB II", "Serapan Anggaran dan Kuadran Kinerja", "2", "compare/02_anggaran.ipynb"),
    Chapter("c-bab3", "BAB III", "Peringkat", "3", "compare/03_peringkat.ipynb"),
    Chapter("c-bab4", "BAB IV", "Tren Antartahun", "4", "compare/04_tren.ipynb"),
)

SUMMARY: tuple[Chapter, ...] = (
    Chapter("s-ringkasan", "", "Ringkasan Eksekutif", "R", "summary/00_ringkasan.ipynb"),
    Chapter("s-bab1", "BAB I", "Capaian Kinerja Perangkat Daerah", "1", "summary/01_capaian.ipynb"),
    Chapter("s-bab2", "BAB II", "Anggaran", "2", "summary/02_anggaran.ipynb"),
    Chapter("s-bab3", "BAB III", "Keterkaitan dengan Sasaran RPJMD/RPD", "3", "summary/03_cascade.ipynb"),
    Chapter("s-bab4", "BAB IV", "Temuan Audit Konsistensi Data", "4", "summary/04_audit.ipynb"),
)

REPORTS: dict[str, tuple[Chapter, ...]] = {"lkjip": LKJIP, "pengukuran": PENGUKURAN,
                                           "compare": COMPARE, "summary": SUMMARY}

REPORT_TITLES = {
    "lkjip": "Laporan Kinerja Instansi Pemerintah (LKjIP)",
    "pengukuran": "Laporan Pengukuran Kinerja",
    "compare": "Perbandingan Kinerja Antarperangkat Daerah",
    "summary": "Ringkasan Kinerja Tahunan Perangkat Daerah untuk Bappeda",
}


def chapters_for(report: str) -> tuple[Chapter, ...]:
    """Chapters of a report kind whose notebook exists (a kind may be under construction)."""
    return tuple(c for c in REPORTS[report] if c.path.exists())
