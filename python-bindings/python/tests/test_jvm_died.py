import os
import signal

import pytest

import hepgraph as hg
from conftest import random_graphs


def test_jvm_killed_during_fit_raises_jvm_died_and_the_next_call_starts_a_fresh_one():
    s = hg.connect()
    pid = s.pid
    graphs = random_graphs(n=64)

    def kill_after_first_epoch(epoch, *_):
        if epoch == 0:
            os.kill(pid, signal.SIGKILL)

    det = hg.Detector("ocgin", epochs=500, hidden=8)
    with pytest.raises(hg.errors.JvmDiedError) as e:
        det.fit(graphs, progress=False, callback=kill_after_first_epoch)
    message = str(e.value)
    assert f"JVM (pid {pid}) died during Detector.fit" in message
    assert "SIGKILL" in message and "starts a fresh JVM" in message
    assert not s.is_running()
    assert s._exchange is not None and not s._exchange.directory.exists(), (
        "nothing of the dead JVM is left in shared memory")

    assert hg.version()
    fresh = hg.connect()
    assert fresh.pid != pid and fresh.is_running()
    with pytest.raises(hg.errors.JvmDiedError, match="create or load it again"):
        det.score(graphs)
    det.close()  # closing a detector of a dead JVM is harmless
    with hg.Detector("ocgin", epochs=1, hidden=8) as again:
        again.fit(graphs, progress=False)
        assert len(again.score(graphs)) == len(graphs)


def test_jvm_killed_between_calls_is_replaced_on_the_next_call():
    s = hg.connect()
    os.kill(s.pid, signal.SIGKILL)
    s.proc.wait()
    with pytest.warns(RuntimeWarning, match="starting a fresh one"):
        assert hg.version()
    assert hg.connect().pid != s.pid
