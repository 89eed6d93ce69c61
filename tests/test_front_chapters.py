"""The components of the Ikhtisar Eksekutif, BAB I and BAB II: one element per call, the example
agencies' figures, and a note that says what is missing instead of an empty section."""

from __future__ import annotations

import pytest

from sakip.components import ikhtisar
from sakip.components import pendahuluan as bab1
from sakip.components import perencanaan as bab2
from sakip.components.elements import (
    MIME,
    BulletList,
    Callout,
    Chart,
    Element,
    Heading,
    KpiCards,
    Narrative,
    Table,
    cell_text,
)

#: Every component of the three chapters as the notebooks call it.
CALLS = {
    "ikhtisar.opening": ikhtisar.opening,
    "ikhtisar.key_figures": ikhtisar.key_figures,
    "ikhtisar.indicator_table": ikhtisar.indicator_table,
    "ikhtisar.improved": ikhtisar.improved,
    "ikhtisar.declined": ikhtisar.declined,
    "ikhtisar.short_of_target": ikhtisar.short_of_target,
    "ikhtisar.budget_absorption": ikhtisar.budget_absorption,
    "bab1.background": bab1.background,
    "bab1.staff_summary": bab1.staff_summary,
    "bab1.staff_table_pangkat": lambda ctx: bab1.staff_table(ctx, "pangkat"),
    "bab1.staff_chart_pangkat": lambda ctx: bab1.staff_chart(ctx, "pangkat"),
    "bab1.staff_table_pendidikan": lambda ctx: bab1.staff_table(ctx, "pendidikan"),
    "bab1.staff_chart_pendidikan": lambda ctx: bab1.staff_chart(ctx, "pendidikan"),
    "bab1.duties": bab1.duties,
    "bab1.structure_text": bab1.structure_text,
    "bab1.organisation_table": bab1.organisation_table,
    "bab1.facilities": bab1.facilities,
    "bab1.budget_summary": bab1.budget_summary,
    "bab1.apbd_table": bab1.apbd_table,
    "bab1.strategic_issues": bab1.strategic_issues,
    "bab2.plan_heading": bab2.plan_heading,
    "bab2.plan_intro": bab2.plan_intro,
    "bab2.plan_table": bab2.plan_table,
    "bab2.renstra_heading": bab2.renstra_heading,
    "bab2.renstra_table": bab2.renstra_table,
    "bab2.strategy_table": bab2.strategy_table,
    "bab2.iku_intro": bab2.iku_intro,
    "bab2.iku_table": bab2.iku_table,
    "bab2.pk_heading": bab2.pk_heading,
    "bab2.pk_intro": bab2.pk_intro,
    "bab2.pk_table": bab2.pk_table,
    "bab2.budget_table": bab2.budget_table,
}


@pytest.fixture
def payakumbuh(payakumbuh_ctx):
    return payakumbuh_ctx


@pytest.fixture
def lampung_barat(lampung_barat_ctx):
    return lampung_barat_ctx


def _rows(table: Table) -> list[list[str]]:
    return [[cell_text(c) for c in row] for row in table.rows]


@pytest.mark.parametrize("name", sorted(CALLS))
def test_each_call_shows_one_element_or_nothing(payakumbuh, lampung_barat, name):
    for ctx in (payakumbuh, lampung_barat):
        element = CALLS[name](ctx)
        if element is None:
            continue
        assert isinstance(element, Element)
        bundle = element._repr_mimebundle_()
        assert bundle["text/html"] and bundle[MIME]["kind"] == element.kind


def test_payakumbuh_shows_every_section(payakumbuh):
    assert all(CALLS[name](payakumbuh) is not None for name in CALLS)


def test_ikhtisar_key_figures(payakumbuh):
    cards = ikhtisar.key_figures(payakumbuh)
    assert isinstance(cards, KpiCards)
    assert cards.cards == (
        ("128,70%", "Rata-rata capaian indikator (Sangat Baik)"),
        ("3 dari 3", "indikator mencapai atau melampaui target"),
        ("89,70%", "serapan anggaran (Rp 5.959.374.081 dari Rp 6.643.861.122)"),
    )


def test_ikhtisar_sentences(payakumbuh):
    assert "menyajikan capaian 3 indikator kinerja dari 3 sasaran strategis" in \
        ikhtisar.opening(payakumbuh).texts[0]
    improved, declined = ikhtisar.improved(payakumbuh), ikhtisar.declined(payakumbuh)
    assert isinstance(improved, BulletList) and "naik dari 5,63%" in improved.items[0]
    assert isinstance(declined, BulletList) and "turun dari 95,16%" in declined.items[0]
    assert ikhtisar.short_of_target(payakumbuh).texts == (
        "Seluruh indikator mencapai atau melampaui target Tahun 2024.",)
    assert ikhtisar.budget_absorption(payakumbuh).texts == (
        "Serapan anggaran keseluruhan 89,70%; serapan di bawah 90% pada sasaran Meningkatnya "
        "Akuntabilitas Kinerja Dinas Tenaga Kerja dan Perindustrian (85,01%).",)


def test_ikhtisar_indicator_table_carries_kriteria_badges(payakumbuh):
    table = ikhtisar.indicator_table(payakumbuh)
    assert table.title == "Ringkasan Capaian Indikator Kinerja Tahun 2024"
    assert _rows(table)[0] == ["Meningkatnya Serapan Tenaga Kerja", "Persentase Penyerapan Tenaga Kerja",
                               "%", "93,75%", "95,13%", "101,47%", "Sangat Baik"]
    assert "kriteria" in table.to_html()


def test_bab1_staff(payakumbuh):
    assert bab1.staff_summary(payakumbuh).texts[0].endswith(
        "didukung oleh 23 orang pegawai, terdiri dari 11 orang laki-laki dan 12 orang perempuan.")
    table = bab1.staff_table(payakumbuh, "pangkat")
    assert table.header_groups[-1] == ("Jumlah", 3)
    assert _rows(table)[-1][-3:] == ["11", "12", "23"] and table.row_classes[-1] == "total"
    chart = bab1.staff_chart(payakumbuh, "pendidikan")
    assert isinstance(chart, Chart) and chart.png.startswith(b"\x89PNG")
    assert "S1: 5 laki-laki dan 6 perempuan" in chart.alt


def test_bab1_budget_and_issues(payakumbuh):
    assert "sebesar Rp 6.643.861.122 setelah perubahan, dari Rp 6.301.455.933" in \
        bab1.budget_summary(payakumbuh).texts[0]
    apbd = bab1.apbd_table(payakumbuh)
    assert ["5.1", "Belanja Operasi", "6.136.588.133", "6.397.643.422", "261.055.289"] in _rows(apbd)
    issues = bab1.strategic_issues(payakumbuh)
    assert issues.ordered and issues.items[0] == "Masih rendahnya penyerapan tenaga kerja"


def test_bab2_headings_name_the_plan_the_period_and_the_year(payakumbuh):
    assert bab2.plan_heading(payakumbuh) == Heading("RPD Kota Payakumbuh Tahun 2023-2026", 2)
    assert bab2.renstra_heading(payakumbuh) == Heading("Rencana Strategis 2023-2026", 2)
    assert bab2.pk_heading(payakumbuh) == Heading("Perjanjian Kinerja Tahun 2024", 2)


def test_bab2_tables(payakumbuh):
    renstra = bab2.renstra_table(payakumbuh)
    assert [c.header for c in renstra.columns][6:10] == ["2023", "2024", "2025", "2026"]
    strategy = bab2.strategy_table(payakumbuh)
    cell = strategy.rows[0][1]
    assert cell["html"].startswith("<ol><li>") and cell["text"].startswith("1. ")
    assert _rows(bab2.pk_table(payakumbuh))[0][-1] == "93,75%"
    budget = bab2.budget_table(payakumbuh)
    assert _rows(budget)[0] == ["Meningkatnya Serapan Tenaga Kerja", "1.407.615.308", "1.327.231.136", "94,29%"]
    assert budget.row_classes[0] == "total" and budget.row_classes[1] == "level-program"
    assert _rows(budget)[-1][0] == "Jumlah" and budget.row_classes[-1] == "total"


def test_missing_data_is_said_not_left_empty(lampung_barat):
    assert bab1.staff_summary(lampung_barat) == Callout("Data kepegawaian belum diisi.", "warning")
    assert bab1.staff_table(lampung_barat, "pangkat") is None
    assert bab1.staff_chart(lampung_barat, "pendidikan") is None
    assert bab1.facilities(lampung_barat).text == "Data sarana dan prasarana belum diisi."
    assert bab1.budget_summary(lampung_barat).text == "Data APBD dan pagu anggaran Tahun 2025 belum diisi."
    assert bab1.apbd_table(lampung_barat) is None
    assert bab1.strategic_issues(lampung_barat).text == "Isu strategis belum diisi."
    assert isinstance(bab2.plan_intro(lampung_barat), Callout)
    assert bab2.plan_table(lampung_barat) is None and bab2.strategy_table(lampung_barat) is None
    assert bab2.plan_heading(lampung_barat).text == "RPJMD"
    assert ikhtisar.budget_absorption(lampung_barat) is None
    # 2025 is its only year with realisasi: no "Tidak ada indikator yang menurun", but once why
    assert ikhtisar.earlier_years_missing(lampung_barat).texts[0].startswith(
        "Data realisasi tahun-tahun sebelumnya belum diisi")
    assert ikhtisar.declined(lampung_barat) is None and ikhtisar.improved(lampung_barat) is None
    assert ikhtisar.movement_label(lampung_barat, "Menurun dibanding tahun sebelumnya") is None
    assert isinstance(bab1.background(lampung_barat), Narrative)
