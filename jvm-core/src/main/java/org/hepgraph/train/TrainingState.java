package org.hepgraph.train;

import ai.djl.nn.Parameter;
import java.util.List;

/** What a {@link TrainingListener} may read and do during a run of {@link TrainingLoop}. */
public interface TrainingState {

    /** The run's settings. */
    TrainingConfig config();

    /** Every parameter that some {@link ParameterGroup} updates (snapshot or restore them). */
    List<Parameter> parameters();

    /** Optimisation steps taken so far. */
    long steps();

    /** Steps in one epoch. */
    int stepsPerEpoch();

    /** Ends the run after the current epoch (e.g. early stopping). */
    void requestStop();

    /** Whether some listener asked to stop. */
    boolean stopRequested();
}
