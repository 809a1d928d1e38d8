"""One training epoch: the hot path of the whole program.

Per step it only slices precomputed arrays, runs forward / loss / backward / update and copies the outputs into
a preallocated buffer for the epoch's metrics. The loss checks the whole target array once per ``fit``
(``Loss.validate_targets``) and then skips its per-batch checks; small data sets are gathered in shuffled order
once per epoch, so that a batch is a slice; the first layer skips dL/dx, which nothing uses. Batch logs are built
only when a callback that can act on them listens to batch ends, and layer outputs / gradients are copied only
when :meth:`Trainer.request_capture` asked for the next batch.

When no callback reads every batch's loss (``Callback.wants_batch_end`` lets one ask for some batches only) and the
loss is finite wherever its predictions are (losses on logits, ``PointwiseLoss.finite_for_finite_predictions``),
a step takes only the gradient: the divergence check is then one
sum of the squared outputs (finite: the loss is finite; not finite: the step's loss is computed and checked as
usual), and the epoch's loss is added up from all of its stored outputs at the end.

A small model made only of dense layers takes its steps through a :class:`DenseStack` plan instead of the layers
(each bias folded into its matrix product; its first layer's inputs carry a column of ones, added once per fit for
small data or as each batch is gathered); a batch with a capture goes through the layers.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from engine.losses.pointwise import PointwiseLoss
from engine.training.data import Prepared
from engine.training.dense_stack import DenseStack
from engine.training.evaluation import Readout
from engine.training.hooks import CallbackList

__all__ = ["EpochRunner", "divergence_message"]

#: Data up to this size (inputs + targets) is gathered in shuffled order once per epoch instead of per batch.
_EPOCH_GATHER_BYTES = 32 * 1024 * 1024


def _sum_of_squares(out: np.ndarray) -> float:
    """Σ out² as one BLAS product: finite exactly when every output is finite and none is huge (≳ 1e19 in float32)."""
    flat = out.ravel()
    return float(flat.dot(flat))


def divergence_message(epoch: int, step: int, value: float) -> str:
    """The sentence shown when the loss stops being a finite number (1-based epoch, global step), worded as
    the terminate_on_nan callback words it."""
    what = "NaN" if math.isnan(value) else "infinite"
    return f"The loss became {what} at epoch {epoch}, step {step} — try a lower learning rate."


class EpochRunner:
    """Runs epochs of one ``fit`` call over prepared data."""

    def __init__(self, trainer: Any, data: Prepared, readout: Readout, batch_size: int | None, shuffle: bool,
                 hooks: CallbackList, rule: Any = None) -> None:
        model = trainer.model
        self.trainer = trainer
        self.data = data
        self.readout = readout
        self.batch_size = len(data) if batch_size is None else min(batch_size, len(data))
        self.shuffle = shuffle and self.batch_size < len(data)
        self.hooks = hooks
        self.rule = rule
        loss = readout.train_loss
        #: the step takes only the gradient; the epoch's loss comes from all of its outputs at the end
        self.deferred = (rule is None and isinstance(loss, PointwiseLoss) and loss.finite_for_finite_predictions
                         and not hooks.every_batch_loss)
        #: the outputs of the epoch's training steps, for the training metrics and a deferred loss (else not kept)
        self.outputs = (np.empty((len(data), *model.output_shape), dtype=model.dtype)
                        if trainer.metrics.entries or self.deferred else None)
        self.params = model.trainable_parameters()
        self.state = model.parameters()
        self.flat = trainer._flat_parameters(self.params) if rule is None else None
        self.update_params = self.params if self.flat is None else self.flat.params
        if rule is None:  # the loss checks the whole target array now, not every batch
            self.targets = loss.validate_targets(data.y, tuple(model.output_shape), model.dtype)
            self.loss_forward = loss.forward_validated
        else:  # the perceptron rule takes the targets as given
            self.targets, self.loss_forward = data.y, loss.forward
        #: small data is shuffled as a whole once per epoch, so that a batch is a slice instead of a gather
        self.gather_per_epoch = data.x.nbytes + self.targets.nbytes <= _EPOCH_GATHER_BYTES
        #: a dense-only model's step with the biases folded into the matrix products (else None)
        self.plan = DenseStack.plan(model, self.flat, readout.fused) if rule is None else None
        #: the inputs with the column of ones its first layer takes, made once per fit for small data without a
        #: batch transform (else None: the plan gathers or copies each batch into a buffer with that column)
        self.x1 = (self.plan.with_ones(data.x) if self.plan is not None and self.gather_per_epoch
                   and trainer.batch_transform is None else None)

    def run(self, epoch: int, rng: np.random.Generator) -> dict[str, Any]:
        """Train one epoch; returns the epoch logs (loss, data_loss, penalty and the training metrics)."""
        trainer, model, data = self.trainer, self.trainer.model, self.data
        n, size = len(data), self.batch_size
        perm = rng.permutation(n) if self.shuffle else None
        backup = [p.value.copy() for p in self.state]
        plan, x1 = self.plan, self.x1
        x = data.x if x1 is None else x1
        y, weights, outputs = self.targets, data.sample_weight, self.outputs
        order = perm
        if perm is not None and self.gather_per_epoch:  # np.take: the same rows as x[perm], gathered faster
            x, y, order = np.take(x, perm, axis=0), np.take(y, perm, axis=0), None
            weights = None if weights is None else weights[perm]
        forward, backward, loss_forward = model.forward, model.backward, self.loss_forward
        loss = self.readout.train_loss
        loss_backward, deferred = loss.backward, self.deferred
        loss_gradient = loss.gradient_validated if deferred else None
        update, params, rule = trainer.optimizer.step, self.update_params, self.rule
        sync = None if self.flat is None else self.flat.sync_grads
        transform = trainer.batch_transform
        #: xb comes with the plan's column of ones (from x1 or gathered into the plan's buffer)
        plan_take = plan.take if plan is not None and order is not None and transform is None else None
        with_ones = x1 is not None or plan_take is not None
        if plan is not None:
            plan_forward, plan_backward, plan_copy = plan.forward, plan.backward, plan.copy_in
        regularized = model.has_regularization
        hooks = self.hooks
        batch_begin, batch_end, listening = hooks.batch_begin, hooks.batch_end, hooks.listening
        data_total = penalty_total = 0.0
        seen = 0
        penalty = 0.0
        for batch, start in enumerate(range(0, n, size)):
            stop = min(start + size, n)
            if order is None:
                xb, yb = x[start:stop], y[start:stop]
                wb = None if weights is None else weights[start:stop]
            else:
                index = order[start:stop]
                xb, yb = x[index] if plan_take is None else plan_take(x, index), y[index]
                wb = None if weights is None else weights[index]
            if transform is not None:
                xb = transform(xb)
            for hook in batch_begin:
                hook(batch, {"size": stop - start})
            capture = trainer._capture
            if capture is not None:
                trainer._capture = None
                self._start_capture(capture)
            if regularized:
                penalty = model.regularization_penalty()
            if rule is None:
                planned = plan is not None and capture is None
                if planned:
                    out = plan_forward(xb if with_ones else plan_copy(xb))
                else:
                    out = forward(xb[:, :-1] if with_ones else xb, True)
                if outputs is not None:
                    outputs[start:stop] = out
                if deferred and math.isfinite(_sum_of_squares(out)):
                    value = None  # finite: added up at the end of the epoch
                    grad = loss_gradient(out, yb, wb)
                else:
                    value = loss_forward(out, yb, wb)
                    if not math.isfinite(value):
                        return self._diverged(epoch, batch, value, backup, batch_end, stop - start)
                    grad = loss_backward()
                if planned:
                    plan_backward(grad)
                else:
                    backward(grad, False)
                if regularized:
                    model.add_regularization_gradients()
                if sync is not None and not planned:
                    sync()
                captured = self._collect(capture, out) if capture is not None else None
                update(params)
            else:
                out = rule.train_batch(xb, yb, trainer.optimizer.lr)
                if outputs is not None:
                    outputs[start:stop] = out
                value = loss_forward(out, yb, wb)
                captured = self._collect(capture, out) if capture is not None else None
            trainer.global_step += 1
            if not deferred:
                data_total += value * (stop - start)
            penalty_total += penalty * (stop - start)
            seen = stop
            finite = math.isfinite(penalty) if deferred else math.isfinite(value + penalty)
            listeners = (hooks.batch_end_hooks(batch) if listening else ()) if finite else batch_end
            if listeners:
                if value is None:  # deferred, yet wanted now: computed after all
                    value = loss_forward(out, yb, wb)
                logs = {"loss": value + penalty, "size": stop - start}
                if captured:
                    logs.update(captured)
                for hook in listeners:
                    hook(batch, logs)
            if trainer.stop_training:
                break
        if deferred:
            rows = slice(0, seen) if order is None else order[:seen]
            data_total = loss.batches_total(outputs[:seen], y[rows], None if weights is None else weights[rows], size)
        return self._epoch_logs(data_total / seen, penalty_total / seen, seen, perm)

    # -- epoch results -----------------------------------------------------------------------------------------
    def _epoch_logs(self, data_loss: float, penalty: float, seen: int, perm: np.ndarray | None) -> dict[str, Any]:
        data = self.data
        rows = slice(0, seen) if perm is None else perm[:seen]
        labels = None if data.labels is None else data.labels[rows]
        logs: dict[str, Any] = {"loss": data_loss + penalty, "data_loss": data_loss, "penalty": penalty}
        if self.trainer.metrics.entries:
            logs.update(self.trainer.metrics.compute(self.readout, self.outputs[:seen], data.y[rows], labels))
        return logs

    def _diverged(self, epoch: int, batch: int, value: float, backup: list[np.ndarray], batch_end: list[Any],
                  size: int) -> dict[str, Any]:
        """Stop without applying the step; put back the epoch's starting weights if any weight is not finite.

        The failed step still counts in ``global_step`` so that the sentence (from the terminate_on_nan callback,
        or set here when it is absent) names it.
        """
        trainer = self.trainer
        if not all(np.isfinite(p.value).all() for p in self.state):
            for param, saved in zip(self.state, backup, strict=True):
                param.value[...] = saved
        trainer.global_step += 1
        for hook in batch_end:
            hook(batch, {"loss": value, "size": size})
        if not trainer.diverged:
            trainer.stop_reason = divergence_message(epoch + 1, trainer.global_step, value)
        trainer.diverged = trainer.stop_training = True
        logs: dict[str, Any] = {"loss": math.nan, "data_loss": math.nan, "penalty": math.nan}
        logs.update({name: math.nan for name in trainer.metrics.names})
        return logs

    # -- capture for the insight views -------------------------------------------------------------------------
    def _start_capture(self, capture: tuple[bool, bool]) -> None:
        if capture[0]:
            for layer in self.trainer.model.layers:
                layer.capture = True

    def _collect(self, capture: tuple[bool, bool], out: np.ndarray) -> dict[str, Any]:
        """Copies of this batch's layer outputs and gradients (before clipping and the update)."""
        layers = self.trainer.model.layers
        found: dict[str, Any] = {}
        if capture[0]:
            activations = {}
            for layer in layers:
                activations[layer.name] = layer.captured_output
                layer.capture = False
                layer.captured_output = None
            if layers and self.readout.fused:  # the last layer emitted logits: show what it outputs at inference
                activations[layers[-1].name] = self.readout.scores(out).copy()
            found["activations"] = activations
        if capture[1]:
            found["gradients"] = {p.name: p.grad.copy() for p in self.params if p.grad is not None}
        return found
