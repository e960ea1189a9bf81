"""8 Python threads × 10,000 gateway calls leave memory flat on both sides.

Measured (this machine, 8 × 10,000 calls take about 2 s): after the warm-up, a round of 80,000
calls grows the Python process's RSS by 0 KiB and the JVM's by 0 to 1 MiB (with -Xmx128m, so that
garbage not yet collected cannot pass for growth; without a heap cap G1 takes new pages for a while
and the JVM's RSS rises by tens of MiB a round before it levels off). The bounds below are about 16
times that: they catch a leak of more than ~200 bytes per call in the JVM (16 MiB / 80,000) and
~50 bytes per call in Python (4 MiB / 80,000).
"""

import gc
import os
from concurrent.futures import ThreadPoolExecutor

import hepgraph as hg

THREADS = 8
CALLS = 10_000
JVM_BOUND_KIB = 16 * 1024
PYTHON_BOUND_KIB = 4 * 1024


def rss_kib(pid: int) -> int:
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise AssertionError(f"no VmRSS in /proc/{pid}/status")


def test_many_threads_many_calls_flat_memory():
    hg.shutdown()
    s = hg.connect(jvm_options=["-Xmx128m"])
    try:
        def calls(_):
            for _ in range(CALLS):
                assert s.call("pid", s.entry.pid) == s.pid

        def one_round():
            with ThreadPoolExecutor(THREADS) as pool:
                list(pool.map(calls, range(THREADS)))

        for _ in range(2):  # warm-up: JIT, Py4J's connection pool, the heap reaching its size
            one_round()
        gc.collect()
        py0, jvm0 = rss_kib(os.getpid()), rss_kib(s.pid)
        one_round()
        gc.collect()
        py1, jvm1 = rss_kib(os.getpid()), rss_kib(s.pid)
        assert py1 - py0 < PYTHON_BOUND_KIB, f"Python RSS {py0} -> {py1} KiB"
        assert jvm1 - jvm0 < JVM_BOUND_KIB, f"JVM RSS {jvm0} -> {jvm1} KiB"
    finally:
        hg.shutdown()  # the next test gets a JVM with the default options
