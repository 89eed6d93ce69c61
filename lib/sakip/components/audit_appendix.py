"""Lampiran Audit Data: the contradictions the consistency audit finds in the report's inputs,
counted by :func:`sakip.analysis.lampiran.finding_counts`. The fixed introduction is in the
notebook; each function returns one element."""

from __future__ import annotations

from decimal import Decimal
from typing import Optional

from sakip.analysis import lampiran as la
from sakip.analysis.report_context import ReportContext
from sakip.audit import CODES, SEVERITIES, AuditConfig, Finding, run_audit
from sakip.components import html as p
from sakip.components.elements import Callout, Paragraphs, Table
from sakip.compute.formatting import fmt_int
from sakip.compute.wording import counted

SEVERITY_LABELS = {"error": "Kesalahan", "warning": "Peringatan", "info": "Informasi"}
CODE_LABELS = {
    "budget_rollup": "Jumlah anggaran tidak sama dengan rinciannya",
    "pk_budget_mismatch": "Anggaran di PK berbeda dari tabel anggaran",
    "pk_total": "Total anggaran PK tidak sama dengan rinciannya",
    "formula_mismatch": "Realisasi berbeda dari hasil rumus",
    "national_standard_mismatch": "Standar nasional berbeda dari data nasional",
    "printed_mismatch": "Angka tercetak berbeda dari hasil hitung",
    "printed_uncomputable": "Angka tercetak tidak dapat dihitung dari data masukan",
    "table_total": "Baris total tabel tidak sama dengan jumlah rinciannya",
    "cumulative_decrease": "Deret kumulatif menurun",
    "quarter_exceeds_year": "Realisasi triwulan melebihi realisasi tahunan",
    "share_above_100": "Persentase bagian di atas 100%",
    "capaian_implausible": "Capaian tidak wajar (target kemungkinan salah)",
    "unit_mismatch": "Satuan tidak cocok dengan nilainya",
    "target_inconsistent": "Target berbeda antardokumen",
    "narrative_mismatch": "Angka di teks analis berbeda dari hasil hitung",
    "narrative_claim": "Pernyataan di teks analis bertentangan dengan angka",
    "narrative_reference": "Rujukan nomor tabel/grafik di teks analis",
}


def findings_for(ctx: ReportContext) -> list[Finding]:
    """The findings the report of ``ctx.year`` shows (the audit runs once per chapter); a
    pengukuran run up to a triwulan audits only the quarters it may read."""
    key = ("audit.findings",)
    if key not in ctx._cache:
        config = AuditConfig(max_capaian=Decimal(str(ctx.options.max_capaian)), kriteria=ctx.options.scale)
        agency = la.agency_up_to(ctx.agency, ctx.options.triwulan)
        ctx._cache[key] = la.findings_up_to(run_audit(agency, config), ctx.year)
    return ctx._cache[key]


def _counts(ctx: ReportContext) -> la.FindingCounts:
    return la.finding_counts(findings_for(ctx), CODES, SEVERITIES)


def findings_count(ctx: ReportContext) -> Paragraphs | Callout:
    """How many kinds of consistency were checked and how many findings of each severity."""
    counts = _counts(ctx)
    checked = f"Pemeriksaan atas {fmt_int(len(CODES))} jenis konsistensi"
    if not counts.total:
        return Callout(f"{checked} tidak menemukan temuan untuk data Tahun {ctx.year}.")
    return Paragraphs(f"{checked} menemukan {fmt_int(counts.total)} temuan: " + counted(
        [(counts.of("error"), "kesalahan"), (counts.of("warning"), "peringatan"),
         (counts.of("info"), "informasi")]) + ".")


def summary_table(ctx: ReportContext) -> Optional[Table]:
    """Findings per kind and severity, with a total row (None when there is no finding)."""
    counts = _counts(ctx)
    if not counts.total:
        return None
    records = [{"jenis": CODE_LABELS.get(c.code, c.code), "kode": c.code,
                **{s: fmt_int(n) for s, n in zip(SEVERITIES, c.by_severity)}, "total": fmt_int(c.total)}
               for c in counts.codes]
    records.append({"jenis": "Jumlah", "kode": "", **{s: fmt_int(n) for s, n in zip(SEVERITIES, counts.by_severity)},
                    "total": fmt_int(counts.total)})
    return Table.from_records("Ringkasan Temuan Audit Data", records, [
        p.Column("Jenis Temuan", "jenis"), p.Column("Kode", "kode"),
        *[p.Column(SEVERITY_LABELS[s], s, "right") for s in SEVERITIES], p.Column("Jumlah", "total", "right")],
        row_classes=[""] * len(counts.codes) + ["total"])


def detail_table(ctx: ReportContext) -> Optional[Table]:
    """Every finding: severity, where to look, what is wrong and what to do, expected and found
    (None when there is no finding)."""
    findings = findings_for(ctx)
    if not findings:
        return None
    records = [{"no": fmt_int(i), "tingkat": SEVERITY_LABELS[f.severity], "lokasi": f.location,
                "uraian": {"html": f"{p.esc(f.message)}<br><em>Saran:</em> {p.esc(f.suggestion)}",
                           "text": f"{f.message} Saran: {f.suggestion}"},
                "harapan": f.expected, "tercatat": f.found}
               for i, f in enumerate(findings, 1)]
    return Table.from_records("Rincian Temuan Audit Data", records, [
        p.Column("No", "no", "center"), p.Column("Tingkat", "tingkat"), p.Column("Lokasi", "lokasi"),
        p.Column("Uraian dan Saran", "uraian", kind="html"), p.Column("Seharusnya", "harapan", "right"),
        p.Column("Tercatat", "tercatat", "right")],
        source="Pemeriksaan konsistensi otomatis atas data masukan")
