"""The LKjIP lampiran and the audit appendix: the figures of sakip.analysis.lampiran, then the
elements the components make of them, on Payakumbuh 2024 and on small made-up findings."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from types import SimpleNamespace

import pytest

from sakip.analysis import lampiran as la
from sakip.analysis.context import ReportContext, open_context
from sakip.audit import CODES, SEVERITIES
from sakip.components import audit_appendix, lampiran
from sakip.components.elements import BulletList, Callout, Heading, Paragraphs, Table, cell_text
from sakip.inputs import load_agency
from support import ROOT

PYK = "payakumbuh-disnakerperin"


@pytest.fixture(scope="module")
def pyk():
    return load_agency(ROOT / "data" / PYK)


@pytest.fixture()
def ctx():
    return open_context(PYK, 2024, str(ROOT / "data" / PYK), "{}")


def _texts(table: Table) -> list[list[str]]:
    return [[cell_text(c) for c in row] for row in table.rows]


# --- sakip.analysis.lampiran --------------------------------------------------------------------


def test_unit_pks_follow_the_cascade_order_with_their_superior(pyk):
    pks = la.unit_pks(pyk, 2024)
    assert [pk.unit.unit_id for pk in pks][:3] == ["kadis", "sekretaris", "kasubag_umum"]
    assert [pk.depth for pk in pks][:3] == [0, 1, 2]
    head, secretary = pks[0], pks[1]
    assert (head.superior_name, head.superior_position) == ("Ir. SUPRAYITNO, MA", "Pj. Wali Kota Payakumbuh")
    assert (secretary.superior_name, secretary.superior_position) == (
        "YUNIDA FATWA, S.Sos, M.Si", "Kepala Dinas Tenaga Kerja dan Perindustrian")


def test_the_head_signs_the_strategic_sasaran_with_pk_targets(pyk):
    head = la.unit_pks(pyk, 2024)[0]
    assert [t.indicator.name for t in head.targets][:2] == [
        "Persentase Penyerapan Tenaga Kerja", "Persentase Peningkatan Nilai Produksi"]
    assert head.targets[0].target.value == Decimal("93.75")
    assert any(b.is_total for b in head.budget)  # the printed TOTAL row is kept
    assert head.inovasi == ("Cinta Kessing (Ciptakan Tenaga Kerja Siap Saing)",
                            "Klinik Anisa (Klinik Analisis Usaha)", "Marandang Day")


def test_a_unit_without_pk_budget_or_inovasi(pyk):
    umum = next(pk for pk in la.unit_pks(pyk, 2024) if pk.unit.unit_id == "kasubag_umum")
    assert len(umum.targets) == 8 and umum.budget == () and umum.inovasi == ()


def test_superior_position_defaults_to_kepala_daerah(pyk):
    profile = pyk.profile.model_copy(update={"superior_name": None, "superior_position": None})
    head = la.unit_pks(dataclasses.replace(pyk, profile=profile, _index={}), 2024)[0]
    assert (head.superior_name, head.superior_position) == (None, la.DEFAULT_SUPERIOR_POSITION)


def test_rkt_targets_and_iku_rows(pyk):
    rkt = la.rkt_targets(pyk, 2024)
    assert [t.indicator.indicator_id for t in rkt] == [i.indicator_id for s in pyk.strategic_sasaran
                                                      for i in pyk.indicators_of(s.sasaran_id)]
    rows = la.iku_rows(pyk)
    assert len(rows) == len(pyk.iku) and all(s is not None for _, s in rows)


def test_units_below_head():
    assert la.units_below_head([object()] * 9) == 8
    assert la.units_below_head([]) == 0


def _finding(code: str, severity: str, year=None):
    return SimpleNamespace(code=code, severity=severity, year=year)


def test_findings_up_to_keeps_undated_and_earlier_years():
    findings = [_finding("pk_total", "error", 2023), _finding("pk_total", "error", 2025),
                _finding("pk_total", "error", None), _finding("pk_total", "error", 2024)]
    assert [f.year for f in la.findings_up_to(findings, 2024)] == [2023, None, 2024]


def test_finding_counts_by_code_and_severity_in_canonical_order():
    findings = [_finding("printed_mismatch", "warning"), _finding("pk_total", "error"),
                _finding("printed_mismatch", "error"), _finding("printed_mismatch", "error")]
    counts = la.finding_counts(findings, CODES, SEVERITIES)
    assert [(c.code, c.by_severity, c.total) for c in counts.codes] == [
        ("pk_total", (1, 0, 0), 1), ("printed_mismatch", (2, 1, 0), 3)]
    assert counts.by_severity == (3, 1, 0) and counts.total == 4
    assert (counts.of("error"), counts.of("warning"), counts.of("info")) == (3, 1, 0)
    empty = la.finding_counts([], CODES, SEVERITIES)
    assert empty.codes == () and empty.total == 0 and empty.of("info") == 0


# --- the lampiran elements --------------------------------------------------------------------------


def test_pk_elements_of_the_head(ctx):
    head = lampiran.unit_pks(ctx)[0]
    assert lampiran.pk_heading(head) == Heading("PK Kepala Dinas Tenaga Kerja dan Perindustrian", 3)
    parties = lampiran.pk_parties(head)
    assert parties.texts == (
        "Pihak pertama: YUNIDA FATWA, S.Sos, M.Si (NIP 19670601 198809 2 001), Kepala Dinas Tenaga "
        "Kerja dan Perindustrian. Pihak kedua (atasan langsung): Ir. SUPRAYITNO, MA (Pj. Wali Kota "
        "Payakumbuh).",)
    targets = lampiran.pk_targets(ctx, head)
    assert targets.title == "Perjanjian Kinerja Kepala Dinas Tenaga Kerja dan Perindustrian Tahun 2024"
    assert _texts(targets)[0] == ["Meningkatnya Serapan Tenaga Kerja", "Persentase Penyerapan Tenaga Kerja", "93,75%"]
    budget = lampiran.pk_budget(head)
    assert _texts(budget)[-1] == ["TOTAL", "6.643.861.122", "-"] and budget.row_classes[-1] == "total"
    assert lampiran.pk_inovasi(head) == BulletList(head.inovasi)


def test_pk_elements_absent_when_empty(ctx):
    umum = next(pk for pk in lampiran.unit_pks(ctx) if pk.unit.unit_id == "kasubag_umum")
    assert lampiran.pk_budget(umum) is None and lampiran.pk_inovasi(umum) is None
    assert lampiran.pk_targets(ctx, dataclasses.replace(umum, targets=())) is None
    assert lampiran.pk_missing(ctx) is None


def test_pk_missing_without_units(ctx):
    agency = dataclasses.replace(ctx.agency, tables={k: v for k, v in ctx.agency.tables.items() if k != "units"},
                                 _index={})
    empty = ReportContext(agency, 2024, ctx.options)
    assert lampiran.unit_pks(empty) == []
    # without units, the head's PK comes from the year's PK targets
    head = lampiran.head_pk(empty)
    assert head.title == "Perjanjian Kinerja Kepala Dinas Tenaga Kerja dan Perindustrian Tahun 2024"
    assert len(head.rows) == 3 and lampiran.pk_missing(empty) is None
    # and without PK targets either, one warning says what is missing
    bare = dataclasses.replace(agency, tables={k: v for k, v in agency.tables.items() if k != "targets"}, _index={})
    bare_ctx = ReportContext(bare, 2024, ctx.options)
    assert lampiran.head_pk(bare_ctx) is None
    assert lampiran.pk_missing(bare_ctx) == Callout("Data cascading Perjanjian Kinerja belum diisi.", "warning")


def test_rkt_iku_and_formulir(ctx):
    assert lampiran.year_heading(ctx, "Rencana Kinerja Tahunan (RKT)") == Heading(
        "Rencana Kinerja Tahunan (RKT) Tahun 2024", 2)
    assert _texts(lampiran.rkt_table(ctx))[2][-1] == "A"
    iku = lampiran.iku_table(ctx)
    assert iku.title == "Sasaran Strategis dan Indikator Kinerja Utama 2023-2026"
    assert _texts(iku)[2][-2:] == ["-", "-"]
    formulir = lampiran.formulir_table(ctx)
    assert _texts(formulir)[0] == ["Meningkatnya Serapan Tenaga Kerja", "Persentase Penyerapan Tenaga Kerja",
                                   "%", "93,75%", "95,13%", "101,47%", "Sangat Baik"]
    assert formulir.rows[0][-1]["badge"] == "Sangat Baik"
    assert lampiran.formulir_budget(ctx) == Paragraphs(
        "Jumlah anggaran kegiatan Tahun 2024: Rp 6.643.861.122; jumlah realisasi anggaran: Rp 5.959.374.081.")


# --- the audit appendix elements --------------------------------------------------------------------


def test_audit_elements_payakumbuh(ctx):
    assert audit_appendix.findings_count(ctx).texts == (
        f"Pemeriksaan atas {len(CODES)} jenis konsistensi menemukan 47 temuan: 19 kesalahan, "
        "13 peringatan dan 15 informasi.",)
    # the 15 informasi: agency and urusan totals printed under the unit code "kadis" (not computed)
    summary = audit_appendix.summary_table(ctx)
    assert _texts(summary)[-1] == ["Jumlah", "", "19", "13", "15", "47"]
    assert summary.row_classes[-1] == "total" and summary.row_classes.count("total") == 1
    detail = audit_appendix.detail_table(ctx)
    assert len(detail.rows) == 47 and _texts(detail)[0][:3] == ["1", "Kesalahan", "pk_budget.csv baris 6"]
    assert "<br><em>Saran:</em>" in detail.to_html()
    assert "Saran: Cocokkan angka PK" in _texts(detail)[0][3]


def test_audit_elements_without_findings(ctx):
    ctx._cache[("audit.findings",)] = []
    assert audit_appendix.findings_count(ctx) == Callout(
        f"Pemeriksaan atas {len(CODES)} jenis konsistensi tidak menemukan temuan untuk data Tahun 2024.")
    assert audit_appendix.summary_table(ctx) is None and audit_appendix.detail_table(ctx) is None


def test_every_audit_code_has_an_indonesian_label():
    from sakip.audit import CODES

    assert set(CODES) <= set(audit_appendix.CODE_LABELS), set(CODES) - set(audit_appendix.CODE_LABELS)
