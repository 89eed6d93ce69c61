"""What a report document says besides its chapters: cover, running header, colophon and
metadata (:class:`DocumentInfo`), and the two copies: their names and the chapters each carries
(docs/DOCUMENTS.md)."""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional, Sequence

from sakip.i18n import _
from sakip.report.chapters import PROJECT_ROOT, Chapter

RESMI, KERJA = "resmi", "kerja"
COPIES = (RESMI, KERJA)
#: What ``sakip render`` makes when no ``--salinan`` is given: the document fit for signing, so
#: that nothing meant for the preparer reaches a reader by accident (docs/DOCUMENTS.md).
DEFAULT_COPY = RESMI
COPY_NAMES = {RESMI: "Salinan Resmi", KERJA: "Salinan Kerja"}
#: Abbreviations written in mixed case, kept so on a cover printed in capitals.
MIXED_CASE_ABBREVIATIONS = ("LKjIP",)
#: Chapters only the working copy carries.
WORKING_ONLY_CHAPTERS = frozenset({"audit"})


class CopyError(ValueError):
    """An unknown copy name."""


def check_copy(copy: str) -> str:
    if copy not in COPIES:
        raise CopyError(_("unknown copy '{copy}': use {names}").format(
            copy=copy, names=' or '.join(COPIES)))
    return copy


def chapters_for_copy(chapters: Sequence[Chapter], copy: str) -> list[Chapter]:
    """The chapters a copy executes: the official copy skips the working-only ones. Here, not in
    ``copies.py`` (which shapes the rendered blocks): planning a batch needs it, and nothing of
    the page machinery."""
    check_copy(copy)
    return [c for c in chapters if copy == KERJA or c.id not in WORKING_ONLY_CHAPTERS]


# --- what the cover and the colophon say --------------------------------------------------------


@dataclass(frozen=True)
class Logo:
    """The pemda's emblem, embedded in every document."""

    data: bytes
    mime: str  # image/png or image/jpeg

    def data_uri(self) -> str:
        return f"data:{self.mime};base64," + base64.b64encode(self.data).decode("ascii")


_LOGO_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg"}
MAX_LOGO_BYTES = 2 * 1024 * 1024


def read_logo(name: Optional[str], data_path: Path) -> Optional[Logo]:
    """The profile's ``logo``: a file in the agency folder (beside the workbook for an .xlsx
    input). A missing or unusable file is a :class:`ValueError` naming it."""
    if not name:
        return None
    folder = data_path if data_path.is_dir() else data_path.parent
    path = (folder / name).resolve()
    if folder.resolve() not in path.parents:
        raise ValueError(_("profile logo '{name}' must be a file inside {folder}/").format(
            name=name, folder=folder.name))
    mime = _LOGO_TYPES.get(path.suffix.lower())
    if mime is None:
        raise ValueError(_("profile logo '{name}': use a .png or .jpg file").format(name=name))
    if not path.is_file():
        raise ValueError(_("profile logo '{name}' not found in {folder}/").format(
            name=name, folder=folder.name))
    data = path.read_bytes()
    if len(data) > MAX_LOGO_BYTES:
        raise ValueError(_("profile logo '{name}' is larger than 2 MB").format(name=name))
    return Logo(data, mime)


def is_synthetic(profile: Any, data_path: Path) -> bool:
    """Generated data: the profile says ``synthetic: ya``, or the input lies under data/generated."""
    if getattr(profile, "synthetic", None):
        return True
    parts = Path(data_path).resolve().parts
    return any(a == "data" and b == "generated" for a, b in zip(parts, parts[1:]))


def shown_source(source: str) -> str:
    """The input as the working copy's colophon names it: relative to the project, never an
    absolute path of this machine."""
    path = Path(source)
    if not path.is_absolute():
        return path.as_posix()
    try:
        return path.resolve().relative_to(PROJECT_ROOT).as_posix()
    except ValueError:
        return path.name


@dataclass(frozen=True)
class DocumentInfo:
    """Everything about a report that is not its chapters: cover, running header, colophon,
    metadata. ``provenance`` holds version, input_hash, source and generated_at."""

    title: str
    agency_name: str
    pemda_label: str
    year: int
    provenance: dict
    subtitle: str = ""
    copy: str = DEFAULT_COPY
    logo: Optional[Logo] = None
    synthetic: bool = False
    extra: dict = field(default_factory=dict)

    @property
    def full_title(self) -> str:
        return f"{self.title} {self.agency_name} {self.pemda_label} Tahun {self.year}"

    @property
    def cover_title(self) -> str:
        """The title in capitals, as covers print it, its official abbreviations kept as they are
        written ("LAPORAN KINERJA INSTANSI PEMERINTAH (LKjIP)", not "(LKJIP)")."""
        upper = self.title.upper()
        for abbreviation in MIXED_CASE_ABBREVIATIONS:
            upper = upper.replace(abbreviation.upper(), abbreviation)
        return upper

    @property
    def running_header(self) -> str:
        return f"{self.title} Tahun {self.year} \u00b7 {self.agency_name} {self.pemda_label}"

    @property
    def copy_name(self) -> str:
        return COPY_NAMES[self.copy]

    @property
    def author(self) -> str:
        return f"{self.agency_name} {self.pemda_label}"

    def colophon(self) -> list[tuple[str, str]]:
        """The colophon's lines (label, text), in Indonesian."""
        p = self.provenance
        lines = [
            ("Dokumen", f"{self.full_title}, {COPY_NAMES[self.copy].lower()}"),
            ("Dibuat dengan", f"perangkat lunak sakip versi {p['version']}"),
            ("Sidik data masukan (SHA-256)", str(p["input_hash"])),
            ("Waktu penyusunan", str(p["generated_at"])),
        ]
        if self.copy == KERJA:
            lines.append(("Data masukan", shown_source(str(p.get("source", "")))))
        return lines

    def colophon_note(self) -> str:
        note = ("Sidik data berubah bila satu nilai pun pada data masukan berubah, sehingga salinan "
                "ini dapat dicocokkan dengan data yang mendasarinya.")
        if self.copy == KERJA:
            note += (" Salinan kerja memuat Lampiran Audit Data dan catatan untuk ditinjau; yang "
                     "ditandatangani adalah salinan resmi.")
        return note
