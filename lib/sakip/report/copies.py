"""The official copy (salinan resmi) and the working copy (salinan kerja) of a report.

The **official copy** is the document that is signed and published: no Audit Data appendix (the
chapter ``audit``), no notes meant for whoever prepares the report (callouts of tone
``review``, the audit's marks on contradicted sentences of the analyst's text), no file paths
and no developer references. The **working copy** keeps all of them
and says on its cover and on every page that it is not the signed document. The HTML, PDF and
Word files of one copy are made from the same blocks, so they have the same content.

The provenance (software version, fingerprint of the inputs, time) is stated in a colophon at
the end of both copies; the working copy also names the input folder.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any, Optional, Sequence

from sakip.components.elements import Narrative
from sakip.report.assemble import Block, RenderedChapter, markdown_html
from sakip.report.docinfo import KERJA, WORKING_ONLY_CHAPTERS, check_copy

#: Callout tone of a note for the preparer (sakip.components.kata_pengantar.REVIEW).
REVIEW_TONE = "review"

# A pointer to the project's developer documentation in generated text, e.g. "(lihat
# docs/FORMULAS.md)": the official copy leaves it out.
_DEV_REFERENCE = re.compile(r"\s*\((?:(?:lihat|see)\s+)?docs/[^)]*\)")
# A pointer to the Audit Data appendix, which the official copy does not carry: a clause after a
# semicolon ("...; selisihnya dicatat di Audit Data.") or a whole sentence ("Lihat lampiran Audit
# Data.") is left out.
_AUDIT_CLAUSE = re.compile(r";[^;.!?]*\bAudit Data\b[^;.!?]*")
_AUDIT_SENTENCE = re.compile(r"(?:^|(?<=[.!?:]\s))[^.!?]*\bAudit Data\b[^.!?]*[.!?]?\s*")
_TEXT_NODE = re.compile(r">([^<]+)<")
# A paragraph of a notebook's prose that names the code (`sakip.analysis`) is a note for whoever
# edits the notebook, not report text (docs/CHAPTERS.md tags such notes ``catatan-penyunting``).
_DEV_NOTE = re.compile(r"`sakip\.[\w.]+`")


def _official_text(text: str) -> str:
    text = _DEV_REFERENCE.sub("", text)
    if "Audit Data" in text:
        text = _AUDIT_SENTENCE.sub("", _AUDIT_CLAUSE.sub("", text)).rstrip()
    return text


def _official_html(fragment: str) -> str:
    """The same rules applied to the text between the tags only, never to markup."""
    return _TEXT_NODE.sub(lambda m: ">" + _official_text(m.group(1)) + "<", fragment)


def _scrub(value: Any) -> Any:
    if isinstance(value, str):
        return _official_text(value)
    if isinstance(value, list):
        return [_scrub(v) for v in value]
    if isinstance(value, dict):
        return {k: (v if k == "png" else _scrub(v)) for k, v in value.items()}
    return value


def _without_dev_notes(block: Block) -> Optional[Block]:
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
            if block.kind == "narrative" and block.data.get("marks"):
                # the audit's marks on the analyst's text are for the preparer (working copy)
                data = {k: v for k, v in block.data.items() if k != "marks"}
                block = Block("narrative", Narrative(str(data["markdown"])).to_html(), data)
            if block.kind == "markdown" and _DEV_NOTE.search(block.data.get("markdown", "")):
                kept = _without_dev_notes(block)
                if kept is None:
                    continue
                block = kept
            blocks.append(Block(block.kind, _official_html(block.html), _scrub(block.data)))
        out.append(replace(chapter, blocks=blocks))
    return out


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
