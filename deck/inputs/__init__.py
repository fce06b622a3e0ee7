"""Inputs: the data file and the layout spec, read (YAML with a source map), checked against their
schemas and for meaning, every problem located as FILE:LINE:COL.

Imports nothing from layout, render or output.
"""
