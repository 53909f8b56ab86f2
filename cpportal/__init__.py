"""Guidance portal for child protection coordination: data, validation and site logic.

Plain Python, importable without MkDocs; hooks/ adapts it to the MkDocs build.
"""

__version__ = "0.1.0"
