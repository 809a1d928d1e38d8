"""The trainer's helpers: input preparation, output readout and metrics, callback dispatch, the epoch loop."""
