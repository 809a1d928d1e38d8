"""Issue 2's MLP workloads: the engine's training step against PyTorch CPU and the GEMM bound."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

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


def engine_step_time(w: Workload, x: np.ndarray, y: np.ndarray) -> float:
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

    return best_of(run)


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


def main() -> None:
    rows = []
    for w in WORKLOADS:
        x, y = make_data(w)
        ours = engine_step_time(w, x, y)
        ref = torch_step_time(w, x, y)
        bound = gemm_bound(w)
        ratio = f"{ours / ref:.2f}" if ref else "—"
        rows.append([w.name, fmt_time(ours), fmt_time(ref), ratio, fmt_time(bound), f"{ours / bound:.1f}"])
    print_table("Training step (forward + backward + update), per step, best of 3",
                ["workload", "engine", "PyTorch CPU", "engine/PyTorch", "GEMM bound", "engine/GEMM"], rows)
