"""Typesetting: the font files and their metrics (wrapping, fitting, glyph coverage) and the words
and number formats of each locale. Knows nothing of studies, layouts or renderers."""
