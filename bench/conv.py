"""Issue 6's small CNN: Conv(1→8, 3×3, same) + ReLU + MaxPool(2) + Flatten + Dense(→10), batch 64, Adam.

One full training step (forward, loss, backward, update) of the engine's Sequential + Trainer against PyTorch CPU
on 8×8 (digits) and 28×28 (MNIST-sized) inputs. Targets: ≤ 450 µs per step on 8×8, no slower than PyTorch on
28×28. Run with ``.venv-ref/bin/python -m bench.conv``.

Each side runs in its own fresh process (``python -m bench.conv engine|torch SIDE``), as in :mod:`bench.mlp`: the
engine's process never loads torch and PyTorch's never runs OpenBLAS work, so one library's busy-waiting thread
pool cannot slow the other down. Both use their libraries' default thread counts; on a loaded machine the
multi-threaded timings are erratic (the title gives the load average).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np

from bench.timing import best_of, fmt_time, print_table

BATCH, STEPS, SIDES = 64, 40, (8, 28)


def make_data(side: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(0)
    x = rng.standard_normal((BATCH * STEPS, 1, side, side)).astype(np.float32)
    return x, rng.integers(0, 10, BATCH * STEPS)


def engine_step_time(x: np.ndarray, y: np.ndarray) -> float:
    from engine import Sequential, Trainer

    layers = [{"type": "conv2d", "config": {"filters": 8, "kernel_size": [3], "padding": "same",
                                            "activation": "relu"}},
              {"type": "max_pool2d", "config": {"pool_size": [2]}},
              {"type": "flatten"},
              {"type": "dense", "config": {"units": 10, "activation": "softmax"}}]
    model = Sequential(layers, input_shape=x.shape[1:], seed=0)
    trainer = Trainer(model, loss="sparse_categorical_crossentropy", optimizer={"type": "adam", "config": {"lr": 1e-3}},
                      metrics=[])
    trainer.fit(x, y, epochs=1, batch_size=BATCH)  # warm-up

    def run() -> int:
        trainer.fit(x, y, epochs=1, batch_size=BATCH)
        return STEPS

    return best_of(run, repeats=5)


def torch_step_time(x: np.ndarray, y: np.ndarray) -> float | None:
    try:
        import torch
    except ImportError:
        return None
    torch.manual_seed(0)
    side = x.shape[-1]
    net = torch.nn.Sequential(torch.nn.Conv2d(1, 8, 3, padding="same"), torch.nn.ReLU(), torch.nn.MaxPool2d(2),
                              torch.nn.Flatten(), torch.nn.Linear(8 * (side // 2) ** 2, 10))
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    loss_fn = torch.nn.CrossEntropyLoss()
    xt, yt = torch.from_numpy(x), torch.from_numpy(y)

    def run() -> int:
        perm = torch.randperm(len(xt))
        for start in range(0, len(xt), BATCH):
            idx = perm[start:start + BATCH]
            opt.zero_grad(set_to_none=True)
            loss_fn(net(xt[idx]), yt[idx]).backward()
            opt.step()
        return STEPS

    run()  # warm-up
    return best_of(run, repeats=5)


def _measure(side: str, index: int) -> dict[str, float | None]:
    """Seconds per step of one library on ``SIDES[index]``-sized inputs, computed in this process."""
    x, y = make_data(SIDES[index])
    return {"step": torch_step_time(x, y) if side == "torch" else engine_step_time(x, y)}


def _in_subprocess(side: str, index: int) -> float | None:
    """:func:`_measure` in a fresh interpreter, so each library has the process to itself."""
    root = Path(__file__).resolve().parents[1]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(root), os.environ.get("PYTHONPATH")]))}
    out = subprocess.run([sys.executable, "-m", "bench.conv", side, str(index)], capture_output=True, text=True,
                         check=True, cwd=root, env=env)
    return json.loads(out.stdout.strip().splitlines()[-1])["step"]


def _load_note() -> str:
    """Cores and load average: other processes on the cores make the multi-threaded timings erratic."""
    cores = os.cpu_count() or 1
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0
    busy = "" if load < 0.5 * cores else ": other processes compete for the cores, timings are unreliable"
    return f"{cores} cores, load average {load:.2f}{busy}"


def main() -> None:
    rows = []
    note = _load_note()
    for index, side in enumerate(SIDES):
        ours = _in_subprocess("engine", index)
        ref = _in_subprocess("torch", index)
        ratio = f"{ours / ref:.2f}" if ref else "—"
        rows.append([f"{side}×{side}", fmt_time(ours), fmt_time(ref), ratio])
    print_table(f"Small CNN conv(1→8, 3×3, same)+relu+max_pool(2)+dense(10), batch {BATCH}, Adam: one training step, "
                f"best of 5, each side in its own process ({note}; targets: ≤ 450 µs on 8×8, engine/PyTorch ≤ 1 on "
                "28×28)", ["input", "engine", "PyTorch CPU", "engine/PyTorch"], rows)


if __name__ == "__main__":
    if len(sys.argv) == 3:
        print(json.dumps(_measure(sys.argv[1], int(sys.argv[2]))))
    else:
        main()
