"""Composes the computation into the figures of a report: per indicator and sasaran, pengukuran per triwulan, across agencies."""
