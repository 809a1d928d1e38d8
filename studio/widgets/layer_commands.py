"""The layer builder's edits as undoable commands (one ``QUndoCommand`` per kind of model edit).

Every change to the layer list goes through a command pushed on the builder's ``QUndoStack``, so Ctrl+Z and
Ctrl+Y undo and redo any edit. Commands act on a :class:`LayerList` — the builder's table model — and hold
copies of the specs they change, never references into the list.
"""

from __future__ import annotations

import copy
from typing import Any, Protocol

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

__all__ = ["AddLayers", "EditLayer", "LayerList", "MoveLayer", "RemoveLayer", "ReplaceLayers"]

Spec = dict[str, Any]

_EDIT_ID = 4101  # mergeable: consecutive edits of one layer become one undo step


class LayerList(Protocol):
    """What the commands edit: an ordered list of layer specs."""

    def specs(self) -> list[Spec]: ...
    def insert_specs(self, index: int, specs: list[Spec]) -> None: ...
    def remove_specs(self, index: int, count: int) -> None: ...
    def move_spec(self, source: int, target: int) -> None: ...
    def set_layer_config(self, index: int, config: dict[str, Any]) -> None: ...
    def replace_specs(self, specs: list[Spec]) -> None: ...


class AddLayers(QUndoCommand):
    """Insert layers at ``index`` (adding from the menu, duplicating)."""

    def __init__(self, layers: LayerList, index: int, specs: list[Spec], text: str | None = None) -> None:
        super().__init__(text or QCoreApplication.translate("LayerCommands", "Add layer"))
        self._layers, self._index, self._specs = layers, index, copy.deepcopy(specs)

    def redo(self) -> None:
        self._layers.insert_specs(self._index, copy.deepcopy(self._specs))

    def undo(self) -> None:
        self._layers.remove_specs(self._index, len(self._specs))


class RemoveLayer(QUndoCommand):
    """Remove the layer at ``index``."""

    def __init__(self, layers: LayerList, index: int) -> None:
        super().__init__(QCoreApplication.translate("LayerCommands", "Remove layer"))
        self._layers, self._index = layers, index
        self._spec = copy.deepcopy(layers.specs()[index])

    def redo(self) -> None:
        self._layers.remove_specs(self._index, 1)

    def undo(self) -> None:
        self._layers.insert_specs(self._index, [copy.deepcopy(self._spec)])


class MoveLayer(QUndoCommand):
    """Move the layer at ``source`` so that it ends up at position ``target``."""

    def __init__(self, layers: LayerList, source: int, target: int) -> None:
        super().__init__(QCoreApplication.translate("LayerCommands", "Move layer"))
        self._layers, self._source, self._target = layers, source, target

    def redo(self) -> None:
        self._layers.move_spec(self._source, self._target)

    def undo(self) -> None:
        self._layers.move_spec(self._target, self._source)


class EditLayer(QUndoCommand):
    """Replace the config of the layer at ``index``; successive edits of the same parameters of the same layer
    (typing "128" digit by digit) merge into one undo step."""

    def __init__(self, layers: LayerList, index: int, config: dict[str, Any]) -> None:
        super().__init__(QCoreApplication.translate("LayerCommands", "Edit layer"))
        self._layers, self._index = layers, index
        self._old = copy.deepcopy(layers.specs()[index]["config"])
        self._new = copy.deepcopy(config)
        self._keys = {k for k in set(self._old) | set(self._new) if self._old.get(k) != self._new.get(k)}

    def id(self) -> int:
        return _EDIT_ID

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 (a Qt override)
        if not isinstance(other, EditLayer) or other._index != self._index or other._keys != self._keys:
            return False
        self._new = copy.deepcopy(other._new)
        return True

    def redo(self) -> None:
        self._layers.set_layer_config(self._index, copy.deepcopy(self._new))

    def undo(self) -> None:
        self._layers.set_layer_config(self._index, copy.deepcopy(self._old))


class ReplaceLayers(QUndoCommand):
    """Replace the whole list (a preset, clearing the model)."""

    def __init__(self, layers: LayerList, specs: list[Spec], text: str) -> None:
        super().__init__(text)
        self._layers = layers
        self._old, self._new = copy.deepcopy(layers.specs()), copy.deepcopy(specs)

    def redo(self) -> None:
        self._layers.replace_specs(copy.deepcopy(self._new))

    def undo(self) -> None:
        self._layers.replace_specs(copy.deepcopy(self._old))
