"""Chapter views: functions that turn computed results into report HTML blocks.

Chapter notebooks call one view function per section; views format numbers and words
(:mod:`sakip.compute.formatting`, :mod:`sakip.compute.wording`) and emit HTML through :mod:`sakip.components.html`.
They compute nothing themselves: figures come from :mod:`sakip.analysis.indicators`.
"""
