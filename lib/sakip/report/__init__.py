"""Rendering reports: parameters, chapter notebooks executed with papermill, one HTML file."""

from sakip.report.engine import lighten_imports as _lighten_imports

# Before anything here imports nbformat: keeps a 1,3 s import out of every render (see there).
_lighten_imports()
