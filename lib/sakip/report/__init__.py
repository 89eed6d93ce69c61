"""Rendering reports: parameters, chapter notebooks executed with papermill, one HTML file."""
