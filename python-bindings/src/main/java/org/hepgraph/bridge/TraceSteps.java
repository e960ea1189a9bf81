package org.hepgraph.bridge;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.hepgraph.HepgraphException.InvalidArgumentException;

/**
 * The steps of a {@link DetectorTrace#train} call: slice bounds {@code [0, ..., n]} over its {@code
 * n} graphs, rising strictly; step {@code i} trains on the graphs {@code [ptr[i], ptr[i+1])}, in
 * order.
 */
final class TraceSteps {

    /** What one step trains on, built in the step's scope from its slice of graphs. */
    interface SliceInput<T> {
        T of(NDManager scope, int from, int to);
    }

    private final int[] ptr;

    private TraceSteps(int[] ptr) {
        this.ptr = ptr;
    }

    /** The bounds in {@code ptrJson} (a JSON array) over {@code n} graphs; refuses bad bounds. */
    static TraceSteps parse(String who, String ptrJson, int n) throws IOException {
        int[] ptr = new ObjectMapper().readValue(ptrJson, int[].class);
        boolean ok = ptr.length >= 2 && ptr[0] == 0 && ptr[ptr.length - 1] == n;
        for (int i = 0; ok && i + 1 < ptr.length; i++) {
            ok = ptr[i] < ptr[i + 1];
        }
        if (!ok) {
            throw new InvalidArgumentException(
                    who
                            + ": step bounds "
                            + Arrays.toString(ptr)
                            + " must rise strictly from 0 to the number of graphs, "
                            + n);
        }
        return new TraceSteps(ptr);
    }

    /** The inputs of the steps, in order, for {@link org.hepgraph.train.TrainingLoop#steps}. */
    <T> List<Function<NDManager, T>> inputs(SliceInput<T> input) {
        List<Function<NDManager, T>> inputs = new ArrayList<>();
        for (int i = 0; i + 1 < ptr.length; i++) {
            int from = ptr[i];
            int to = ptr[i + 1];
            inputs.add(scope -> input.of(scope, from, to));
        }
        return inputs;
    }
}
