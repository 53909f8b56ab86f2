"""The `cpportal` MkDocs plugin (entry point in pyproject.toml): `plugins: [..., cpportal]`
runs the hooks of cpportal/mkdocs_hooks.py, with their priorities, in a portal that holds no
Python file. List it last, where MkDocs puts a hooks file."""

from mkdocs.plugins import BasePlugin

from . import mkdocs_hooks


class PortalPlugin(BasePlugin):
    """Every `on_*` hook of cpportal.mkdocs_hooks, as this plugin's event handlers."""


for _event in [name for name in vars(mkdocs_hooks) if name.startswith("on_")]:
    setattr(PortalPlugin, _event, staticmethod(getattr(mkdocs_hooks, _event)))
