package org.hepgraph.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.hepgraph.HepgraphException.InvalidGraphException;
import org.hepgraph.HepgraphException.TrainingException;
import org.hepgraph.data.Graph;

/**
 * Trains an {@link Objective} on normal graphs; knows nothing of any model. Each epoch shuffles the
 * training graphs, asks the {@link BatchSource} for each chunk's step input, minimises the mean
 * per-graph loss, clips the gradients by their global norm, and lets every {@link ParameterGroup}'s
 * optimiser update its parameters. After each epoch the mean loss of the held-out graphs goes to
 * the listeners.
 *
 * <p>Always installed: a {@link MetricsLogger} (whose {@link TrainingHistory} {@link #fit} returns)
 * and {@link EarlyStopping} with the config's patience (restores the best epoch's weights), before
 * the caller's listeners.
 *
 * <p>Deterministic: the validation split, batch order and any augmentation draw from {@code
 * java.util.Random(config.seed())}. Every step builds its inputs, graph and gradients inside its
 * own {@code NDManager} sub-scope, so native memory does not grow with the step count. One host
 * read per step: the loss and the squared gradient norm come back together, after the backward
 * pass.
 */
public final class TrainingLoop {

    private final TrainingConfig config;

    public TrainingLoop(TrainingConfig config) {
        this.config = config;
    }

    public TrainingConfig config() {
        return config;
    }

    /**
     * Trains {@code objective} on {@code graphs} (all assumed normal).
     *
     * @param manager owner of the weights; every step runs in a sub-manager of it
     * @param source turns a chunk of graphs into a step input
     * @param groups what to update and how; at least one, none empty
     * @param listeners told about the run after the built-in ones
     * @return per-epoch losses, best epoch, whether the run stopped early, steps taken
     */
    public <B> TrainingHistory fit(
            NDManager manager,
            List<Graph> graphs,
            Objective<B> objective,
            BatchSource<B> source,
            List<ParameterGroup> groups,
            List<? extends TrainingListener> listeners) {
        if (graphs.size() < 2) {
            throw new InvalidGraphException(
                    "TrainingLoop.fit: got "
                            + graphs.size()
                            + " training graph(s); need at least 2");
        }
        for (int i = 0; i < graphs.size(); i++) {
            graphs.get(i).validate("TrainingLoop.fit: training graph " + i);
        }
        List<Parameter> trainable = trainable(groups);
        Random random = new Random(config.seed());
        List<Graph> shuffled = new ArrayList<>(graphs);
        Collections.shuffle(shuffled, random);
        int numValidation =
                graphs.size() >= 10
                        ? (int) Math.ceil(config.validationFraction() * graphs.size())
                        : 0;
        List<Graph> validation = shuffled.subList(0, numValidation);
        List<Graph> train = new ArrayList<>(shuffled.subList(numValidation, shuffled.size()));
        try (NDManager scope = manager.newSubManager()) {
            objective.beforeTraining(scope, train);
        }

        int batchSize = config.batchSize();
        int stepsPerEpoch = (train.size() + batchSize - 1) / batchSize;
        List<Optimizer> optimizers = new ArrayList<>();
        for (ParameterGroup g : groups) {
            optimizers.add(g.optimizer().create(tracker(g.learningRate(), stepsPerEpoch)));
        }
        State state = new State(trainable, stepsPerEpoch);
        MetricsLogger metrics = new MetricsLogger();
        List<TrainingListener> all = new ArrayList<>();
        all.add(metrics);
        all.add(new EarlyStopping(config.patience()));
        all.addAll(listeners);
        for (TrainingListener l : all) {
            l.onTrainingStart(state);
        }
        for (int epoch = 0; epoch < config.epochs() && !state.stop; epoch++) {
            Collections.shuffle(train, random);
            double sum = 0;
            for (int from = 0; from < train.size(); from += batchSize) {
                List<Graph> chunk = train.subList(from, Math.min(train.size(), from + batchSize));
                double mean =
                        step(
                                manager,
                                objective,
                                scope -> source.batch(scope, chunk, random),
                                groups,
                                optimizers);
                sum += mean * chunk.size();
                state.steps++;
            }
            double trainLoss = sum / train.size();
            double val =
                    validation.isEmpty()
                            ? trainLoss
                            : meanLoss(manager, objective, source, validation);
            for (TrainingListener l : all) {
                l.onEpochEnd(epoch, trainLoss, val);
            }
        }
        for (TrainingListener l : all) {
            l.onTrainingEnd();
        }
        return metrics.history();
    }

    /**
     * Runs one optimisation step per element of {@code inputs}, in the given order, exactly as
     * {@link #fit} steps (mean per-graph loss, backward, global-norm clipping at {@code
     * config.clipNorm()}, each group's optimiser) but without shuffling, validation split, {@link
     * Objective#beforeTraining} or listeners: for parity traces against another implementation. The
     * learning rate follows the config's schedule over {@code inputs.size()} steps (the cosine
     * reaches 1 % of the base rate at the last step).
     *
     * @param inputs step inputs, each built in the step's own sub-manager
     * @return the mean loss of each step, before its update
     */
    public <B> double[] steps(
            NDManager manager,
            Objective<B> objective,
            List<? extends Function<NDManager, B>> inputs,
            List<ParameterGroup> groups) {
        trainable(groups);
        TrainingConfig once = config.withEpochs(1);
        List<Optimizer> optimizers = new ArrayList<>();
        for (ParameterGroup g : groups) {
            optimizers.add(
                    g.optimizer()
                            .create(
                                    new TrainingLoop(once)
                                            .tracker(g.learningRate(), inputs.size())));
        }
        double[] losses = new double[inputs.size()];
        for (int i = 0; i < losses.length; i++) {
            losses[i] = step(manager, objective, inputs.get(i), groups, optimizers);
        }
        return losses;
    }

    /** One optimisation step on one step input; returns its mean per-graph loss. */
    private <B> double step(
            NDManager manager,
            Objective<B> objective,
            Function<NDManager, B> input,
            List<ParameterGroup> groups,
            List<Optimizer> optimizers) {
        try (NDManager scope = manager.newSubManager()) {
            B batch = input.apply(scope);
            NDArray mean;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                mean = objective.lossPerGraph(batch, true).mean();
                collector.backward(mean);
            }
            List<NDArray> grads = new ArrayList<>();
            for (ParameterGroup g : groups) {
                for (Parameter p : g.parameters()) {
                    NDArray grad = p.getArray().getGradient();
                    grad.attach(scope);
                    grads.add(grad);
                }
            }
            // One device op and one host read: [loss, Σ‖g‖²] in float64 (squares of large but
            // finite float32 gradients overflow float32).
            NDList parts = new NDList(grads.size() + 1);
            parts.add(mean.toType(DataType.FLOAT64, false).reshape(1));
            for (NDArray g : grads) {
                parts.add(g.toType(DataType.FLOAT64, false).square().sum().reshape(1));
            }
            NDArray all = NDArrays.concat(parts);
            NDArray summary =
                    NDArrays.concat(new NDList(all.get("0:1"), all.get("1:").sum().reshape(1)));
            double[] host = summary.toDoubleArray();
            double loss = host[0];
            if (!Double.isFinite(loss)) {
                throw new TrainingException(
                        "TrainingLoop: the loss became "
                                + (float) loss
                                + "; lower the learning rate or check the features for extreme"
                                + " values");
            }
            if (!Double.isFinite(host[1])) {
                throw nonFiniteGradient(groups, grads);
            }
            double norm = Math.sqrt(host[1]);
            if (config.clipNorm() > 0 && norm > config.clipNorm()) {
                float scale = (float) (config.clipNorm() / norm);
                for (NDArray g : grads) {
                    g.muli(scale);
                }
            }
            int i = 0;
            for (int k = 0; k < groups.size(); k++) {
                for (Parameter p : groups.get(k).parameters()) {
                    NDArray g = grads.get(i++);
                    optimizers.get(k).update(p.getId(), p.getArray(), g);
                    g.muli(0f);
                }
            }
            return loss;
        }
    }

    /**
     * Names the first parameter whose gradient is not finite (error path only: reads per param).
     */
    private static TrainingException nonFiniteGradient(
            List<ParameterGroup> groups, List<NDArray> grads) {
        int i = 0;
        for (ParameterGroup group : groups) {
            for (Parameter p : group.parameters()) {
                NDArray g = grads.get(i++);
                double s = g.toType(DataType.FLOAT64, false).square().sum().getDouble();
                if (!Double.isFinite(s)) {
                    return new TrainingException(
                            "TrainingLoop: the gradient of parameter '"
                                    + p.getName()
                                    + "' "
                                    + g.getShape()
                                    + " became non-finite (activations overflowed); lower the"
                                    + " learning rate (--set lr=...), use mean aggregation"
                                    + " (--set aggregation=mean) on dense graphs, or check the"
                                    + " node features for extreme values");
                }
            }
        }
        return new TrainingException(
                "TrainingLoop: the global gradient norm became non-finite; lower the learning"
                        + " rate (--set lr=...)");
    }

    /**
     * The mean per-graph loss over {@code graphs} without training behaviour. The step inputs draw
     * from a fresh {@code Random(seed)} each time, so that augmented views are the same every epoch
     * and the losses of two epochs compare.
     */
    private <B> double meanLoss(
            NDManager manager, Objective<B> objective, BatchSource<B> source, List<Graph> graphs) {
        Random random = new Random(config.seed());
        double sum = 0;
        for (int from = 0; from < graphs.size(); from += config.batchSize()) {
            List<Graph> chunk =
                    graphs.subList(from, Math.min(graphs.size(), from + config.batchSize()));
            try (NDManager scope = manager.newSubManager()) {
                float[] losses =
                        objective
                                .lossPerGraph(source.batch(scope, chunk, random), false)
                                .toFloatArray();
                for (float l : losses) {
                    sum += l * ((double) chunk.size() / losses.length);
                }
            }
        }
        return sum / graphs.size();
    }

    private Tracker tracker(float lr, int stepsPerEpoch) {
        return config.cosine()
                ? Tracker.cosine()
                        .setBaseValue(lr)
                        .optFinalValue(lr * 0.01f)
                        .setMaxUpdates(Math.max(1, config.epochs() * stepsPerEpoch))
                        .build()
                : Tracker.fixed(lr);
    }

    private static List<Parameter> trainable(List<ParameterGroup> groups) {
        if (groups.isEmpty()) {
            throw new InvalidArgumentException(
                    "TrainingLoop.fit: no parameter groups; give at least one ParameterGroup");
        }
        List<Parameter> out = new ArrayList<>();
        for (ParameterGroup g : groups) {
            if (g.parameters().isEmpty()) {
                throw new InvalidArgumentException(
                        "TrainingLoop.fit: parameter group '" + g.name() + "' is empty");
            }
            for (Parameter p : g.parameters()) {
                if (!p.requiresGradient()) {
                    throw new InvalidArgumentException(
                            "TrainingLoop.fit: parameter '"
                                    + p.getName()
                                    + "' of group '"
                                    + g.name()
                                    + "' does not require gradients; leave frozen parameters"
                                    + " out of every group");
                }
                out.add(p);
            }
        }
        return List.copyOf(out);
    }

    private final class State implements TrainingState {
        private final List<Parameter> parameters;
        private final int stepsPerEpoch;
        private long steps;
        private boolean stop;

        State(List<Parameter> parameters, int stepsPerEpoch) {
            this.parameters = parameters;
            this.stepsPerEpoch = stepsPerEpoch;
        }

        @Override
        public TrainingConfig config() {
            return config;
        }

        @Override
        public List<Parameter> parameters() {
            return parameters;
        }

        @Override
        public long steps() {
            return steps;
        }

        @Override
        public int stepsPerEpoch() {
            return stepsPerEpoch;
        }

        @Override
        public void requestStop() {
            stop = true;
        }

        @Override
        public boolean stopRequested() {
            return stop;
        }
    }
}
