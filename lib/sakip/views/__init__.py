"""Chapter views: functions that turn computed results into report HTML blocks.

Chapter notebooks call one view function per section; views format numbers and words
(:mod:`sakip.formatting`, :mod:`sakip.wording`) and emit HTML through :mod:`sakip.present`.
They compute nothing themselves: figures come from :mod:`sakip.analysis`.
"""
