"""Report parameters: one YAML file per agency-year in ``params/``, parsed through a typed model.

YAML 1.1 turns ``NO`` into False and ``010`` into 8, so the file is read with every scalar kept
as text and pydantic converts each field to its declared type.
"""

from __future__ import annotations

import datetime as _dt
import difflib
import json
from pathlib import Path
from typing import Any, Literal, Optional, Union

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from sakip.compute import defaults
from sakip.compute.kriteria import KriteriaError, scale_from_config
from sakip.i18n import _
from sakip.model.parsing import ID_PATTERN


class ParamsError(ValueError):
    """A params file that cannot be used; the message names the file and the field."""


class _TextLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """A YAML loader that keeps every scalar as the text that was written (libyaml's parser when
    PyYAML has it: a batch reads the profile of every agency before it starts, 6 ms each with
    the pure-Python parser)."""


def _as_text(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> str:
    return loader.construct_scalar(node)


for _tag in ("bool", "int", "float", "null", "timestamp"):
    _TextLoader.add_constructor(f"tag:yaml.org,2002:{_tag}", _as_text)


def load_yaml_text(path: Path) -> Any:
    with open(path, encoding="utf-8") as handle:
        return yaml.load(handle, Loader=_TextLoader)  # noqa: S506 - SafeLoader subclass


class ExtraChapterParams(BaseModel):
    """A chapter notebook the pemda adds to the report (docs/CHAPTERS.md)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(description="Identifier of the chapter (file name of its HTML page).")
    notebook: str = Field(description="The chapter notebook, relative to the project root.")
    prefix: str = Field(description="Numbering prefix of its sections, tables and charts ('5' gives 'Tabel 5.1').")
    after: Optional[str] = Field(None, description="Id of the chapter it follows (default: at the end).")

    @field_validator("id")
    @classmethod
    def _id(cls, value: str) -> str:
        if not ID_PATTERN.match(value):
            raise ValueError(_("'{value}' is not a valid chapter id (letters, digits, '.', '_', '-')").format(value=value))
        return value


class ReportParams(BaseModel):
    """What one report is made from and how; every field is documented in docs/PARAMS.md."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    agency_id: str = Field(description="Agency identifier (the folder or workbook under data/).")
    year: int = Field(ge=1990, le=2100, description="Report year.")
    data_path: str = Field(description="Agency input: a folder or an .xlsx workbook, relative to the project root.")
    report: Literal["lkjip", "pengukuran"] = Field("lkjip", description="Kind of report.")
    triwulan: Optional[int] = Field(None, ge=1, le=4, description="Pengukuran only: render up to this triwulan.")
    kriteria_scale: Union[str, dict] = Field(defaults.KRITERIA_SCALE, description="Named kriteria scale (sakip.compute.kriteria.SCALES) or custom bands.")
    sasaran_aggregation: Literal["mean", "min"] = Field(defaults.SASARAN_AGGREGATION, description="How a sasaran's capaian combines its indicators.")
    max_capaian: float = Field(int(defaults.MAX_CAPAIAN), gt=0, description="Capaian above this is flagged as implausible.")
    menunjang_threshold: float = Field(int(defaults.MENUNJANG_THRESHOLD), ge=0, description="A programme indicator at or above this capaian is 'menunjang'.")
    title: Optional[str] = Field(None, description="Override of the report title.")
    chapters_dir: Optional[str] = Field(None, description="Folder of chapter notebooks that replace the shipped ones of the same file name.")
    extra_chapters: tuple[ExtraChapterParams, ...] = Field((), description="Chapter notebooks added to the report.")
    tanggal_laporan: Optional[_dt.date] = Field(None, description="Date of the signature (YYYY-MM-DD), printed in full: 'Payakumbuh, 20 Januari 2025'.")
    docx_reference: Optional[str] = Field(None, description="Reference .docx (styles, letterhead, margins, fonts) of the Word document, relative to the project root.")

    @field_validator("agency_id")
    @classmethod
    def _agency_id(cls, value: str) -> str:
        if not ID_PATTERN.match(value):
            raise ValueError(_("'{value}' is not a valid agency id (letters, digits, '.', '_', '-')").format(value=value))
        return value

    @field_validator("kriteria_scale")
    @classmethod
    def _scale(cls, value: Union[str, dict]) -> Union[str, dict]:
        try:
            scale_from_config(value)
        except KriteriaError as exc:
            raise ValueError(str(exc)) from None
        return value

    def options_json(self) -> str:
        """The parameters as the single JSON string passed to every chapter notebook (the
        chapter layout is the renderer's business, not the chapters')."""
        data = self.model_dump(mode="json", exclude={"chapters_dir", "extra_chapters", "docx_reference"})
        return json.dumps(data, sort_keys=True, ensure_ascii=False)


def parse_params(data: Any, origin: str) -> ReportParams:
    if not isinstance(data, dict):
        raise ParamsError(_("{origin}: expected a mapping of parameters, found {kind}").format(
            origin=origin, kind=type(data).__name__))
    try:
        return ReportParams.model_validate(data)
    except ValidationError as exc:
        lines = []
        for err in exc.errors():
            field = ".".join(str(p) for p in err["loc"]) or "(file)"
            message = err["msg"].removeprefix("Value error, ")
            if err["type"] == "extra_forbidden":
                message = _("unknown parameter") + _did_you_mean(err["loc"])
            if err["type"] == "missing":
                message = _("missing required parameter")
            lines.append(f"{origin}: {field}: {message}")
        raise ParamsError("\n".join(lines)) from None


def _did_you_mean(loc: tuple) -> str:
    """``; did you mean 'year'?`` for a misspelt key (of the params or of an extra chapter)."""
    model: type[BaseModel] = ExtraChapterParams if loc and loc[0] == "extra_chapters" else ReportParams
    close = difflib.get_close_matches(str(loc[-1]), list(model.model_fields), n=1, cutoff=0.6)
    return _("; did you mean '{close}'?").format(close=close[0]) if close else ""


def load_params(path: Path) -> ReportParams:
    try:
        data = load_yaml_text(path)
    except yaml.YAMLError as exc:
        raise ParamsError(_("{path}: not valid YAML ({kind})").format(
            path=path, kind=exc.__class__.__name__)) from None
    return parse_params(data, str(path))


def find_params(params_dir: Path) -> list[tuple[Path, ReportParams]]:
    """Every params file, parsed; raises ParamsError listing every broken file."""
    found, problems = [], []
    for path in sorted(params_dir.glob("*.yaml")):
        try:
            found.append((path, load_params(path)))
        except ParamsError as exc:
            problems.append(str(exc))
    if problems:
        raise ParamsError("\n".join(problems))
    return found
