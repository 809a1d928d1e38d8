"""The training worker: rate-limited signals from the bridge, and pause/resume/stop/step of real runs in a QThread."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import numpy as np
import pytest

from engine.callbacks.base import Callback
from engine.data.toys import xor
from engine.errors import ConfigError
from engine.model import Sequential
from engine.trainer import Trainer
from studio.run_control import RunControl
from studio.signal_bridge import USER_STOP, SignalBridge, TrainingSignals
from studio.worker import IDLE, PAUSED, TrainingController

TIMEOUT = 10_000  # ms; runs take milliseconds, the timeout only guards against a hang


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


class Recorder:
    """Collects every signal of a TrainingSignals object, in order, as (name, args)."""

    NAMES = ("started", "batch_update", "progress", "epochs", "epoch_end", "captured", "paused", "finished", "failed")

    def __init__(self, signals: TrainingSignals) -> None:
        self.events: list[tuple[str, tuple[Any, ...]]] = []
        for name in self.NAMES:
            getattr(signals, name).connect(lambda *args, name=name: self.events.append((name, args)))

    def of(self, name: str) -> list[tuple[Any, ...]]:
        return [args for event, args in self.events if event == name]


def fake_trainer(lr: float = 0.1) -> SimpleNamespace:
    captures: list[tuple[bool, bool]] = []
    return SimpleNamespace(optimizer=SimpleNamespace(lr=lr), epoch=0, global_step=0, stop_training=False,
                           stop_reason=None, captures=captures, request_capture=lambda a, g: captures.append((a, g)))


def make_bridge(qtbot: Any, *, epochs: int = 1, steps: int = 1000) -> tuple[SignalBridge, Recorder, FakeClock, Any]:
    signals = TrainingSignals()
    recorder = Recorder(signals)
    clock = FakeClock()
    bridge = SignalBridge(signals, RunControl(), epochs=epochs, rows=4 * steps, batch_size=4, max_per_second=20.0,
                          clock=clock)
    trainer = fake_trainer()
    bridge.set_trainer(trainer)
    return bridge, recorder, clock, trainer


def run_batches(bridge: SignalBridge, trainer: Any, clock: FakeClock, epoch: int, steps: int, dt: float) -> int:
    """Batches as the training loop runs them: the bridge gets a batch end only when it wants it. Returns how
    many it got."""
    trainer.epoch = epoch
    called = 0
    for batch in range(steps):
        trainer.global_step += 1
        if bridge.wants_batch_end(batch):
            bridge.on_train_batch_end(batch, {"loss": 1.0 / trainer.global_step, "size": 4})
            called += 1
        clock.now += dt
    return called


# -- the bridge on its own, with a fake clock -----------------------------------------------------------------------
def test_a_burst_of_batches_gives_few_batch_updates_ending_on_the_last(qtbot: Any) -> None:
    bridge, recorder, clock, trainer = make_bridge(qtbot)
    bridge.on_train_begin({})
    called = run_batches(bridge, trainer, clock, 0, 1000, 0.1 / 1000)  # 1000 batches in 0.1 s of fake time
    bridge.on_epoch_end(0, {"loss": 0.5})
    updates = [args[0] for args in recorder.of("batch_update")]
    assert 2 <= len(updates) <= 3
    assert called == len(updates)  # it took only the batch ends it showed (the epoch's last among them)
    assert updates[-1]["step"] == 1000 and updates[-1]["batch"] == 999
    assert updates[-1]["loss"] == pytest.approx(1.0 / 1000)
    assert [u["step"] for u in updates] == sorted(u["step"] for u in updates)


def test_progress_is_emitted_once_per_whole_percent(qtbot: Any) -> None:
    bridge, recorder, clock, trainer = make_bridge(qtbot, epochs=2, steps=500)
    bridge.on_train_begin({})
    clock.now += 0.1
    for epoch in range(2):
        run_batches(bridge, trainer, clock, epoch, 500, 0.1)  # slow batches: every percent has its turn
        bridge.on_epoch_end(epoch, {"loss": 0.1})
    assert [args[0] for args in recorder.of("progress")] == list(range(101))


def test_fast_progress_is_rate_limited_and_ends_on_100(qtbot: Any) -> None:
    bridge, recorder, clock, trainer = make_bridge(qtbot, epochs=2, steps=500)
    bridge.on_train_begin({})
    for epoch in range(2):
        run_batches(bridge, trainer, clock, epoch, 500, 0.0005)  # 1000 batches in 0.5 s: 100 percents
        bridge.on_epoch_end(epoch, {"loss": 0.1})
    percents = [args[0] for args in recorder.of("progress")]
    assert percents[0] == 0 and percents[-1] == 100
    assert percents == sorted(set(percents))
    assert len(percents) <= 0.5 * 20 + 4  # ~20 a second (max_per_second) plus the flushes at epoch ends


def test_progress_skips_percents_when_steps_are_coarse(qtbot: Any) -> None:
    bridge, recorder, clock, trainer = make_bridge(qtbot, epochs=1, steps=7)
    bridge.on_train_begin({})
    clock.now += 0.1
    run_batches(bridge, trainer, clock, 0, 7, 0.1)
    assert [args[0] for args in recorder.of("progress")] == [0, 14, 28, 42, 57, 71, 85, 100]


def test_every_epoch_is_delivered_in_order_with_plain_values(qtbot: Any) -> None:
    bridge, recorder, clock, trainer = make_bridge(qtbot, epochs=5, steps=3)
    bridge.on_train_begin({})
    for epoch in range(5):
        run_batches(bridge, trainer, clock, epoch, 3, 0.0)  # no time passes: only the first and the end deliver
        bridge.on_epoch_end(epoch, {"loss": np.float32(0.25), "accuracy": np.float64(0.5)})
    bridge.on_train_end({})
    lists = [args[0] for args in recorder.of("epochs")]
    ends = [e for epochs in lists for e in epochs]
    assert [e["epoch"] for e in ends] == [0, 1, 2, 3, 4] and len(lists) == 2  # epoch 0 at once, the rest at the end
    assert all(type(e["loss"]) is float and type(e["accuracy"]) is float for e in ends)
    # the newest batch reaches the window before the epochs that end with it
    order = [(name, args[0]) for name, args in recorder.events if name in ("batch_update", "epochs")]
    for i, (name, payload) in enumerate(order):
        if name == "epochs":
            assert order[i - 1][0] == "batch_update" and order[i - 1][1]["step"] == payload[-1]["step"]


def test_fast_epochs_are_coalesced_into_a_few_lists_without_losing_one(qtbot: Any) -> None:
    bridge, recorder, clock, trainer = make_bridge(qtbot, epochs=2000, steps=1)
    bridge.on_train_begin({})
    for epoch in range(2000):  # 0.1 ms epochs: 0.2 s in all
        run_batches(bridge, trainer, clock, epoch, 1, 0.0001)
        bridge.on_epoch_end(epoch, {"loss": 1.0 / (epoch + 1)})
    bridge.on_train_end({})
    lists = [args[0] for args in recorder.of("epochs")]
    assert [e["epoch"] for epochs in lists for e in epochs] == list(range(2000))
    assert len(lists) <= 0.2 * 20 + 2  # ~20 deliveries a second, plus the first and the last
    assert len(recorder.of("batch_update")) <= len(lists) + 0.2 * 20 + 2


def test_a_new_learning_rate_applies_from_the_next_step(qtbot: Any) -> None:
    bridge, _, clock, trainer = make_bridge(qtbot)
    bridge.on_train_begin({})
    run_batches(bridge, trainer, clock, 0, 1, 0.0)
    assert not bridge.wants_batch_end(1)  # nothing to show or to do yet
    bridge.control.put_lr(0.5)  # the GUI asks in the middle of batch 1
    assert trainer.optimizer.lr == 0.1  # batch 1 keeps its rate
    assert bridge.wants_batch_end(1)  # a request waits: the bridge takes the end of batch 1
    bridge.on_train_batch_end(1, {"loss": 1.0, "size": 4})
    assert trainer.optimizer.lr == 0.5  # batch 2 on
    assert not bridge.control.attention and not bridge.wants_batch_end(2)


def test_capture_requests_are_forwarded_at_most_once_per_interval(qtbot: Any) -> None:
    bridge, recorder, clock, trainer = make_bridge(qtbot)
    bridge.on_train_begin({})
    for batch in range(100):  # a view asks during every batch, one batch per ms
        bridge.control.put_capture(True, batch % 2 == 0)
        assert bridge.wants_batch_end(batch)  # a request or a capture is on its way: every batch end is taken
        bridge.on_train_batch_end(batch, {"loss": 1.0, "size": 4})
        clock.now += 0.001
    assert len(trainer.captures) == 2  # at 0 ms and at 50 ms
    assert trainer.captures[0] == (True, True) and trainer.captures[1] == (True, True)
    gradients = {"dense_1/kernel": np.ones((2, 3))}
    bridge.on_train_batch_end(100, {"loss": 1.0, "size": 4, "gradients": gradients})
    (payload,) = recorder.of("captured")
    np.testing.assert_array_equal(payload[0]["gradients"]["dense_1/kernel"], gradients["dense_1/kernel"])
    assert "gradients" not in recorder.of("batch_update")[-1][0]


def test_an_epochs_last_batch_is_taken_when_its_results_go_out_or_the_run_ends(qtbot: Any) -> None:
    bridge, recorder, clock, trainer = make_bridge(qtbot, epochs=3, steps=2)
    bridge.on_train_begin({})
    assert bridge.wants_batch_end(0) and bridge.wants_batch_end(1)  # nothing sent yet
    bridge.on_train_batch_end(1, {"loss": 0.5, "size": 4})
    bridge.on_epoch_end(0, {"loss": 0.5})  # delivered at once: the next epoch results wait 1/20 s
    clock.now, trainer.epoch = 0.01, 1
    assert not bridge.wants_batch_end(0) and not bridge.wants_batch_end(1)
    bridge.on_epoch_end(1, {"loss": 0.4})  # kept for later
    trainer.epoch = 2
    assert not bridge.wants_batch_end(0) and bridge.wants_batch_end(1)  # the run's last batch
    clock.now, trainer.epoch = 0.06, 1
    assert bridge.wants_batch_end(1)  # due again
    assert [e["epoch"] for (epochs,) in recorder.of("epochs") for e in epochs] == [0]


def test_scores_go_out_with_epoch_deliveries_and_never_wake_the_window_on_their_own(qtbot: Any) -> None:
    """64 epochs in one second: a delivery every 7 epochs (0.1 s); scores ride on them at most every 0.25 s, each
    right after the list that ends on its epoch, and the run's last epoch is scored."""
    signals = TrainingSignals()
    events: list[tuple[str, Any]] = []
    signals.epochs.connect(lambda epochs: events.append(("epochs", epochs[-1]["epoch"])))
    signals.scores.connect(lambda payload: events.append(("scores", payload["epoch"])))
    clock = FakeClock()
    probe = (np.zeros((3, 2)), np.array([0, 1, 1]))
    bridge = SignalBridge(signals, RunControl(), epochs=64, rows=4, batch_size=4, max_per_second=10.0,
                          clock=clock, probe=probe, snapshots_per_second=4.0)
    trainer = fake_trainer()
    trainer.task, trainer.diverged = "binary", False
    trainer.predict_proba = lambda x: np.full((len(x), 1), 0.5)
    bridge.set_trainer(trainer)
    bridge.on_train_begin({})
    for epoch in range(64):
        clock.now = epoch / 64  # exact in binary: no rounding decides a delivery
        run_batches(bridge, trainer, clock, epoch, 1, 0.0)
        bridge.on_epoch_end(epoch, {"loss": 0.5})
    trainer.epoch = 64
    bridge.on_train_end({})
    assert [epoch for name, epoch in events if name == "epochs"] == list(range(0, 64, 7))
    scored = [(i, epoch) for i, (name, epoch) in enumerate(events) if name == "scores"]
    assert [epoch for _, epoch in scored] == [0, 21, 42, 63]
    assert all(events[i - 1] == ("epochs", epoch) for i, epoch in scored)


def test_a_waiting_capture_request_is_taken_up_when_its_turn_comes_not_on_every_batch(qtbot: Any) -> None:
    bridge, _, clock, trainer = make_bridge(qtbot)
    bridge.on_train_begin({})
    bridge.control.put_capture(True, True)
    assert bridge.wants_batch_end(0)
    bridge.on_train_batch_end(0, {"loss": 1.0, "size": 4})  # forwarded at once: the first capture
    assert trainer.captures == [(True, True)] and bridge.wants_batch_end(1)  # the capture comes with batch 1
    bridge.on_train_batch_end(1, {"loss": 1.0, "size": 4, "activations": {"dense_1": np.ones((4, 2))}})
    bridge.control.put_capture(False, True)  # the next request has to wait 1/20 s
    clock.now += 0.01
    bridge.on_train_batch_end(2, {"loss": 1.0, "size": 4})
    assert trainer.captures == [(True, True)]
    assert not bridge.wants_batch_end(3)  # waiting costs the batches nothing
    clock.now += 0.04
    assert bridge.wants_batch_end(3)
    bridge.on_train_batch_end(3, {"loss": 1.0, "size": 4})
    assert trainer.captures == [(True, True), (False, True)]


def test_stop_requested_from_outside_sets_the_trainer_flag_at_the_next_batch(qtbot: Any) -> None:
    bridge, _, clock, trainer = make_bridge(qtbot, steps=10)
    bridge.on_train_begin({})
    bridge.control.request_stop()
    run_batches(bridge, trainer, clock, 0, 1, 0.001)
    assert trainer.stop_training is True and trainer.stop_reason == USER_STOP


# -- real runs in the worker thread ---------------------------------------------------------------------------------
def xor_trainer(lr: float = 0.05, seed: int = 0) -> tuple[Trainer, np.ndarray, np.ndarray]:
    data = xor(n_samples=4)
    model = Sequential([{"type": "dense", "config": {"units": 8, "activation": "tanh"}},
                        {"type": "dense", "config": {"units": 1, "activation": "sigmoid"}}],
                       input_shape=(2,), seed=seed)
    trainer = Trainer(model, loss="binary_crossentropy", optimizer={"type": "adam", "config": {"lr": lr}},
                      metrics=["accuracy"], seed=seed)
    return trainer, data.x, data.y


@pytest.fixture
def controller(qtbot: Any) -> Any:
    ctl = TrainingController()
    yield ctl
    ctl.shutdown()


def test_a_run_emits_started_every_epoch_and_finished_once(qtbot: Any, controller: TrainingController) -> None:
    trainer, x, y = xor_trainer()
    controller.trainer = trainer
    recorder = Recorder(controller.signals)
    with qtbot.waitSignal(controller.signals.finished, timeout=TIMEOUT) as blocker:
        controller.start(x, y, validation=(x, y), epochs=300, batch_size=4)
        assert controller.is_running
    summary = blocker.args[0]
    assert [e for e, _ in recorder.events if e in ("started", "finished", "failed")] == ["started", "finished"]
    assert recorder.events[0][0] == "started"
    assert [a[0]["epoch"] for a in recorder.of("epoch_end")] == list(range(300))
    assert summary["epochs_run"] == 300 and summary["epoch"] == trainer.epoch == 300
    assert summary["stopped"] is False and summary["diverged"] is False
    assert recorder.of("epoch_end")[-1][0]["val_accuracy"] == 1.0  # XOR is learnt
    assert recorder.of("progress")[-1] == (100,)
    assert not controller.is_running and controller.state == IDLE


class PauseAt(Callback):
    """Presses Pause as epoch ``epoch`` begins, from the worker thread, so that the test knows where it lands."""

    def __init__(self, controller: TrainingController, epoch: int) -> None:
        super().__init__()
        self.controller, self.epoch = controller, epoch

    def on_epoch_begin(self, epoch: int, logs: dict[str, Any] | None = None) -> None:
        if epoch == self.epoch:
            self.controller.pause()


def wait_paused(qtbot: Any, controller: TrainingController) -> Any:
    return qtbot.waitSignal(controller.signals.paused, check_params_cb=lambda paused: paused, timeout=TIMEOUT)


def test_pause_blocks_the_worker_and_resume_continues(qtbot: Any, controller: TrainingController) -> None:
    trainer, x, y = xor_trainer()
    controller.trainer = trainer
    recorder = Recorder(controller.signals)
    with wait_paused(qtbot, controller):
        controller.start(x, y, epochs=1000, batch_size=1, shuffle=False, callbacks=[PauseAt(controller, 2)])
    assert controller.state == PAUSED
    # paused after the first of epoch 2's four batches
    assert (trainer.epoch, trainer.global_step, len(recorder.of("epoch_end"))) == (2, 9, 2)
    assert recorder.of("batch_update")[-1][0]["step"] == 9  # the latest values were flushed before waiting
    qtbot.wait(100)  # a running worker would finish dozens of epochs in this time
    assert (trainer.epoch, trainer.global_step, len(recorder.of("epoch_end"))) == (2, 9, 2)
    with qtbot.waitSignal(controller.signals.epoch_end, timeout=TIMEOUT):
        controller.resume()
    assert recorder.of("epoch_end")[2][0]["epoch"] == 2 and trainer.epoch >= 3
    with qtbot.waitSignal(controller.signals.finished, timeout=TIMEOUT):
        controller.stop()
    assert controller.state == IDLE


def test_batch_updates_count_the_samples_seen_although_most_batch_ends_are_skipped(
        qtbot: Any, controller: TrainingController) -> None:
    trainer, _, _ = xor_trainer()
    rng = np.random.default_rng(0)
    x, y = rng.standard_normal((10, 2)), rng.integers(0, 2, (10, 1)).astype(float)
    controller.trainer = trainer
    recorder = Recorder(controller.signals)
    with qtbot.waitSignal(controller.signals.finished, timeout=TIMEOUT):
        controller.start(x, y, epochs=300, batch_size=3)  # batches of 3, 3, 3 and 1 rows
    updates = [args[0] for args in recorder.of("batch_update")]
    assert updates[-1]["samples"] == 3000 and updates[-1]["step"] == 1200
    for update in updates:  # any batch: the epochs before, plus this epoch's batches so far
        assert update["samples"] == update["epoch"] * 10 + min(3 * (update["batch"] + 1), 10)


def test_stop_keeps_the_weights_reached(qtbot: Any, controller: TrainingController) -> None:
    trainer, x, y = xor_trainer()
    initial = trainer.model.get_weights()
    seen: dict[str, Any] = {}

    class LastWeights(Callback):
        def on_train_end(self, logs: dict[str, Any] | None = None) -> None:
            seen.update(self.trainer.model.get_weights())  # in the worker thread, as fit ends

    controller.trainer = trainer
    controller.signals.epoch_end.connect(lambda logs: logs["epoch"] == 20 and controller.stop())
    with qtbot.waitSignal(controller.signals.finished, timeout=TIMEOUT) as blocker:
        controller.start(x, y, epochs=100_000, batch_size=2, callbacks=[LastWeights()])
    summary = blocker.args[0]
    assert summary["stopped"] is True and summary["stop_reason"] == USER_STOP
    assert 21 <= summary["epoch"] < 100_000
    weights = trainer.model.get_weights()
    assert weights.keys() == seen.keys() == initial.keys()
    assert all(np.array_equal(weights[k], seen[k]) for k in weights)
    assert any(not np.array_equal(weights[k], initial[k]) for k in weights)
    np.testing.assert_array_equal(trainer.predict(x), trainer.model.predict(x))


def test_step_trains_exactly_one_more_epoch(qtbot: Any, controller: TrainingController) -> None:
    trainer, x, y = xor_trainer()
    controller.trainer = trainer
    with qtbot.waitSignal(controller.signals.finished, timeout=TIMEOUT):
        controller.start(x, y, epochs=3, batch_size=2)
    recorder = Recorder(controller.signals)
    with qtbot.waitSignal(controller.signals.finished, timeout=TIMEOUT) as blocker:
        controller.step()
    assert [a[0]["epoch"] for a in recorder.of("epoch_end")] == [3]
    assert trainer.epoch == 4 and blocker.args[0]["epochs_run"] == 1
    assert trainer.global_step == 4 * 2


def test_step_while_paused_finishes_the_epoch_and_pauses_again(qtbot: Any,
                                                                  controller: TrainingController) -> None:
    trainer, x, y = xor_trainer()
    controller.trainer = trainer
    with wait_paused(qtbot, controller):
        controller.start(x, y, epochs=1000, batch_size=1, callbacks=[PauseAt(controller, 1)])
    assert trainer.epoch == 1 and trainer.global_step == 5  # inside epoch 1
    with wait_paused(qtbot, controller):
        controller.step()
    assert (trainer.epoch, trainer.global_step, controller.state) == (2, 8, PAUSED)  # epoch 1 completed
    with wait_paused(qtbot, controller):
        controller.step()
    assert (trainer.epoch, trainer.global_step) == (3, 12)  # then exactly one whole epoch
    with qtbot.waitSignal(controller.signals.finished, timeout=TIMEOUT):
        controller.stop()
    assert trainer.epoch == 3


def test_an_exception_inside_fit_ends_in_one_failed(qtbot: Any, controller: TrainingController) -> None:
    class Broken(Callback):
        def on_epoch_end(self, epoch: int, logs: dict[str, Any] | None = None) -> None:
            if epoch == 1:
                raise ZeroDivisionError("division by zero")

    trainer, x, y = xor_trainer()
    controller.trainer = trainer
    recorder = Recorder(controller.signals)
    with qtbot.waitSignal(controller.signals.failed, timeout=TIMEOUT) as blocker:
        controller.start(x, y, epochs=10, batch_size=4, callbacks=[Broken()])
    message, details = blocker.args
    assert message == "Training stopped because of an unexpected error (ZeroDivisionError: division by zero)."
    assert "Traceback" in details and "on_epoch_end" in details
    qtbot.wait(20)
    assert len(recorder.of("failed")) == 1 and recorder.of("finished") == []
    assert not controller.is_running


def test_an_engine_error_is_reported_with_its_own_sentence(qtbot: Any, controller: TrainingController) -> None:
    trainer, _, y = xor_trainer()
    controller.trainer = trainer
    with qtbot.waitSignal(controller.signals.failed, timeout=TIMEOUT) as blocker:
        controller.start(np.ones((4, 3)), y, epochs=1)  # three features for a two-input model
    assert "expected inputs of shape (batch, 2)" in blocker.args[0]


def test_set_lr_during_a_run_applies_from_the_next_batch(qtbot: Any, controller: TrainingController) -> None:
    trainer, x, y = xor_trainer(lr=0.05)
    controller.trainer = trainer
    recorder = Recorder(controller.signals)
    with wait_paused(qtbot, controller):  # one batch per epoch: the pause lands after epoch 1's results
        controller.start(x, y, epochs=4, batch_size=4, callbacks=[PauseAt(controller, 1)])
    controller.set_lr(0.01)
    assert trainer.optimizer.lr == 0.05  # the mailbox holds it until the worker's next batch
    with qtbot.waitSignal(controller.signals.finished, timeout=TIMEOUT):
        controller.resume()
    assert [a[0]["lr"] for a in recorder.of("epoch_end")] == [0.05, 0.05, 0.01, 0.01]
    assert recorder.of("batch_update")[-1][0]["lr"] == 0.01


def test_set_lr_refuses_nonsense_and_start_refuses_a_second_run(qtbot: Any, controller: TrainingController) -> None:
    for bad in (0, -1.0, float("nan"), True, "0.1"):
        with pytest.raises(ConfigError, match="learning rate"):
            controller.set_lr(bad)
    with pytest.raises(ConfigError, match="build the model"):
        controller.start(np.zeros((4, 2)), np.zeros(4))
    trainer, x, y = xor_trainer()
    controller.trainer = trainer
    controller.set_lr(0.2)  # idle: applies directly
    assert trainer.optimizer.lr == 0.2
    controller.start(x, y, epochs=100_000, batch_size=1)
    with pytest.raises(ConfigError, match="already running"):
        controller.start(x, y)
    with pytest.raises(ConfigError, match="cannot be replaced"):
        controller.trainer = trainer
    with qtbot.waitSignal(controller.signals.finished, timeout=TIMEOUT):
        controller.stop()


def test_shutdown_while_paused_joins_the_thread(qtbot: Any) -> None:
    controller = TrainingController()
    trainer, x, y = xor_trainer()
    controller.trainer = trainer
    with wait_paused(qtbot, controller):
        controller.start(x, y, epochs=100_000, batch_size=1, callbacks=[PauseAt(controller, 0)])
    with qtbot.waitSignal(controller.signals.finished, timeout=TIMEOUT):
        controller.shutdown()
        assert not controller.is_running  # joined synchronously, no terminate()


def test_the_bridge_takes_a_batch_end_only_when_it_can_show_it_or_must_act(qtbot: Any) -> None:
    bridge, recorder, clock, trainer = make_bridge(qtbot, epochs=1, steps=10)
    bridge.on_train_begin({})
    assert bridge.wants_batch_end(0)  # nothing sent yet: due
    trainer.global_step += 1
    bridge.on_train_batch_end(0, {"loss": 0.5, "size": 4})
    assert not bridge.wants_batch_end(1)  # just sent: not due for 1/20 s
    assert bridge.wants_batch_end(9)  # an epoch's last batch
    clock.now += 0.06
    assert bridge.wants_batch_end(2)  # due again
    clock.now = 0.0
    bridge.control.request_pause()
    assert bridge.wants_batch_end(3)  # its values are flushed before the worker waits
    bridge.control.request_resume()
    assert not bridge.wants_batch_end(3)
    bridge.control.request_stop()
    assert bridge.wants_batch_end(3)
    assert len(recorder.of("batch_update")) == 1
