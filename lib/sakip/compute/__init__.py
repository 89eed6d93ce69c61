"""Small pure functions: capaian, kriteria, formulas, budget, trends, triwulan, Indonesian formatting and generated sentences."""
