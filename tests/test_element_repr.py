"""An element's text/plain (its repr, written into every executed notebook) stays short."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from sakip.components import elements as el


def test_repr_names_the_element_and_not_its_content():
    png = b"\x89PNG" + b"\x00" * 50_000
    chart = el.Chart("Capaian Indikator Tahun 2024", png, "grafik batang")
    table = el.Table("Perjanjian Kinerja Tahun 2024", (el.Column("Sasaran"),),
                     tuple((f"baris {i}",) for i in range(300)))
    assert repr(chart) == "<Chart 'Capaian Indikator Tahun 2024'>"
    assert repr(table) == "<Table 'Perjanjian Kinerja Tahun 2024 (300 baris)'>"
    assert repr(el.Paragraphs()) == "<Paragraphs>"
    long = repr(el.Paragraphs("kata " * 100))
    assert len(long) < 110 and long.endswith("…'>")


def test_every_element_class_uses_the_short_repr():
    classes = [c for c in vars(el).values()
               if isinstance(c, type) and issubclass(c, el.Element) and c is not el.Element]
    assert len(classes) >= 10
    for cls in classes:
        assert dataclasses.is_dataclass(cls)
        assert cls.__repr__ is el.Element.__repr__, cls.__name__


def test_a_long_kriteria_may_wrap_in_print_and_a_short_one_not():
    """"Tidak Dapat Diukur" pushed a printed table past the page; it may wrap (print style
    ``.kriteria-panjang``); "Sangat Kurang" and shorter labels stay on one line."""
    from sakip.components.html import kriteria_badge

    assert 'class="kriteria kriteria-panjang"' in kriteria_badge(None)
    assert 'class="kriteria"' in kriteria_badge("Sangat Kurang", "#d73027")
    css = (Path(__file__).resolve().parents[1] / "lib" / "sakip" / "report" / "templates"
           / "print.css.j2").read_text(encoding="utf-8")
    assert ".kriteria-panjang { white-space: normal" in css


def test_a_mean_says_how_many_indicators_it_covers():
    from sakip.compute.wording import mean_clause, mean_of

    assert mean_clause("128,70%", 3, 3) == "rata-rata capaian 128,70%"
    assert mean_clause("97,52%", 4, 5) == ("rata-rata capaian 4 indikator yang dapat diukur "
                                           "sebesar 97,52%")
    assert mean_of(5, 5) == "indikator" and mean_of(1200, 1300) == "1.200 indikator yang dapat diukur"
