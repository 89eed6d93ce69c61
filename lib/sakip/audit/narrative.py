"""The analyst's text (``narrative/*.md``) against the numbers it talks about.

No SAKIP system reads the prose; a careful examiner does. Sentence by sentence:

* ``narrative_mismatch``: a number quoted for an indicator, a sasaran or the budget ("realisasi
  sebesar 95,13%", "capaian 184,62%", "target akhir Renstra sebesar 93,77%", "standar nasional
  sebesar 97,68%", "Rp. 6.643.861.122,-", "atau 89,70%") that is not the figure computed from the
  inputs, as shown with the decimals it is written with. The kind of a number is the first
  keyword between the previous number (or the indicator's name) and it; a number right after an
  indicator's name is its realisasi; a number without a keyword is not checked. When the number
  is another known figure of the same subject (the target quoted as the capaian, last year's
  realisasi), the message says so.
* ``narrative_claim``: a claim contradicted by the figures it describes: "≤ 100" / "kurang dari
  100" or "lebih dari 100" / "melebihi target" / "melampaui target" on the capaian, "sudah/belum
  mencapai target", "sudah mencapai target (standar) nasional" against the realisasi and the
  standard, "naik/meningkat/kenaikan" or "turun/menurun/penurunan" against the realisasi of the
  year before (each direction word belongs to the nearest "Tahun YYYY" before it), "N indikator"
  counts, and the kriteria ("predikat/kategori/kriteria Sangat Baik").
* ``narrative_reference``: "Tabel x.y" or "Grafik x.y" typed in the text. The report numbers its
  tables itself, in reading order; with the report's numbering (:func:`numbering_from_html`, the
  CLI's ``--report``) a reference is an error when the report has no such number, or when the
  table of that number is about something else (no content word of the sentence in its title);
  without it, every typed reference is a warning (it follows the source document's numbering).

The subject of a sentence is the indicator it names (the longest name found), else the
indicators of the narrative's sasaran, else every strategic indicator (sections of the whole
organisation). The year is the nearest "Tahun YYYY" before a number, else the latest year with a
realisasi. Location: the Markdown file and line (a workbook: the sheet row), so that the analyst
finds the sentence.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Optional

from sakip.audit._amounts import BudgetTree
from sakip.audit._common import Context, num, parse_perf, pct, rp, shown_equals
from sakip.audit.findings import Finding
from sakip.compute.budget import serapan
from sakip.compute.capaian import Capaian, sasaran_capaian
from sakip.compute.formatting import round_half_up
from sakip.compute.kriteria import scale_from_config
from sakip.compute.trend import Verdict, compare_national
from sakip.model.parsing import GradeValue, NumberValue, PerfValue
from sakip.model.rows import Indikator, Narrative

HUNDRED = Decimal(100)

_NUMBER = re.compile(
    r"(?<![\w.,/])(?P<rp>Rp\.?\s*)?(?P<n>\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)"
    r"(?P<tail>\s*%|,-)?(?![\w.,]*\d)")
_YEAR = re.compile(r"\b[Tt]ahun\s+(\d{4})\b")
_REFERENCE = re.compile(r"\b(Tabel|Grafik)\s*\.?\s*((?:[A-Z]{1,2}\.)?\d+(?:\.\d+)*)")
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+(?=[A-Z])")

#: Keywords that say what a number is, most specific first (searched before the number).
_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("standar_nasional", re.compile(r"(?:standar|target)\s*(?:/\s*standar)?\s+nasional", re.I)),
    ("target_akhir", re.compile(r"target\s+(?:capaian\s+)?akhir", re.I)),
    ("realisasi_anggaran", re.compile(r"realisasi\s+anggaran|anggaran\s+(?:yang\s+)?te?r?realisasi", re.I)),
    ("pagu", re.compile(r"\b(?:anggaran|pagu|apbd|dukungan dana)\b", re.I)),
    ("target", re.compile(r"\btarget\b", re.I)),
    ("realisasi", re.compile(r"\b(?:realisasi|terealisasi|teralisasi)\b", re.I)),
    ("capaian", re.compile(r"\b(?:capaian|ketercapaian)\b", re.I)),
)

_AT_MOST_100 = re.compile(r"(?:≤|<=|=<|kurang dari(?: atau sama dengan)?|di ?bawah)\s*100", re.I)
_ABOVE_100 = re.compile(r"(?:lebih dari|di ?atas|>)\s*100\s*%?|melebihi(?: dari)? target|"
                        r"melampaui target(?!\s+(?:capaian\s+)?akhir)", re.I)
_NOT_MET = re.compile(r"belum\s+(?:mencapai|memenuhi|tercapai)", re.I)
_MET_NATIONAL = re.compile(r"(?:sudah|telah)\s+(?:mencapai|memenuhi|melampaui)\s+(?:target|standar)"
                           r"\s*(?:/\s*standar)?\s+nasional", re.I)
_UP = re.compile(r"\b(?:naik|meningkat|kenaikan|peningkatan)\b", re.I)
_DOWN = re.compile(r"\b(?:turun|menurun|penurunan)\b", re.I)
_COUNT = re.compile(r"\b(\d+)\s*(?:\(\s*[A-Za-z ]+\))?\s*(indikator|sasaran)\b", re.I)
_KRITERIA_WORD = re.compile(r"\b(?:predikat|kategori|kriteria)\s+", re.I)


@dataclass(frozen=True)
class Sentence:
    """One sentence of the analyst's text with where it is."""

    text: str
    location: str
    narrative: Narrative
    line: Optional[int] = None


@dataclass
class _Subject:
    """What a sentence talks about."""

    indicators: list[Indikator]
    sasaran_id: Optional[str]
    named: bool  # the sentence names the indicator
    organisation: bool = False
    aliases: list[str] = field(default_factory=list)


# --- where the text is ----------------------------------------------------------------------


def _narrative_files(ctx: Context) -> list[Optional[Path]]:
    """The Markdown file of each narrative row (folder inputs: ``narrative/*.md`` sorted, the
    loader's order); None in a workbook."""
    rows = ctx.agency.rows("narrative")
    source = ctx.agency.source
    if source is None or not source.is_dir() or not (source / "narrative").is_dir():
        return [None] * len(rows)
    files = sorted(p for p in (source / "narrative").iterdir() if p.suffix.lower() == ".md")
    return list(files) if len(files) == len(rows) else [None] * len(rows)


def sentences(ctx: Context) -> list[Sentence]:
    """Every sentence of every narrative, with its file and line."""
    out: list[Sentence] = []
    files = _narrative_files(ctx)
    for row, path in zip(ctx.agency.rows("narrative"), files):
        raw = path.read_text(encoding="utf-8") if path is not None else None
        for piece in row.text.splitlines():
            piece = piece.strip()
            if not piece or piece.startswith("|"):
                continue
            for text in _SENTENCE_END.split(piece):
                text = text.strip()
                if not text:
                    continue
                line = None
                if raw is not None:
                    index = raw.find(text[:80])
                    line = raw.count("\n", 0, index) + 1 if index >= 0 else None
                if path is not None:
                    where = f"narrative/{path.name}" + (f" baris {line}" if line else "")
                else:
                    where = ctx.location("narrative", row)
                out.append(Sentence(text, where, row, line))
    return out


# --- the figures a sentence may talk about -----------------------------------------------


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


def narrative_year(ctx: Context) -> Optional[int]:
    """The year the analyst writes about: the latest year with an annual realisasi."""
    years = [r.year for r in ctx.agency.rows("realisasi") if r.period == "TAHUN"]
    return max(years) if years else None


def _strategic(ctx: Context) -> list[Indikator]:
    ids = {s.sasaran_id for s in ctx.agency.strategic_sasaran}
    return [i for i in ctx.agency.rows("indikator") if i.sasaran_id in ids]


def _subject(ctx: Context, sentence: Sentence) -> _Subject:
    text = _norm(sentence.text)
    named = [i for i in ctx.agency.rows("indikator") if len(i.name.split()) >= 3 and _norm(i.name) in text]
    if named:
        longest = max(len(i.name) for i in named)
        chosen = [i for i in named if len(i.name) == longest]
        return _Subject(chosen, chosen[0].sasaran_id, True, aliases=[i.name for i in named])
    sasaran_id = sentence.narrative.sasaran_id
    if sasaran_id:
        return _Subject(list(ctx.agency.indicators_of(sasaran_id)), sasaran_id, False)
    return _Subject(_strategic(ctx), None, False, organisation=True)


def _capaian(ctx: Context, indicator: Indikator, year: int, renstra: bool = False) -> Capaian:
    realisasi = ctx.agency.realisasi_value(indicator.indicator_id, year)
    if renstra:
        target: Optional[PerfValue] = parse_perf(indicator.target_akhir)
    else:
        row = ctx.target_row(indicator.indicator_id, year)
        target = row.parsed if row is not None else None
    return ctx.capaian(indicator, target, realisasi, year)


def _values(ctx: Context, subject: _Subject, kind: str, year: int) -> list[tuple[str, Decimal]]:
    """(what, value) the subject has for a kind of figure; several when the subject has several
    indicators (a sasaran's mean capaian is one of them)."""
    out: list[tuple[str, Decimal]] = []
    inds = subject.indicators
    if kind in ("pagu", "realisasi_anggaran", "serapan"):
        tree = BudgetTree(ctx.agency, year)
        lines = tree.sasaran_lines(subject.sasaran_id) if subject.sasaran_id else tree.programs
        pagu, real = tree.total(lines, "pagu"), tree.total(lines, "realisasi")
        value = {"pagu": pagu, "realisasi_anggaran": real, "serapan": serapan(pagu, real)}[kind]
        return [] if value is None else [(kind, value)]
    for ind in inds:
        if kind == "target":
            values = [t.parsed for t in ctx.agency.rows("targets")
                      if t.indicator_id == ind.indicator_id and t.year == year and t.period == "TAHUN"]
            out += [("target", v.value) for v in values if isinstance(v, NumberValue)]
        elif kind == "target_akhir":
            v = parse_perf(ind.target_akhir)
            if isinstance(v, NumberValue):
                out.append(("target akhir Renstra", v.value))
        elif kind == "realisasi":
            v = ctx.agency.realisasi_value(ind.indicator_id, year)
            if isinstance(v, NumberValue):
                out.append(("realisasi", v.value))
        elif kind == "standar_nasional":
            row = ctx.agency.national_standard(ind.indicator_id, year)
            if row is not None and isinstance(row.parsed, NumberValue):
                out.append(("standar nasional", row.parsed.value))
        elif kind in ("capaian", "capaian_renstra"):
            c = _capaian(ctx, ind, year, renstra=kind == "capaian_renstra")
            if c.value is not None:
                out.append(("capaian" if kind == "capaian" else "capaian terhadap target akhir Renstra",
                            c.value))
    if kind == "capaian" and len(inds) > 1:
        mean = sasaran_capaian([_capaian(ctx, i, year) for i in inds])
        if mean.value is not None:
            out.append(("rata-rata capaian", mean.value))
    return out


def _every_known(ctx: Context, subject: _Subject, year: int) -> list[tuple[str, Decimal]]:
    """Every figure of the subject, this year and the year before, to say what a wrong number is."""
    out: list[tuple[str, Decimal]] = []
    for y in (year, year - 1):
        for kind in ("target", "realisasi", "capaian", "target_akhir", "standar_nasional",
                     "capaian_renstra", "pagu", "realisasi_anggaran", "serapan"):
            suffix = "" if y == year else f" Tahun {y}"
            out += [(what + suffix, v) for what, v in _values(ctx, subject, kind, y)]
    return out


# --- numbers ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Quoted:
    """A number in a sentence: its text, value, kind and year."""

    text: str
    value: Decimal
    kind: Optional[str]
    year: int
    start: int


_NOT_A_KEYWORD = re.compile(r"indikator\s+(?:capaian\s+)?kinerja|capaian\s+kinerja\s+adalah", re.I)
_COMPOUND = re.compile(r"\b(realisasi|target)\s+capaian\b", re.I)
#: "melebihi target yaitu 6%": the number is not the target but what passed it.
_PASSED_TARGET = re.compile(r"\b(?:melebihi|melampaui|mencapai|memenuhi)(?:\s+dari)?\s+target\b"
                            r"(?!\s+(?:capaian\s+)?akhir)", re.I)


def _kind(segment: str, percent: bool, rupiah: bool, sentence: str) -> Optional[str]:
    """The kind of the number that ends ``segment``: the keyword nearest before it ("dari target
    yang ditetapkan terealisasi sebesar" is a realisasi); "realisasi capaian" is a realisasi,
    "target capaian akhir" a target akhir; "indikator capaian kinerja" names no kind."""
    segment = _COMPOUND.sub(lambda m: m.group(1), _NOT_A_KEYWORD.sub(" ", segment))
    segment = _PASSED_TARGET.sub(" ", segment)
    found = [(m.start(), m.end(), kind) for kind, pattern in _KINDS for m in pattern.finditer(segment)]
    # a keyword inside a longer one ("target" in "target akhir", "anggaran" in "realisasi
    # anggaran") is not a keyword of its own
    found = [f for f in found if not any(o[0] <= f[0] and f[1] <= o[1] and (o[1] - o[0]) > (f[1] - f[0])
                                         for o in found)]
    if not found:
        return None
    kind = max(found, key=lambda f: f[0])[2]
    if kind == "capaian" and re.search(r"akhir\s+renstra", sentence, re.I):
        kind = "capaian_renstra"
    if rupiah:
        return kind if kind in ("pagu", "realisasi_anggaran") else (
            "realisasi_anggaran" if kind == "realisasi" else None)
    if kind in ("pagu", "realisasi_anggaran"):
        return None
    return kind


def quoted_numbers(sentence: str, year: int, names: Sequence[str] = ()) -> list[Quoted]:
    """The numbers of a sentence with their kind (see the module docstring)."""
    out: list[Quoted] = []
    anchor = 0
    lowered = sentence.lower()
    name_ends = sorted(lowered.find(n.lower()) + len(n) for n in names if n.lower() in lowered)
    for match in _NUMBER.finditer(sentence):
        start = match.start()
        prefix = sentence[max(0, start - 16):start]
        if re.search(r"(?:\b[Tt]ahun|\b[Nn]omor|\bke-?|\b[Ss]asaran|\bTabel|\bGrafik|\b[Aa]ngkatan|"
                     r"\bTW|\b[Tt]riwulan|\b[Tt]ahap)\s*$", prefix):
            continue  # a year or a label, not a figure
        if re.search(r"(?:lebih dari|kurang dari|di ?atas|di ?bawah|≤|<=|>=|≥|<|>|sama dengan)\s*$", prefix):
            continue  # a threshold of a claim ("lebih dari 100%"), checked as a claim
        after = sentence[match.end():match.end() + 24].lower()
        if re.match(r"\s*(?:\([^)]*\)\s*)?(?:orang|unit|angkatan|kasus|perkara|lembaga|ikm|peserta|hari|"
                     r"sasaran|indikator|program|kegiatan|sub|tahun|bulan|dokumen|stel|kali|jam)", after):
            anchor = match.end()
            continue
        percent = (match.group("tail") or "").strip() == "%"
        rupiah = bool(match.group("rp")) or match.group("tail") == ",-"
        parsed = parse_perf(match.group("n"))
        if not isinstance(parsed, NumberValue):
            anchor = match.end()
            continue
        ends = [e for e in name_ends if anchor <= e <= start]
        begin = max([anchor, *ends])
        segment = sentence[begin:start]
        kind = _kind(segment, percent, rupiah, sentence)
        if kind is None and ends and not rupiah:
            # "Capaian indikator <name> Tahun 2024 sebesar 93,75%": the keyword before the name;
            # "<name> sebesar 95,13%" without one: the indicator's realisasi
            name_start = min(lowered.find(n.lower()) for n in names if n.lower() in lowered)
            window = sentence[max(anchor, name_start - 25):max(anchor, name_start)]
            kind = _kind(window, percent, rupiah, sentence) or "realisasi"
        if kind is None and rupiah is False and percent and re.search(r"\batau\s*(?:sebesar\s*)?$", segment):
            previous = out[-1] if out else None
            if previous is not None and previous.kind == "realisasi_anggaran":
                kind = "serapan"
        years = [(m.start(), int(m.group(1))) for m in _YEAR.finditer(sentence) if m.start() < start]
        out.append(Quoted(match.group(0).strip(), parsed.value, kind, years[-1][1] if years else year, start))
        anchor = match.end()
    return out


def _matches(shown: Decimal, computed: Decimal) -> bool:
    return shown_equals(shown, computed) or shown == computed


# --- the checks ------------------------------------------------------------------------------


def check_narrative(ctx: Context, numbering: Optional[Mapping[str, str]] = None) -> list[Finding]:
    """Every contradiction between the analyst's text and the figures (module docstring);
    ``numbering`` (label -> title of the rendered report) defaults to the configuration's."""
    return [finding for _sentence, finding in sentence_findings(ctx, numbering)]


def sentence_findings(ctx: Context, numbering: Optional[Mapping[str, str]] = None
                      ) -> list[tuple[Sentence, Finding]]:
    """The findings with the sentence each is about (to mark it in place in a report)."""
    numbering = numbering if numbering is not None else ctx.config.numbering
    year = narrative_year(ctx)
    out: list[tuple[Sentence, Finding]] = []
    for sentence in sentences(ctx):
        found = _references(ctx, sentence, numbering)
        if year is not None:
            subject = _subject(ctx, sentence)
            found += _numbers(ctx, sentence, subject, year) + _claims(ctx, sentence, subject, year)
        out += [(sentence, f) for f in found]
    return out


def _numbers(ctx: Context, sentence: Sentence, subject: _Subject, year: int) -> list[Finding]:
    out: list[Finding] = []
    if not subject.indicators and subject.sasaran_id is None and not subject.organisation:
        return out
    for q in quoted_numbers(sentence.text, year, subject.aliases):
        if q.kind is None:
            continue
        if q.kind not in ("pagu", "realisasi_anggaran", "serapan") and not subject.named \
                and len(subject.indicators) != 1 and not (q.kind == "capaian" and subject.sasaran_id):
            continue  # an organisation-wide number needs an indicator to belong to
        expected = _values(ctx, subject, q.kind, q.year)
        if not expected or any(_matches(q.value, v) for _what, v in expected):
            continue
        other = [what for what, v in _every_known(ctx, subject, q.year) if _matches(q.value, v)]
        label = _KIND_LABELS[q.kind]
        shown = _fmt(expected[0][1], q.kind)
        note = f" Angka {q.text} adalah {other[0]}." if other else ""
        # the realisasi of the same year called "capaian" is a wording slip, not a wrong figure
        slip = q.kind == "capaian" and bool(other) and other[0] == "realisasi"
        out.append(ctx.finding(
            "narrative_mismatch", "warning" if slip else "error", sentence.location, expected=shown, found=q.text,
            ref=_ref(subject), year=q.year,
            message=(f"Teks analis menyebut {label} {_about(subject)} Tahun {q.year} {q.text}, "
                     f"padahal dari data masukan {shown}.{note} Kalimat: \"{_short(sentence.text)}\""),
            suggestion=("Betulkan angka di teks (laporan menampilkan angka hasil hitung di tabel dan "
                        "kalimat yang dihasilkan), atau betulkan data masukannya bila teks yang benar.")))
    return out


_KIND_LABELS = {"target": "target", "target_akhir": "target akhir Renstra", "realisasi": "realisasi",
                "capaian": "capaian", "capaian_renstra": "capaian terhadap target akhir Renstra",
                "standar_nasional": "standar nasional", "pagu": "anggaran",
                "realisasi_anggaran": "realisasi anggaran", "serapan": "serapan anggaran"}


def _fmt(value: Decimal, kind: str) -> str:
    if kind in ("pagu", "realisasi_anggaran"):
        return rp(value)
    if kind in ("capaian", "capaian_renstra", "serapan"):
        return pct(value)
    return num(value)


def _about(subject: _Subject) -> str:
    if subject.named or len(subject.indicators) == 1:
        return f"\"{subject.indicators[0].name}\""
    if subject.sasaran_id:
        return f"sasaran {subject.sasaran_id}"
    return "perangkat daerah"


def _ref(subject: _Subject) -> Optional[str]:
    if subject.named or len(subject.indicators) == 1:
        return subject.indicators[0].indicator_id
    return subject.sasaran_id


def _short(text: str, limit: int = 220) -> str:
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def _claim(ctx: Context, sentence: Sentence, subject: _Subject, year: int, expected: str,
           found: str, why: str) -> Finding:
    return ctx.finding(
        "narrative_claim", "error", sentence.location, expected=expected, found=found,
        ref=_ref(subject), year=year,
        message=f"Teks analis menyatakan \"{found}\", padahal {why} Kalimat: \"{_short(sentence.text)}\"",
        suggestion=("Sesuaikan kalimat dengan angka (laporan memuat kalimat yang dihasilkan dari "
                    "angka), atau periksa data masukannya."))


def _capaian_list(ctx: Context, subject: _Subject, year: int) -> list[tuple[Indikator, Decimal]]:
    out = []
    for ind in subject.indicators:
        c = _capaian(ctx, ind, year)
        if c.value is not None:
            out.append((ind, round_half_up(c.value)))
    return out


def _claims(ctx: Context, sentence: Sentence, subject: _Subject, year: int) -> list[Finding]:
    out: list[Finding] = []
    text = sentence.text
    stripped = text
    for name in subject.aliases:
        stripped = re.sub(re.escape(name), " ", stripped, flags=re.I)
    years = [int(y) for y in _YEAR.findall(text)]
    at = years[-1] if years and max(years) <= year else year
    values = _capaian_list(ctx, subject, at)
    about_capaian = re.search(r"capaian|ketercapaian|target", stripped, re.I)
    if values and about_capaian:
        listing = _and([pct(v) for _i, v in values])
        mean = sasaran_capaian([Capaian(v, True, None, "x") for _i, v in values]).value
        mean_text = f"; rata-rata {pct(mean)}" if len(values) > 1 and mean is not None else ""
        match = _AT_MOST_100.search(stripped)
        if match and any(v > HUNDRED for _i, v in values):
            above = [v for _i, v in values if v > HUNDRED]
            out.append(_claim(ctx, sentence, subject, at, f"capaian {listing}", match.group(0).strip(),
                              f"{len(above)} dari {len(values)} indikator capaiannya di atas 100% "
                              f"({listing}{mean_text})."))
        match = _ABOVE_100.search(stripped)
        if match and not _MET_NATIONAL.search(stripped) and not re.search(r"nasional", match.group(0), re.I):
            target_scope = values if subject.named or subject.sasaran_id else values
            if target_scope and all(v <= HUNDRED for _i, v in target_scope):
                out.append(_claim(ctx, sentence, subject, at, f"capaian {listing}", match.group(0).strip(),
                                  f"capaiannya tidak di atas 100% ({listing}{mean_text})."))
        match = _NOT_MET.search(stripped)
        if match and "nasional" not in stripped[match.start():match.start() + 40].lower() \
                and values and all(v >= HUNDRED for _i, v in values):
            out.append(_claim(ctx, sentence, subject, at, f"capaian {listing}", match.group(0),
                              f"target sudah tercapai ({listing})."))
    match = _MET_NATIONAL.search(stripped)
    if match:
        for ind in subject.indicators:
            realisasi = ctx.agency.realisasi_value(ind.indicator_id, at)
            row = ctx.agency.national_standard(ind.indicator_id, at)
            standard = row.parsed if row is not None else None
            verdict = compare_national(realisasi, standard, ind.polarity)
            if verdict is Verdict.DI_BAWAH:
                out.append(_claim(
                    ctx, sentence, subject, at, "di bawah standar nasional", match.group(0),
                    f"realisasi \"{ind.name}\" {_perf(realisasi)} di bawah standar nasional "
                    f"{_perf(standard)}."))
    out += _directions(ctx, sentence, subject, stripped, year)
    out += _counts(ctx, sentence, subject, year)
    out += _kriteria(ctx, sentence, subject, stripped, at)
    return out


def _and(items: Sequence[str]) -> str:
    """"a", "a dan b", "a, b dan c"."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " dan " + items[-1]


def _perf(value: Optional[PerfValue]) -> str:
    if isinstance(value, NumberValue):
        return num(value.value, 4, typed=True)
    if isinstance(value, GradeValue):
        return value.grade
    return "-"


def _directions(ctx: Context, sentence: Sentence, subject: _Subject, stripped: str,
                year: int) -> list[Finding]:
    """"naik"/"turun" words against the realisasi of the year they follow and the year before;
    only in sentences that name the indicator (a rise of a component is not the indicator's)."""
    if not subject.named or len(subject.indicators) != 1:
        return []
    ind = subject.indicators[0]
    out: list[Finding] = []
    year_marks = [(m.start(), int(m.group(1))) for m in _YEAR.finditer(stripped)]
    for pattern, word in ((_UP, "naik"), (_DOWN, "turun")):
        for match in pattern.finditer(stripped):
            follow = stripped[match.end():match.end() + 40]
            if not re.match(r"\s*(?:sebesar\s*)?(?:\d|dari\s+(?:capaian|realisasi)|di\s+tahun\s+sebelum|"
                            r"dibanding|dari\s+tahun)", follow, re.I):
                continue  # the word does not govern the indicator's value
            before = [y for pos, y in year_marks if pos < match.start()]
            after = [y for pos, y in year_marks if pos > match.start()]
            at = before[-1] if before else (after[-1] if after else year)
            if at > year:
                continue
            previous = ctx.agency.realisasi_value(ind.indicator_id, at - 1)
            current = ctx.agency.realisasi_value(ind.indicator_id, at)
            if not isinstance(previous, NumberValue) or not isinstance(current, NumberValue):
                continue
            delta = round_half_up(current.value) - round_half_up(previous.value)
            actual = "naik" if delta > 0 else "turun" if delta < 0 else "tetap"
            if actual == word:
                continue
            out.append(_claim(ctx, sentence, subject, at, actual, match.group(0),
                              f"realisasi \"{ind.name}\" {actual} dari {_perf(previous)} (Tahun {at - 1}) "
                              f"menjadi {_perf(current)} (Tahun {at})."))
    return out


def _counts(ctx: Context, sentence: Sentence, subject: _Subject, year: int) -> list[Finding]:
    out: list[Finding] = []
    for match in _COUNT.finditer(sentence.text):
        n, noun = int(match.group(1)), match.group(2).lower()
        rest = sentence.text[match.end():match.end() + 60].lower()
        if noun == "indikator":
            if subject.named:
                continue
            values = _capaian_list(ctx, subject, year)
            if re.match(r"\s*(?:sasaran\s+)?(?:telah\s+|sudah\s+)?(?:melebihi|melampaui)", rest):
                actual, what = sum(1 for _i, v in values if v > HUNDRED), "indikator di atas target"
            elif re.match(r"\s*(?:sasaran\s+)?(?:telah\s+|sudah\s+)?sesuai", rest):
                actual, what = sum(1 for _i, v in values if v == HUNDRED), "indikator sesuai target"
            elif re.match(r"\s*(?:sasaran\s+)?belum", rest):
                actual, what = sum(1 for _i, v in values if v < HUNDRED), "indikator di bawah target"
            else:
                actual, what = len(subject.indicators), "indikator"
        elif subject.organisation:
            actual, what = len(ctx.agency.strategic_sasaran), "sasaran strategis"
        else:
            continue
        if n != actual:
            out.append(_claim(ctx, sentence, subject, year, f"{actual} {what}", match.group(0),
                              f"data masukan memuat {actual} {what}."))
    return out


def _kriteria(ctx: Context, sentence: Sentence, subject: _Subject, stripped: str, year: int) -> list[Finding]:
    scale = scale_from_config(ctx.config.kriteria).with_max(ctx.config.max_capaian)
    lowered = stripped.lower()
    for match in _KRITERIA_WORD.finditer(stripped):
        tail = lowered[match.end():]
        label = next((lab for lab in sorted(scale.labels, key=len, reverse=True)
                      if tail.startswith(lab.lower())), None)
        if label is None:
            continue
        values = _capaian_list(ctx, subject, year)
        if not values:
            return []
        if subject.organisation or (subject.sasaran_id and not subject.named and len(values) > 1):
            labels = {scale.classify(v) for _i, v in values}
            if labels != {label} and label not in labels:
                return [_claim(ctx, sentence, subject, year, ", ".join(sorted(labels)),
                               stripped[match.start():match.end() + len(label)],
                               f"kriteria indikatornya {', '.join(sorted(labels))}.")]
            continue
        actual = scale.classify(values[0][1] if len(values) == 1 else
                                sasaran_capaian([Capaian(v, True, None, "x") for _i, v in values]).value)
        if actual != label:
            return [_claim(ctx, sentence, subject, year, actual,
                           stripped[match.start():match.end() + len(label)],
                           f"capaian {pct(values[0][1])} berkriteria {actual}.")]
    return []


# --- table and chart references ---------------------------------------------------------------

_STOP = {"dan", "yang", "di", "ke", "dari", "untuk", "dengan", "pada", "tahun", "tabel", "grafik",
         "atas", "berikut", "ini", "adalah", "atau", "dalam", "sebagai", "oleh", "the"}


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]{4,}", text.lower()) if w not in _STOP}


def numbering_from_html(page: str) -> dict[str, str]:
    """The report's numbered tables and charts (label -> title) from its rendered HTML page."""
    found = re.findall(r'<span class="label">((?:Tabel|Grafik) [^<]+)</span>\s*([^<]*)</figcaption>', page)
    return {label.strip(): html.unescape(title).strip() for label, title in found}


def _references(ctx: Context, sentence: Sentence, numbering: Optional[Mapping[str, str]]) -> list[Finding]:
    out: list[Finding] = []
    for match in _REFERENCE.finditer(sentence.text):
        label = f"{match.group(1)} {match.group(2)}"
        context = _words(sentence.text.replace(match.group(0), " "))
        if numbering is None:
            out.append(ctx.finding(
                "narrative_reference", "warning", sentence.location, expected="rujukan tanpa nomor",
                found=label,
                message=(f"Teks analis merujuk \"{label}\", nomor menurut dokumen sumber; laporan ini "
                         f"menomori tabel dan grafik sendiri menurut urutan tampil, sehingga nomor itu "
                         f"dapat menunjuk tabel lain. Kalimat: \"{_short(sentence.text)}\""),
                suggestion=("Tulis \"tabel di atas\"/\"tabel berikut\" atau periksa nomor pada laporan "
                            "yang dihasilkan (sakip audit --report).")))
            continue
        title = numbering.get(label)
        if title is not None and (not context or context & _words(title)):
            continue
        ids = [s.sasaran_id for s in ctx.agency.strategic_sasaran]
        own = (f"sasaran {ids.index(sentence.narrative.sasaran_id) + 1} "
               if sentence.narrative.sasaran_id in ids else None)
        best = max(numbering.items(), key=lambda kv: (len(context & _words(kv[1])),
                                                      bool(own and own in kv[1].lower() + " ")),
                   default=None)
        hint = ""
        if best is not None and context & _words(best[1]) and best[0].split()[0] == match.group(1):
            hint = f" Yang dimaksud barangkali {best[0]} \"{best[1]}\"."
        why = (f"laporan ini tidak memiliki {label}" if title is None
               else f"{label} pada laporan ini adalah \"{title}\", bukan yang dibicarakan kalimat ini")
        out.append(ctx.finding(
            "narrative_reference", "error", sentence.location, expected=best[0] if hint and best else "-",
            found=label,
            message=f"Teks analis merujuk \"{label}\", padahal {why}.{hint} Kalimat: \"{_short(sentence.text)}\"",
            suggestion="Betulkan nomornya sesuai laporan ini atau tulis \"tabel di atas\"."))
    return out


def marks(agency, config) -> list[tuple[Narrative, str, str]]:
    """(narrative row, sentence, message) of every finding on the analyst's text, for a report
    that marks the contradicted sentence in place."""
    ctx = Context(agency, config)
    return [(s.narrative, s.text, f.message.split(" Kalimat: ")[0])
            for s, f in sentence_findings(ctx)]


__all__ = ["Quoted", "Sentence", "check_narrative", "marks", "narrative_year", "numbering_from_html",
           "quoted_numbers", "sentence_findings", "sentences"]
