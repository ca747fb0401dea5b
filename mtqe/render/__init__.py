"""Renderers turn a Report into text for people or machines; they never print."""

from __future__ import annotations

FORMATS = ("text", "json", "html", "csv", "markdown")
