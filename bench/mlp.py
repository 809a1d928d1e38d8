"""Issue 2's MLP workloads: the engine's training step against plain NumPy, PyTorch CPU and the GEMM bound.

The plain-NumPy step (:mod:`bench.plain_mlp`: the same network, loss and Adam written by hand for that one
network) runs in the engine's process, taking turns with the engine run by run, so that their ratio holds on a
machine whose speed drifts. The engine and PyTorch each run in their own fresh process (``python -m bench.mlp
engine|torch INDEX``), so neither measures in a process where the other library's thread pool lives: the engine's
process never loads torch (its OpenMP and MKL threads), the PyTorch process never runs OpenBLAS work. Both use
their libraries' default thread counts.

Multi-threaded timings (the large MLP, on either side) are only meaningful on an otherwise idle machine: a BLAS
call split over all cores waits for its slowest thread, and a thread that another process has pushed off its core
costs a whole scheduler time slice (milliseconds). The table therefore says when the load average was high.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from bench.plain_mlp import plain_epoch_runner
from bench.timing import best_of, fmt_time, print_table


@dataclass(frozen=True)
class Workload:
    name: str
    sizes: tuple[int, ...]  # input, hidden…, output
    activation: str
    batch: int
    samples: int
    epochs: int

    @property
    def binary(self) -> bool:
        return self.sizes[-1] == 1


WORKLOADS = (
    Workload("MLP 784-256-128-10 relu, batch 128, Adam", (784, 256, 128, 10), "relu", 128, 60_000, 1),
    Workload("iris 4-16-3 tanh, batch 8, Adam", (4, 16, 3), "tanh", 8, 150, 200),
    Workload("breast cancer 30-64-64-1 sigmoid+BCE, batch 32, Adam", (30, 64, 64, 1), "sigmoid", 32, 569, 100),
)


def make_data(w: Workload) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(0)
    x = rng.standard_normal((w.samples, w.sizes[0])).astype(np.float32)
    classes = 2 if w.binary else w.sizes[-1]
    y = rng.integers(0, classes, w.samples)
    return x, y


def engine_runner(w: Workload, x: np.ndarray, y: np.ndarray) -> Callable[[], int]:
    """A function that trains the engine for the workload's epochs and returns the number of steps taken."""
    from engine import Sequential, Trainer

    layers = [{"type": "dense", "config": {"units": n, "activation": w.activation}} for n in w.sizes[1:-1]]
    out_act = "sigmoid" if w.binary else "softmax"
    layers.append({"type": "dense", "config": {"units": w.sizes[-1], "activation": out_act}})
    model = Sequential(layers, input_shape=(w.sizes[0],), seed=0)
    loss = "binary_crossentropy" if w.binary else "sparse_categorical_crossentropy"
    trainer = Trainer(model, loss=loss, optimizer={"type": "adam", "config": {"lr": 1e-3}}, metrics=[])
    targets = y.reshape(-1, 1).astype(np.float32) if w.binary else y
    steps_per_epoch = -(-w.samples // w.batch)
    trainer.fit(x, targets, epochs=1, batch_size=w.batch)  # warm-up

    def run() -> int:
        trainer.fit(x, targets, epochs=w.epochs, batch_size=w.batch)
        return steps_per_epoch * w.epochs

    return run


def plain_runner(w: Workload, x: np.ndarray, y: np.ndarray) -> Callable[[], int]:
    """The same as :func:`engine_runner` for the plain-NumPy step."""
    epoch, _ = plain_epoch_runner(w.sizes, w.activation, w.batch, x, y)
    epoch()  # warm-up

    def run() -> int:
        return sum(epoch() for _ in range(w.epochs))

    return run


def interleaved_best(runs: dict[str, Callable[[], int]], repeats: int = 5) -> dict[str, float]:
    """Seconds per step of each run, the best of ``repeats``, the runs taking turns so that drift hits all alike."""
    best = dict.fromkeys(runs, float("inf"))
    for _ in range(repeats):
        for name, run in runs.items():
            best[name] = min(best[name], best_of(run, 1))
    return best


def torch_step_time(w: Workload, x: np.ndarray, y: np.ndarray) -> float | None:
    try:
        import torch
    except ImportError:
        return None
    torch.manual_seed(0)
    mods: list = []
    act = {"relu": torch.nn.ReLU, "tanh": torch.nn.Tanh, "sigmoid": torch.nn.Sigmoid}[w.activation]
    for n_in, n_out in zip(w.sizes[:-2], w.sizes[1:-1], strict=True):
        mods += [torch.nn.Linear(n_in, n_out), act()]
    mods.append(torch.nn.Linear(w.sizes[-2], w.sizes[-1]))
    net = torch.nn.Sequential(*mods)
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    loss_fn = torch.nn.BCEWithLogitsLoss() if w.binary else torch.nn.CrossEntropyLoss()
    xt = torch.from_numpy(x)
    yt = torch.from_numpy(y.astype(np.float32)).reshape(-1, 1) if w.binary else torch.from_numpy(y)

    def run() -> int:
        steps = 0
        for _ in range(w.epochs):
            perm = torch.randperm(w.samples)
            for start in range(0, w.samples, w.batch):
                idx = perm[start : start + w.batch]
                opt.zero_grad(set_to_none=True)
                loss = loss_fn(net(xt[idx]), yt[idx])
                loss.backward()
                opt.step()
                steps += 1
        return steps

    run()  # warm-up
    return best_of(run)


def gemm_bound(w: Workload) -> float:
    """Seconds per step of the matrix products alone (forward, weight and input gradients) in float32."""
    rng = np.random.default_rng(0)
    weights = [rng.standard_normal((a, b)).astype(np.float32) for a, b in zip(w.sizes[:-1], w.sizes[1:], strict=True)]
    acts = [rng.standard_normal((w.batch, n)).astype(np.float32) for n in w.sizes]
    reps = max(10, 20_000 // w.batch)

    def run() -> int:
        for _ in range(reps):
            for i, kernel in enumerate(weights):
                np.matmul(acts[i], kernel)
                np.matmul(acts[i].T, acts[i + 1])
                if i:
                    np.matmul(acts[i + 1], kernel.T)
        return reps

    return best_of(run)


def _measure(side: str, index: int) -> dict[str, float | None]:
    """Seconds per step of one side for ``WORKLOADS[index]``, computed in this process."""
    w = WORKLOADS[index]
    x, y = make_data(w)
    if side == "torch":
        return {"step": torch_step_time(w, x, y)}
    times = interleaved_best({"step": engine_runner(w, x, y), "plain": plain_runner(w, x, y)})
    return {**times, "gemm": gemm_bound(w)}


def _in_subprocess(side: str, index: int) -> dict[str, float | None]:
    """:func:`_measure` in a fresh interpreter, so each side has the process to itself."""
    root = Path(__file__).resolve().parents[1]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(root), os.environ.get("PYTHONPATH")]))}
    out = subprocess.run([sys.executable, "-m", "bench.mlp", side, str(index)], capture_output=True, text=True,
                         check=True, cwd=root, env=env)
    return json.loads(out.stdout.strip().splitlines()[-1])


def _load_note() -> str:
    """A warning when other processes keep the cores busy (multi-threaded timings are then unreliable)."""
    cores = os.cpu_count() or 1
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0
    if load < 0.5 * cores:
        return f"{cores} cores, load average {load:.2f}"
    return (f"{cores} cores, load average {load:.2f}: other processes compete for the cores, so the multi-threaded "
            "rows (the large MLP, both sides) are unreliable; rerun on an idle machine")


def main() -> None:
    rows = []
    note = _load_note()
    for index, w in enumerate(WORKLOADS):
        ours = _in_subprocess("engine", index)
        ref = _in_subprocess("torch", index)["step"]
        step, plain, bound = ours["step"], ours["plain"], ours["gemm"]
        ratio = f"{step / ref:.2f}" if ref else "—"
        rows.append([w.name, fmt_time(step), fmt_time(plain), f"{step / plain:.2f}", fmt_time(ref), ratio,
                     fmt_time(bound), f"{step / bound:.1f}"])
    print_table(f"Training step (forward + backward + update), per step, best of 5 (engine and plain NumPy taking "
                f"turns in one process), PyTorch in its own process ({note})",
                ["workload", "engine", "plain NumPy", "engine/plain", "PyTorch CPU", "engine/PyTorch", "GEMM bound",
                 "engine/GEMM"], rows)


if __name__ == "__main__":
    if len(sys.argv) == 3:
        print(json.dumps(_measure(sys.argv[1], int(sys.argv[2]))))
    else:
        main()
