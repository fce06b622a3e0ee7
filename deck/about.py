"""deck's version, kept here so that any layer can name it without importing the package."""

VERSION = "0.1.0"
