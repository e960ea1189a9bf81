package org.hepgraph.bridge;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.hepgraph.data.Graph;
import org.hepgraph.detectors.AnomalyDetector;
import org.hepgraph.train.TrainingHistory;
import org.hepgraph.train.TrainingListener;
import org.hepgraph.train.TrainingState;

/**
 * One {@link AnomalyDetector#fit} running on its own thread, which Python polls for progress.
 *
 * <p>Polling rather than a Py4J callback: the JVM never opens a connection back to Python (no
 * second server, port or token), a Python that stops listening cannot stall training, and a JVM
 * that dies shows up on the next poll. {@link #poll} waits on the JVM side until a new epoch ends,
 * so a poll costs one round trip per epoch, not a busy loop.
 */
public final class TrainingJob implements TrainingListener {

    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final List<double[]> epochs = new ArrayList<>();
    private int totalEpochs = -1;
    private boolean done;
    private TrainingHistory history;
    private Throwable failure;
    private volatile TrainingState state;
    private volatile boolean cancelled;

    TrainingJob(AnomalyDetector detector, List<Graph> graphs) {
        Thread t =
                new Thread(
                        () -> run(detector, graphs),
                        "hepgraph-fit-" + detector.kind() + "-" + COUNTER.incrementAndGet());
        t.setDaemon(true);
        t.start();
    }

    private void run(AnomalyDetector detector, List<Graph> graphs) {
        TrainingHistory h = null;
        Throwable err = null;
        try {
            h = detector.fit(graphs, this);
        } catch (Throwable e) {
            err = e;
        }
        synchronized (this) {
            history = h;
            failure = err;
            done = true;
            notifyAll();
        }
    }

    @Override
    public void onTrainingStart(TrainingState s) {
        state = s;
        synchronized (this) {
            totalEpochs = s.config().epochs();
            notifyAll();
        }
        if (cancelled) {
            s.requestStop();
        }
    }

    @Override
    public synchronized void onEpochEnd(int epoch, double trainLoss, double validationLoss) {
        epochs.add(new double[] {trainLoss, validationLoss});
        notifyAll();
    }

    /**
     * Waits up to {@code waitMillis} for an epoch beyond the first {@code known} (for the start of
     * training when {@code known} is negative) or the end of the run, then reports: {@code total}
     * epochs planned (-1 before training starts), the {@code epochs} after the first {@code known}
     * as {@code [train, validation]} loss pairs, and {@code done}.
     */
    public Map<String, Object> poll(int known, long waitMillis) throws InterruptedException {
        long deadline = System.nanoTime() + Math.max(0, waitMillis) * 1_000_000L;
        synchronized (this) {
            while (!done && epochs.size() <= known && !(known < 0 && totalEpochs >= 0)) {
                long left = (deadline - System.nanoTime()) / 1_000_000L;
                if (left <= 0) {
                    break;
                }
                wait(left);
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("total", totalEpochs);
            m.put(
                    "epochs",
                    List.copyOf(
                            epochs.subList(Math.clamp(known, 0, epochs.size()), epochs.size())));
            m.put("done", done);
            return m;
        }
    }

    /** {@link #poll} as JSON, one string over the bridge. */
    public String pollJson(int known, long waitMillis) throws InterruptedException {
        return Json.write(poll(known, waitMillis));
    }

    /** Whether the run has ended (normally, by an error or by {@link #cancel}). */
    public synchronized boolean isDone() {
        return done;
    }

    /** Asks the run to stop after the current epoch (as early stopping does). */
    public void cancel() {
        cancelled = true;
        TrainingState s = state;
        if (s != null) {
            s.requestStop();
        }
    }

    /**
     * The finished run's history, as JSON ({@code trainLoss}, {@code validationLoss}, {@code
     * bestEpoch}, {@code stoppedEarly}, {@code steps}); rethrows the very exception {@code fit}
     * threw, so its class and code reach Python unchanged.
     *
     * @throws IllegalStateException while the run is still going
     */
    public synchronized String resultJson() {
        if (!done) {
            throw new IllegalStateException(
                    "TrainingJob.result: training is still running; poll until done");
        }
        if (failure instanceof RuntimeException r) {
            throw r;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        if (failure != null) {
            throw new IllegalStateException(failure);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("trainLoss", history.trainLoss());
        m.put("validationLoss", history.validationLoss());
        m.put("bestEpoch", history.bestEpoch());
        m.put("stoppedEarly", history.stoppedEarly());
        m.put("steps", history.steps());
        return Json.write(m);
    }
}
