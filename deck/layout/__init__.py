"""Layout: checked inputs to scenes. Plans the pages, composes each with its template and fits every
text with the real font metrics. Pure: imports no renderer (neither python-pptx nor the PNG drawing)."""
