"""Live views of a training run (pyqtgraph widgets) and their Qt-free helpers.

Each view is a self-contained widget with a small API (``add_batch``, ``add_epoch``, ``update`` …) that stores
data and marks the view dirty; a :class:`studio.plots.redraw.RedrawScheduler` repaints it at most ~30 times a
second. The views know nothing of the trainer or the session: ``main_window`` feeds them.

This package module stays Qt-free, so ``studio.plots.buffers`` and ``studio.plots.smoothing`` import without Qt.
"""

#: Train is blue, validation is orange, in every view (Tableau 10, as the dataset plot's class colours).
TRAIN_COLOUR = "#4e79a7"
VALIDATION_COLOUR = "#f28e2b"
#: Per-class colours (one-vs-rest curves), the same Tableau 10 order as the dataset plot.
CLASS_COLOURS = ("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
                 "#9c755f", "#bab0ac")
#: Neutral ink for reference lines (chance diagonal) and the hover cursor.
GUIDE_COLOUR = "#8c8c8c"
#: The operating point of the threshold slider.
OPERATING_POINT_COLOUR = "#e15759"
