"""Backends: each draws a scene and knows nothing else."""
