"""What made a report, as a fingerprint stored beside it, so that a re-run renders only what changed.

A report is the product of four things, each hashed on its own:

- ``inputs``: the agency's input files (:func:`sakip.inputs.fingerprint.input_fingerprint`), or
  for a store report the input hash of every agency it covers, as the store holds them;
- ``params``: every field of the params (or the store report's selection and year);
- ``chapters``: the id, numbering prefix and bytes of every chapter notebook, in order;
- ``library``: the sakip version and the bytes of every file of the library (code, templates,
  vocabularies), so that a change of code re-renders everything it could change.

``fingerprint.json`` in the report folder holds the parts and their combined key. A report is
unchanged when that file's key equals the key computed now and its page is there.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Optional, Sequence

from sakip.i18n import _
from sakip.inputs.fingerprint import input_fingerprint
from sakip.report.chapters import PROJECT_ROOT, Chapter, chapters_for
from sakip.report.docinfo import DEFAULT_COPY, chapters_for_copy
from sakip.report.render import report_chapters, sakip_version

FINGERPRINT_FILE = "fingerprint.json"
LIBRARY_ROOT = Path(__file__).resolve().parents[1]

#: Files of the library that shape a report (compiled caches and editors' files are not).
LIBRARY_SUFFIXES = (".py", ".yaml", ".yml", ".j2", ".css", ".html", ".json", ".txt")

PARTS = ("inputs", "params", "chapters", "library")


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _json(value: Any) -> bytes:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str).encode()


@dataclass(frozen=True)
class Fingerprint:
    """The parts of what made a report, and the key that combines them."""

    parts: dict[str, str] = field(default_factory=dict)

    @property
    def key(self) -> str:
        return _sha(_json(self.parts))

    def to_json(self) -> dict[str, Any]:
        return {"key": self.key, "parts": dict(self.parts)}

    def changed(self, stored: Optional["Fingerprint"]) -> list[str]:
        """The parts that differ from ``stored`` (all of them when nothing was stored)."""
        if stored is None:
            return list(PARTS)
        return [p for p in PARTS if self.parts.get(p) != stored.parts.get(p)]


def library_hash(root: Path = LIBRARY_ROOT) -> str:
    """The sakip version and every library file's path and bytes, taken once per process for the
    running library: a process runs the code it imported, whatever happens to the files later
    (and a batch asks for it once per report)."""
    if root == LIBRARY_ROOT:
        return _running_library_hash()
    return _hash_library(root)


@lru_cache(maxsize=1)
def _running_library_hash() -> str:
    return _hash_library(LIBRARY_ROOT)


def _hash_library(root: Path) -> str:
    stat = [(p, p.stat().st_mtime_ns, p.stat().st_size) for p in _library_files(root)]
    return _library_hash(str(root), tuple((str(p), m, s) for p, m, s in stat))


def _library_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*")
                  if p.is_file() and p.suffix in LIBRARY_SUFFIXES and "__pycache__" not in p.parts)


@lru_cache(maxsize=8)
def _library_hash(root: str, files: tuple[tuple[str, int, int], ...]) -> str:
    digest = hashlib.sha256(sakip_version().encode() + b"\0")
    for path, _mtime, _size in files:
        data = Path(path).read_bytes()
        digest.update(Path(path).relative_to(root).as_posix().encode() + b"\0")
        digest.update(str(len(data)).encode() + b"\0" + data)
    return digest.hexdigest()


def chapters_hash(chapters: Iterable[Chapter]) -> str:
    """Which chapters, in which order, with which numbering, from which notebook bytes."""
    digest = hashlib.sha256()
    for chapter in chapters:
        digest.update(_json([chapter.id, chapter.prefix]))
        stat = chapter.path.stat()
        digest.update(_file_sha(str(chapter.path), stat.st_mtime_ns, stat.st_size).encode())
    return digest.hexdigest()


@lru_cache(maxsize=512)
def _file_sha(path: str, mtime_ns: int, size: int) -> str:
    """A file's sha256, read once per version of it (a batch hashes the same chapters for every
    agency)."""
    return _sha(Path(path).read_bytes())


def report_fingerprint(params, only: Sequence[str] = (), *, copy: str = DEFAULT_COPY,
                       pdf: bool = False, docx: bool = False) -> Fingerprint:
    """The fingerprint of an agency report (LKjIP or pengukuran) made from ``params``, in the
    ``copy`` asked for, with its PDF and Word document or not."""
    chapters = [c for c in chapters_for_copy(report_chapters(params), copy)
                if not only or c.id in only]
    documents = {"copy": copy, "pdf": pdf, "docx": docx}
    return Fingerprint({
        "inputs": input_fingerprint((PROJECT_ROOT / params.data_path).resolve()),
        "params": _sha(_json({"params": params.model_dump(mode="json"), "only": sorted(only),
                              "documents": documents})),
        "chapters": chapters_hash(chapters),
        "library": library_hash(),
    })


def store_fingerprint(kind: str, *, db_path: Path, year: int, pemda_id: Optional[str] = None,
                      agencies: Sequence[str] = (), trend_agency: Optional[str] = None,
                      trend_indicator: Optional[str] = None, triwulan: Optional[int] = None,
                      copy: str = DEFAULT_COPY, pdf: bool = False,
                      docx: bool = False) -> Fingerprint:
    """The fingerprint of a store report (compare, summary or monitor): the input hash of every
    agency of the selection as the store holds it, the selection (and quarter), the copy and
    documents asked for, and the chapters and library."""
    # the store's readers (DuckDB, pandas) only when a store report is asked for
    from sakip import crossagency as cx
    from sakip.store.database import open_store  # (see above)

    label = pemda_id or cx.COMPARISON_LABEL
    selection = cx.Selection(label=label, pemda_id=pemda_id, agencies=tuple(agencies),
                             trend_agency=trend_agency, trend_indicator=trend_indicator)
    con = open_store(Path(db_path).resolve(), read_only=True)
    try:
        selected = cx.CrossAgency(con, year, selection, str(db_path)).selected
        stale = cx.stale_agencies(selected)
        if stale:  # never "unchanged": rendering says the store must be ingested again
            raise ValueError(_("the store is out of date: {agencies}").format(
                agencies="; ".join(stale)))
        inputs = sorted(zip(selected["agency_id"], selected["input_hash"]))
    finally:
        con.close()
    return Fingerprint({
        "inputs": _sha(_json(inputs)),
        "params": _sha(_json({"kind": kind, "year": year, "selection": selection.to_json(),
                              "triwulan": triwulan,
                              "documents": {"copy": copy, "pdf": pdf, "docx": docx}})),
        "chapters": chapters_hash(chapters_for(kind)),
        "library": library_hash(),
    })


def read_stored(folder: Path) -> Optional[Fingerprint]:
    """The fingerprint stored in a report folder, if there is a readable one."""
    try:
        data = json.loads((folder / FINGERPRINT_FILE).read_text(encoding="utf-8"))
        parts = data["parts"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return Fingerprint({k: str(v) for k, v in parts.items()}) if isinstance(parts, dict) else None


def write_stored(folder: Path, fingerprint: Fingerprint) -> None:
    """Store ``fingerprint`` beside a report just published (written to a temporary file first,
    so a reader never sees half of it)."""
    path = folder / FINGERPRINT_FILE
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(fingerprint.to_json(), indent=2, sort_keys=True) + "\n",
                   encoding="utf-8")
    tmp.replace(path)


def is_unchanged(folder: Path, page: Path, fingerprint: Fingerprint) -> bool:
    """True when the report in ``folder`` was made from exactly this and its page is there."""
    stored = read_stored(folder)
    return stored is not None and stored.key == fingerprint.key and page.is_file()
