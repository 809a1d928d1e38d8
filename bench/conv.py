"""Issue 6's small CNN: Conv(1→8, 3×3, same) + ReLU + MaxPool(2) + Flatten + Dense(→10), batch 64, Adam.

One full training step (forward, loss, backward, update) of the engine's Sequential + Trainer against PyTorch CPU
on 8×8 (digits) and 28×28 (MNIST-sized) inputs. Targets: ≤ 450 µs per step on 8×8, no slower than PyTorch on
28×28. Run with ``.venv-ref/bin/python -m bench.conv`` (PyTorch is imported inside the function).
"""

from __future__ import annotations

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


def main() -> None:
    rows = []
    for side in SIDES:
        x, y = make_data(side)
        ours, ref = engine_step_time(x, y), torch_step_time(x, y)
        ratio = f"{ours / ref:.2f}" if ref else "—"
        rows.append([f"{side}×{side}", fmt_time(ours), fmt_time(ref), ratio])
    print_table(f"Small CNN conv(1→8, 3×3, same)+relu+max_pool(2)+dense(10), batch {BATCH}, Adam: one training step "
                "(targets: ≤ 450 µs on 8×8, engine/PyTorch ≤ 1 on 28×28)",
                ["input", "engine", "PyTorch CPU", "engine/PyTorch"], rows)


if __name__ == "__main__":
    main()
