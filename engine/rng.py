"""One seed drives everything random in a run: initialisation, shuffling, dropout, augmentation.

Each consumer gets its own child stream (``spawn``) so that, e.g., turning dropout on does not change the initial
weights. The same seed gives bit-identical results.
"""

from __future__ import annotations

import numpy as np

__all__ = ["SeedStreams", "make_rng"]


def make_rng(seed: int | np.random.Generator | None = None) -> np.random.Generator:
    """A ``numpy.random.Generator`` from a seed (or the generator itself, passed through)."""
    if isinstance(seed, np.random.Generator):
        return seed
    return np.random.default_rng(seed)


class SeedStreams:
    """Named, independent random streams derived from one seed.

    ``SeedStreams(0).get("init")`` always yields the same stream for the same seed and name, whatever other
    streams were requested before.
    """

    def __init__(self, seed: int | None = 0) -> None:
        self.seed = seed
        self._streams: dict[str, np.random.Generator] = {}

    def get(self, name: str) -> np.random.Generator:
        if name not in self._streams:
            words = [int.from_bytes(name.encode("utf-8")[i : i + 4].ljust(4, b"\0"), "little")
                     for i in range(0, max(len(name), 1), 4)]
            entropy = [self.seed if self.seed is not None else np.random.SeedSequence().entropy, *words]
            self._streams[name] = np.random.default_rng(np.random.SeedSequence(entropy))
        return self._streams[name]
