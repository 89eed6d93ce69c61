"""Lampiran Audit Data: the contradictions the consistency audit finds in the report's inputs."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

from sakip.analysis.context import ReportContext
from sakip.audit import CODES, SEVERITIES, AuditConfig, run_audit
from sakip.components import html as p
from sakip.compute.formatting import fmt_int

SEVERITY_LABELS = {"error": "Kesalahan", "warning": "Peringatan", "info": "Informasi"}
CODE_LABELS = {
    "budget_rollup": "Jumlah anggaran tidak sama dengan rinciannya",
    "pk_budget_mismatch": "Anggaran di PK berbeda dari tabel anggaran",
    "pk_total": "Total anggaran PK tidak sama dengan rinciannya",
    "formula_mismatch": "Realisasi berbeda dari hasil rumus",
    "national_standard_mismatch": "Standar nasional berbeda dari data nasional",
    "printed_mismatch": "Angka tercetak berbeda dari hasil hitung",
    "table_total": "Baris total tabel tidak sama dengan jumlah rinciannya",
    "cumulative_decrease": "Deret kumulatif menurun",
    "quarter_exceeds_year": "Realisasi triwulan melebihi realisasi tahunan",
    "share_above_100": "Persentase bagian di atas 100%",
    "capaian_implausible": "Capaian tidak wajar (target kemungkinan salah)",
    "unit_mismatch": "Satuan tidak cocok dengan nilainya",
    "target_inconsistent": "Target berbeda antardokumen",
}


def findings_for(ctx: ReportContext):
    config = AuditConfig(max_capaian=Decimal(str(ctx.options.max_capaian)))
    return [f for f in run_audit(ctx.agency, config) if f.year is None or f.year <= ctx.year]


def audit_data(ctx: ReportContext) -> str:
    findings = findings_for(ctx)
    out = p.heading("Audit Data: Pemeriksaan Konsistensi Angka", 2, anchor="audit-data")
    out += p.paragraph(
        f"Lampiran ini memuat hasil pemeriksaan otomatis atas {fmt_int(len(CODES))} jenis konsistensi "
        "data masukan laporan: jumlah anggaran terhadap rinciannya, angka Perjanjian Kinerja terhadap "
        "tabel anggaran, realisasi terhadap rumus dan komponennya, angka yang tercetak pada laporan "
        "sebelumnya terhadap hasil hitung, total tabel, deret triwulan, nilai yang tidak wajar, dan "
        "target yang berbeda antardokumen. Temuan tidak mengubah angka laporan; analis memeriksa dan "
        "membetulkan sumbernya.")
    if not findings:
        return out + p.note(f"Tidak ada temuan untuk data Tahun {ctx.year}.")
    by = Counter((f.code, f.severity) for f in findings)
    summary = []
    for code in CODES:
        counts = {s: by[(code, s)] for s in SEVERITIES}
        if sum(counts.values()):
            summary.append({"jenis": CODE_LABELS.get(code, code), "kode": code,
                            **{s: fmt_int(counts[s]) for s in SEVERITIES},
                            "total": fmt_int(sum(counts.values()))})
    totals = Counter(f.severity for f in findings)
    summary.append({"jenis": "Jumlah", "kode": "", **{s: fmt_int(totals[s]) for s in SEVERITIES},
                    "total": fmt_int(len(findings))})
    out += p.paragraph(f"Ditemukan {fmt_int(len(findings))} temuan: {fmt_int(totals['error'])} kesalahan, "
                       f"{fmt_int(totals['warning'])} peringatan dan {fmt_int(totals['info'])} informasi.")
    out += p.figure("tabel", "Ringkasan Temuan Audit Data", p.table_html(summary, [
        p.Column("Jenis Temuan", "jenis"), p.Column("Kode", "kode"),
        *[p.Column(SEVERITY_LABELS[s], s, "right") for s in SEVERITIES], p.Column("Jumlah", "total", "right")],
        row_classes=[""] * (len(summary) - 1) + ["total"]))
    records = [{"no": fmt_int(i + 1), "tingkat": SEVERITY_LABELS[f.severity], "lokasi": f.location,
                "uraian": f"{p.esc(f.message)}<br><em>Saran:</em> {p.esc(f.suggestion)}",
                "harapan": f.expected, "tercatat": f.found}
               for i, f in enumerate(findings)]
    return out + p.figure("tabel", "Rincian Temuan Audit Data", p.table_html(records, [
        p.Column("No", "no", "center"), p.Column("Tingkat", "tingkat"), p.Column("Lokasi", "lokasi"),
        p.Column("Uraian dan Saran", "uraian", kind="html"), p.Column("Seharusnya", "harapan", "right"),
        p.Column("Tercatat", "tercatat", "right")]),
        source="sakip audit (lihat docs/AUDIT.md)")
