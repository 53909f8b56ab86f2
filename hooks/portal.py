"""MkDocs hooks of this portal: the cpportal package's, unchanged (see cpportal/mkdocs_hooks.py)."""

from cpportal.mkdocs_hooks import *  # noqa: F401,F403
