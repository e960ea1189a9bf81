package org.hepgraph.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.optimizer.Adam;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.hepgraph.HepgraphException.InvalidGraphException;
import org.hepgraph.HepgraphException.TrainingException;
import org.hepgraph.data.Graph;
import org.hepgraph.data.GraphBatch;
import org.hepgraph.models.GraphAnomalyModel;

/**
 * Trains a {@link Detector} on normal graphs: Adam, a cosine learning-rate schedule, gradient
 * clipping by global norm, and early stopping on a validation split of the training graphs (the
 * weights of the best validation epoch are kept).
 *
 * <p>Deterministic: the split and the batch order come from {@code java.util.Random(seed)}, the
 * initial weights from the model config's seed. Every step builds its batch, graph and gradients
 * inside its own {@code NDManager} sub-scope, so native memory does not grow with the step count.
 *
 * <p>Defaults: 50 epochs, batch 64, learning rate 1e-3 with a cosine decay to 1 %, clip norm 5,
 * validation fraction 0.1, patience 10 epochs, seed 0.
 */
public final class Trainer {

    private final int epochs;
    private final int batchSize;
    private final float learningRate;
    private final boolean cosineSchedule;
    private final float clipNorm;
    private final double validationFraction;
    private final int patience;
    private final long seed;
    private final PrintStream progressOut;

    private Trainer(Builder b) {
        epochs = b.epochs;
        batchSize = b.batchSize;
        learningRate = b.learningRate;
        cosineSchedule = b.cosineSchedule;
        clipNorm = b.clipNorm;
        validationFraction = b.validationFraction;
        patience = b.patience;
        seed = b.seed;
        progressOut = b.progressOut;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Trains {@code detector} on {@code graphs} (all assumed normal) and returns the history. */
    public TrainingHistory fit(Detector detector, List<Graph> graphs) {
        if (graphs.size() < 2) {
            throw new InvalidGraphException(
                    "Trainer.fit: got " + graphs.size() + " training graph(s); need at least 2");
        }
        for (int i = 0; i < graphs.size(); i++) {
            graphs.get(i).validate("Trainer.fit: training graph " + i);
        }
        Random random = new Random(seed);
        List<Graph> shuffled = new ArrayList<>(graphs);
        Collections.shuffle(shuffled, random);
        int numValidation =
                graphs.size() >= 10 ? (int) Math.ceil(validationFraction * graphs.size()) : 0;
        List<Graph> validation = shuffled.subList(0, numValidation);
        List<Graph> train = new ArrayList<>(shuffled.subList(numValidation, shuffled.size()));

        GraphAnomalyModel model = detector.model();
        ParameterStore ps = detector.parameterStore();
        FeatureStats stats = FeatureStats.of(train);
        model.setFeatureScaling(stats.mean(), stats.std());
        try (NDManager scope = detector.manager().newSubManager()) {
            List<GraphBatch> batches = new ArrayList<>();
            for (int from = 0; from < train.size(); from += batchSize) {
                batches.add(
                        GraphBatch.of(
                                scope,
                                train.subList(from, Math.min(train.size(), from + batchSize))));
            }
            model.beforeTraining(ps, batches);
        }

        int stepsPerEpoch = (train.size() + batchSize - 1) / batchSize;
        Tracker lr =
                cosineSchedule
                        ? Tracker.cosine()
                                .setBaseValue(learningRate)
                                .optFinalValue(learningRate * 0.01f)
                                .setMaxUpdates(Math.max(1, epochs * stepsPerEpoch))
                                .build()
                        : Tracker.fixed(learningRate);
        Optimizer optimizer = Adam.builder().optLearningRateTracker(lr).build();
        List<Parameter> trainable = trainableParameters(model);

        List<Double> trainLoss = new ArrayList<>();
        List<Double> validationLoss = new ArrayList<>();
        double best = Double.POSITIVE_INFINITY;
        int bestEpoch = -1;
        List<float[]> bestWeights = null;
        boolean stoppedEarly = false;
        long steps = 0;
        ProgressBar bar =
                progressOut == null
                        ? ProgressBar.silent()
                        : new ProgressBar(progressOut, "train " + model.config().kind(), epochs);
        for (int epoch = 0; epoch < epochs; epoch++) {
            Collections.shuffle(train, random);
            double sum = 0;
            for (int from = 0; from < train.size(); from += batchSize) {
                List<Graph> chunk = train.subList(from, Math.min(train.size(), from + batchSize));
                sum += step(detector, ps, optimizer, trainable, chunk) * chunk.size();
                steps++;
            }
            trainLoss.add(sum / train.size());
            double val =
                    validation.isEmpty() ? trainLoss.get(epoch) : meanLoss(detector, validation);
            validationLoss.add(val);
            if (val < best) {
                best = val;
                bestEpoch = epoch;
                bestWeights = snapshot(trainable);
            }
            bar.update(
                    epoch + 1,
                    String.format(Locale.ROOT, "loss %.4g val %.4g", trainLoss.get(epoch), val));
            if (epoch - bestEpoch >= patience) {
                stoppedEarly = true;
                break;
            }
        }
        restore(trainable, bestWeights);
        return new TrainingHistory(trainLoss, validationLoss, bestEpoch, stoppedEarly, steps);
    }

    /** One optimisation step on one batch; returns the batch's mean loss. */
    double step(
            Detector detector,
            ParameterStore ps,
            Optimizer optimizer,
            List<Parameter> trainable,
            List<Graph> chunk) {
        try (NDManager scope = detector.manager().newSubManager()) {
            GraphBatch batch = GraphBatch.of(scope, chunk);
            float loss;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray mean = detector.model().lossPerGraph(ps, batch, true).mean();
                loss = mean.getFloat();
                if (!Float.isFinite(loss)) {
                    throw new TrainingException(
                            "Trainer: the loss became "
                                    + loss
                                    + "; lower the learning rate or check the features for extreme values");
                }
                collector.backward(mean);
            }
            List<NDArray> grads = new ArrayList<>(trainable.size());
            for (Parameter p : trainable) {
                NDArray g = p.getArray().getGradient();
                g.attach(scope);
                grads.add(g);
            }
            clip(trainable, grads);
            for (int i = 0; i < trainable.size(); i++) {
                Parameter p = trainable.get(i);
                optimizer.update(p.getId(), p.getArray(), grads.get(i));
                grads.get(i).muli(0f);
            }
            return loss;
        }
    }

    private void clip(List<Parameter> params, List<NDArray> grads) {
        double sumSquares = 0;
        for (int i = 0; i < grads.size(); i++) {
            // In float64: squares of large but finite float32 gradients overflow float32.
            double squares =
                    grads.get(i).toType(DataType.FLOAT64, false).square().sum().getDouble();
            if (!Double.isFinite(squares)) {
                throw new TrainingException(
                        "Trainer: the gradient of parameter '"
                                + params.get(i).getName()
                                + "' "
                                + grads.get(i).getShape()
                                + " became non-finite (activations overflowed); lower the "
                                + "learning rate (--lr), use mean aggregation (--aggregation "
                                + "mean) on dense graphs, or check the node features for extreme "
                                + "values");
            }
            sumSquares += squares;
        }
        double norm = Math.sqrt(sumSquares);
        if (clipNorm > 0 && norm > clipNorm) {
            float scale = (float) (clipNorm / norm);
            for (NDArray g : grads) {
                g.muli(scale);
            }
        }
    }

    /** The mean per-graph loss over {@code graphs}, without training behaviour. */
    double meanLoss(Detector detector, List<Graph> graphs) {
        float[] losses = detector.score(graphs, batchSize);
        double sum = 0;
        for (float l : losses) {
            sum += l;
        }
        return sum / losses.length;
    }

    static List<Parameter> trainableParameters(GraphAnomalyModel model) {
        List<Parameter> out = new ArrayList<>();
        for (Pair<String, Parameter> p : model.getParameters()) {
            if (p.getValue().requiresGradient()) {
                out.add(p.getValue());
            }
        }
        return out;
    }

    private static List<float[]> snapshot(List<Parameter> params) {
        List<float[]> out = new ArrayList<>(params.size());
        for (Parameter p : params) {
            out.add(p.getArray().toFloatArray());
        }
        return out;
    }

    private static void restore(List<Parameter> params, List<float[]> weights) {
        if (weights == null) {
            return;
        }
        for (int i = 0; i < params.size(); i++) {
            params.get(i).getArray().set(weights.get(i));
        }
    }

    /** Builds a {@link Trainer}; every option has a documented default. */
    public static final class Builder {
        private int epochs = 50;
        private int batchSize = 64;
        private float learningRate = 1e-3f;
        private boolean cosineSchedule = true;
        private float clipNorm = 5f;
        private double validationFraction = 0.1;
        private int patience = 10;
        private long seed;
        private PrintStream progressOut;

        public Builder optEpochs(int epochs) {
            this.epochs = epochs;
            return this;
        }

        public Builder optBatchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        public Builder optLearningRate(float learningRate) {
            this.learningRate = learningRate;
            return this;
        }

        /** Cosine decay to 1 % of the rate over all steps (true, default) or a constant rate. */
        public Builder optCosineSchedule(boolean cosine) {
            this.cosineSchedule = cosine;
            return this;
        }

        /** Rescale gradients whose global L2 norm exceeds this (default 5; 0 disables). */
        public Builder optClipNorm(float clipNorm) {
            this.clipNorm = clipNorm;
            return this;
        }

        /** Fraction of the training graphs held out for early stopping (default 0.1). */
        public Builder optValidationFraction(double fraction) {
            this.validationFraction = fraction;
            return this;
        }

        /** Epochs without a better validation loss before stopping (default 10). */
        public Builder optPatience(int patience) {
            this.patience = patience;
            return this;
        }

        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Where to draw the progress bar (default: nowhere). */
        public Builder optProgress(PrintStream out) {
            this.progressOut = out;
            return this;
        }

        public Trainer build() {
            if (epochs <= 0 || batchSize <= 0 || !(learningRate > 0) || patience <= 0) {
                throw new InvalidArgumentException(
                        String.format(
                                Locale.ROOT,
                                "Trainer.builder(): epochs, batchSize, learningRate and patience "
                                        + "must be > 0, got %d, %d, %g, %d",
                                epochs,
                                batchSize,
                                learningRate,
                                patience));
            }
            if (validationFraction < 0 || validationFraction >= 1) {
                throw new InvalidArgumentException(
                        "Trainer.builder(): validationFraction must lie in [0, 1), got "
                                + validationFraction);
            }
            return new Trainer(this);
        }
    }
}
