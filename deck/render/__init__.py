"""Render: a scene to bytes, one module per backend (pptx, png). Backends see only scenes."""
