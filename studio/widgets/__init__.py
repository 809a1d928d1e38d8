"""Reusable widgets. They never import the main window or the worker: they talk by signals."""

from studio.widgets.param_form import ParamForm

__all__ = ["ParamForm"]
