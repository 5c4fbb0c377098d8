"""Runtime data shipped inside the wheel: vocabulary, rulebooks, weights, schemas, templates, fonts."""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable


def resource(*parts: str) -> Traversable:
    """A file or folder under ``matchdesk/resources``, read through importlib.resources."""
    node = files(__name__)
    for part in parts:
        node = node / part
    return node
