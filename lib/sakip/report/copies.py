"""The official copy (salinan resmi) and the working copy (salinan kerja) of a report.

The **official copy** is the document that is signed and published: no Audit Data appendix (the
chapter ``audit``), no notes meant for whoever prepares the report (callouts of tone
``review``), no file paths and no developer references. The **working copy** keeps all of them
and says on its cover and on every page that it is not the signed document. The HTML, PDF and
Word files of one copy are made from the same blocks, so they have the same content.

The provenance (software version, fingerprint of the inputs, time) is stated in a colophon at
the end of both copies; the working copy also names the input folder.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Optional, Sequence

from sakip.report.assemble import Block, RenderedChapter
from sakip.report.chapters import PROJECT_ROOT, Chapter

RESMI, KERJA = "resmi", "kerja"
COPIES = (RESMI, KERJA)
#: What ``sakip render`` makes when no ``--salinan`` is given: the document fit for signing, so
#: that nothing meant for the preparer reaches a reader by accident (docs/DOCUMENTS.md).
DEFAULT_COPY = RESMI
COPY_NAMES = {RESMI: "Salinan Resmi", KERJA: "Salinan Kerja"}

#: Chapters only the working copy carries.
WORKING_ONLY_CHAPTERS = frozenset({"audit"})
#: Callout tone of a note for the preparer (sakip.components.kata_pengantar.REVIEW).
REVIEW_TONE = "review"

# A pointer to the project's developer documentation in generated text, e.g. "(lihat
# docs/FORMULAS.md)": the official copy leaves it out.
_DEV_REFERENCE = re.compile(r"\s*\((?:lihat|see)\s+docs/[^)]*\)")
# A paragraph of a notebook's prose that names the code (`sakip.analysis`) is a note for whoever
# edits the notebook, not report text (docs/CHAPTERS.md tags such notes ``catatan-penyunting``).
_DEV_NOTE = re.compile(r"`sakip\.[\w.]+`")


class CopyError(ValueError):
    """An unknown copy name."""


def check_copy(copy: str) -> str:
    if copy not in COPIES:
        raise CopyError(f"unknown copy '{copy}': use {' or '.join(COPIES)}")
    return copy


def chapters_for_copy(chapters: Sequence[Chapter], copy: str) -> list[Chapter]:
    """The chapters a copy executes: the official copy skips the working-only ones."""
    check_copy(copy)
    return [c for c in chapters if copy == KERJA or c.id not in WORKING_ONLY_CHAPTERS]


def _scrub(value: Any) -> Any:
    if isinstance(value, str):
        return _DEV_REFERENCE.sub("", value)
    if isinstance(value, list):
        return [_scrub(v) for v in value]
    if isinstance(value, dict):
        return {k: (v if k == "png" else _scrub(v)) for k, v in value.items()}
    return value


def _without_dev_notes(block: Block) -> Optional[Block]:
    from sakip.report.assemble import markdown_html

    kept = [p for p in re.split(r"\n\s*\n", block.data["markdown"]) if not _DEV_NOTE.search(p)]
    source = "\n\n".join(kept).strip()
    return Block("markdown", markdown_html(source), {**block.data, "markdown": source}) if source else None


def for_copy(chapters: Sequence[RenderedChapter], copy: str) -> list[RenderedChapter]:
    """The rendered chapters as the copy shows them (the input is not changed)."""
    check_copy(copy)
    if copy == KERJA:
        return list(chapters)
    out = []
    for chapter in chapters:
        if chapter.chapter.id in WORKING_ONLY_CHAPTERS:
            continue
        blocks = []
        for block in chapter.blocks:
            if block.kind == "callout" and block.data.get("tone") == REVIEW_TONE:
                continue
            if block.kind == "markdown" and _DEV_NOTE.search(block.data.get("markdown", "")):
                kept = _without_dev_notes(block)
                if kept is None:
                    continue
                block = kept
            blocks.append(Block(block.kind, _scrub(block.html), _scrub(block.data)))
        out.append(replace(chapter, blocks=blocks))
    return out


# --- what the cover and the colophon say --------------------------------------------------------


@dataclass(frozen=True)
class Logo:
    """The pemda's emblem, embedded in every document."""

    data: bytes
    mime: str  # image/png or image/jpeg

    def data_uri(self) -> str:
        import base64

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
        raise ValueError(f"profile logo '{name}' must be a file inside {folder.name}/")
    mime = _LOGO_TYPES.get(path.suffix.lower())
    if mime is None:
        raise ValueError(f"profile logo '{name}': use a .png or .jpg file")
    if not path.is_file():
        raise ValueError(f"profile logo '{name}' not found in {folder.name}/")
    data = path.read_bytes()
    if len(data) > MAX_LOGO_BYTES:
        raise ValueError(f"profile logo '{name}' is larger than 2 MB")
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


# --- what an official copy must not show (used by the tests and docs/DOCUMENTS.md) ---------------

_LEAKS = (
    ("file path", re.compile(r"(?<![\w/.])(?:[\w.-]+/)+[\w.-]+\.(?:md|csv|ya?ml|xlsx|ipynb|py|duckdb|json|html|docx)\b")),
    ("absolute path", re.compile(r"(?:^|[\s(\"'])(?:/(?:home|tmp|work|usr|root|var|opt|Users|mnt)/|[A-Za-z]:\\)")),
    ("developer name", re.compile(r"\b[a-z]+_[a-z0-9_]+\b|\bsakip\.[a-z_.]+")),
    ("English", re.compile(r"\b(?:None|NaN|nan|True|False|Traceback|Error|Warning|null|params|notebook)\b")),
)


def leaks(text: str) -> list[tuple[str, str]]:
    """What in a document's visible text an official copy must not show: (kind, match)."""
    found = []
    for kind, pattern in _LEAKS:
        found += [(kind, m.group(0).strip()) for m in pattern.finditer(text)]
    return found
