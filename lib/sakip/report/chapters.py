"""The chapters of each kind of report, in order, and the notebook that is each chapter.

A chapter's title has one source: the first level-1 heading of its notebook. A pemda adapts a
report without touching the library (docs/CHAPTERS.md): ``chapters_dir`` in its params names a
folder whose notebooks replace the shipped ones of the same file name, and ``extra_chapters``
adds notebooks of its own at a chosen place.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Optional, Sequence

from markdown_it import MarkdownIt

PROJECT_ROOT = Path(__file__).resolve().parents[3]


def data_path_text(path: Path) -> str:
    """An input's path as params carry it: relative to the project root when inside it (the
    shipped params' form), else absolute."""
    resolved = Path(path).resolve()
    try:
        return resolved.relative_to(PROJECT_ROOT).as_posix()
    except ValueError:
        return str(resolved)
NOTEBOOK_DIR = PROJECT_ROOT / "notebooks"

#: The parameters every chapter notebook declares, and nothing else (strict signature).
CHAPTER_PARAMETERS = ("agency_id", "year", "data_path", "options_json")


@dataclass(frozen=True)
class Chapter:
    id: str
    prefix: str  # numbering prefix of its sections, tables and charts: "3" gives "3.1", "Tabel 3.1"
    notebook: str  # path relative to ``root`` (or absolute)
    root: Path = NOTEBOOK_DIR
    front: bool = False  # front matter (Kata Pengantar): placed before the daftar isi

    @property
    def path(self) -> Path:
        return self.root / self.notebook

    @property
    def heading(self) -> str:
        """The chapter's title, read from its notebook."""
        return notebook_title(self.path)


@lru_cache(maxsize=256)
def _title(path: str, mtime: float) -> str:
    import nbformat  # function-local: nbformat (and jsonschema) only when a title is read

    md = MarkdownIt("commonmark")
    for cell in nbformat.read(path, as_version=4).cells:
        if cell.cell_type != "markdown":
            continue
        tokens = md.parse(cell.source)
        for i, token in enumerate(tokens):
            if token.type == "heading_open" and token.tag == "h1" and i + 1 < len(tokens):
                return tokens[i + 1].content.strip()
    return Path(path).stem


def declared_parameters(notebook: Path) -> tuple[str, ...]:
    """The names the notebook's ``parameters`` cell declares (read once per version of the file:
    a batch checks the same chapters for every agency)."""
    stat = Path(notebook).stat()
    return _declared(str(notebook), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=256)
def _declared(notebook: str, mtime_ns: int, size: int) -> tuple[str, ...]:
    import papermill  # function-local: papermill (and nbformat) only when a chapter is checked

    return tuple(papermill.inspect_notebook(notebook).keys())


def notebook_title(path: Path) -> str:
    """The first level-1 heading of a notebook's markdown (the file name if it has none)."""
    try:
        return _title(str(path), path.stat().st_mtime)
    except (OSError, ValueError):
        return path.stem


LKJIP: tuple[Chapter, ...] = (
    Chapter("kata-pengantar", "KP", "lkjip/00_kata_pengantar.ipynb", front=True),
    Chapter("ikhtisar", "IE", "lkjip/00_ikhtisar.ipynb"),
    Chapter("bab1", "1", "lkjip/01_pendahuluan.ipynb"),
    Chapter("bab2", "2", "lkjip/02_perencanaan.ipynb"),
    Chapter("bab3", "3", "lkjip/03_akuntabilitas.ipynb"),
    Chapter("bab4", "4", "lkjip/04_penutup.ipynb"),
    Chapter("lampiran", "L", "lkjip/05_lampiran.ipynb"),
    Chapter("audit", "A", "lkjip/06_audit.ipynb"),
)

PENGUKURAN: tuple[Chapter, ...] = (
    Chapter("p-bab1", "1", "pengukuran/01_mekanisme.ipynb"),
    Chapter("p-bab2", "2", "pengukuran/02_iku.ipynb"),
    Chapter("p-bab3", "3", "pengukuran/03_triwulan.ipynb"),
    Chapter("p-bab4", "4", "pengukuran/04_cascading.ipynb"),
    Chapter("p-bab5", "5", "pengukuran/05_penutup.ipynb"),
    Chapter("audit", "A", "pengukuran/06_audit.ipynb"),
)

#: Reports over many agencies, read from the DuckDB store (docs/COMPARE.md): agency_id is the
#: report's label (pemda id or "perbandingan"), data_path the store, options_json the selection.
COMPARE: tuple[Chapter, ...] = (
    Chapter("c-bab1", "1", "compare/01_capaian.ipynb"),
    Chapter("c-bab2", "2", "compare/02_anggaran.ipynb"),
    Chapter("c-bab3", "3", "compare/03_peringkat.ipynb"),
    Chapter("c-bab4", "4", "compare/04_tren.ipynb"),
)

SUMMARY: tuple[Chapter, ...] = (
    Chapter("s-ringkasan", "R", "summary/00_ringkasan.ipynb"),
    Chapter("s-bab1", "1", "summary/01_capaian.ipynb"),
    Chapter("s-bab2", "2", "summary/02_anggaran.ipynb"),
    Chapter("s-bab3", "3", "summary/03_cascade.ipynb"),
    Chapter("s-bab4", "4", "summary/04_audit.ipynb"),
)

#: The Bappeda's quarterly monitoring of every agency of a pemda (docs/MONITOR.md); its
#: options_json also carries the triwulan.
MONITOR: tuple[Chapter, ...] = (
    Chapter("m-ringkasan", "R", "monitor/00_ringkasan.ipynb"),
    Chapter("m-bab1", "1", "monitor/01_pelaporan.ipynb"),
    Chapter("m-bab2", "2", "monitor/02_capaian.ipynb"),
    Chapter("m-bab3", "3", "monitor/03_proyeksi.ipynb"),
    Chapter("m-bab4", "4", "monitor/04_audit.ipynb"),
)

REPORTS: dict[str, tuple[Chapter, ...]] = {"lkjip": LKJIP, "pengukuran": PENGUKURAN,
                                           "compare": COMPARE, "summary": SUMMARY, "monitor": MONITOR}

REPORT_TITLES = {
    "lkjip": "Laporan Kinerja Instansi Pemerintah (LKjIP)",
    "pengukuran": "Laporan Pengukuran Kinerja",
    "compare": "Perbandingan Kinerja Antarperangkat Daerah",
    "summary": "Ringkasan Kinerja Tahunan Perangkat Daerah untuk Bappeda",
    "monitor": "Pemantauan Triwulanan Kinerja dan Anggaran Perangkat Daerah",
}


@dataclass(frozen=True)
class ExtraChapter:
    """A chapter notebook a pemda adds: where it goes and how its figures are numbered."""

    id: str
    notebook: Path
    prefix: str
    after: Optional[str] = None  # the chapter id it follows; None: at the end


def chapters_for(report: str, *, chapters_dir: Optional[Path] = None,
                 extra: Sequence[ExtraChapter] = ()) -> tuple[Chapter, ...]:
    """The chapters of a report kind: the shipped ones (each replaced by a notebook of the same
    file name in ``chapters_dir`` when there is one), then the pemda's extra chapters."""
    chapters: list[Chapter] = []
    for chapter in REPORTS[report]:
        if chapters_dir is not None and (chapters_dir / Path(chapter.notebook).name).is_file():
            chapter = Chapter(chapter.id, chapter.prefix, Path(chapter.notebook).name, chapters_dir,
                              chapter.front)
        if chapter.path.exists():
            chapters.append(chapter)
    for item in extra:
        added = Chapter(item.id, item.prefix, item.notebook.name, item.notebook.parent)
        ids = [c.id for c in chapters]
        position = ids.index(item.after) + 1 if item.after in ids else len(chapters)
        chapters.insert(position, added)
    return tuple(chapters)
