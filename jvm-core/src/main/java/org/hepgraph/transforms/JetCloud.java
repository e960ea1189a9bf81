package org.hepgraph.transforms;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.hepgraph.HepgraphException.InvalidGraphException;
import org.hepgraph.data.GraphBatch;
import org.hepgraph.data.PaddedParticles;

/**
 * One chunk of padded jets as NDArrays, trimmed to its longest jet: {@code values [B, P, F]},
 * {@code mask [B, P]} and the node offsets {@code ptr [B + 1]} of the graphs they become. Real
 * particle {@code p} of jet {@code b} becomes node {@code ptr[b] + p}.
 */
final class JetCloud {

    private static final double TWO_PI = 2 * Math.PI;

    final NDManager manager;
    final NDArray values;
    final NDArray mask;
    final long[] ptr;
    final long[] labels;
    final int numJets;
    final int maxParticles;
    final List<String> names;

    private JetCloud(
            NDManager manager,
            NDArray values,
            NDArray mask,
            long[] ptr,
            long[] labels,
            int p,
            List<String> names) {
        this.manager = manager;
        this.values = values;
        this.mask = mask;
        this.ptr = ptr;
        this.labels = labels;
        this.numJets = labels.length;
        this.maxParticles = p;
        this.names = names;
    }

    /**
     * Copies {@code jets} into {@code manager}. Empty jets are dropped when {@code skipEmpty},
     * refused otherwise; the loop runs over jets, never over particles.
     */
    static JetCloud of(NDManager manager, PaddedParticles jets, boolean skipEmpty, String who) {
        List<Integer> kept = new ArrayList<>();
        int p = 0;
        for (int i = 0; i < jets.numJets(); i++) {
            int n = jets.counts()[i];
            if (n == 0 && !skipEmpty) {
                throw new InvalidGraphException(
                        String.format(
                                "%s: jet %d has 0 particles; a graph needs at least one node. "
                                        + "Drop empty jets first or call optSkipEmpty(true)",
                                who, i));
            }
            if (n > 0) {
                kept.add(i);
                p = Math.max(p, n);
            }
        }
        if (kept.isEmpty()) {
            throw new InvalidGraphException(
                    who + ": all " + jets.numJets() + " jets are empty; nothing to build");
        }
        int b = kept.size();
        int f = jets.numFeatures();
        float[] v = new float[b * p * f];
        long[] counts = new long[b];
        long[] ptr = new long[b + 1];
        long[] labels = new long[b];
        for (int r = 0; r < b; r++) {
            int jet = kept.get(r);
            int n = jets.counts()[jet];
            System.arraycopy(jets.values(), jet * jets.maxParticles() * f, v, r * p * f, n * f);
            counts[r] = n;
            ptr[r + 1] = ptr[r] + n;
            labels[r] = jets.labels()[jet];
        }
        NDArray values = manager.create(v, new Shape(b, p, f));
        NDArray slots = manager.arange(0, p, 1, DataType.INT64).reshape(1, p);
        NDArray mask = slots.lt(manager.create(counts).reshape(b, 1));
        return new JetCloud(manager, values, mask, ptr, labels, p, jets.featureNames());
    }

    /** The index of feature {@code name} (case-insensitive) or an error that names the fix. */
    static int column(List<String> names, String name, String who) {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).toLowerCase(Locale.ROOT).equals(name)) {
                return i;
            }
        }
        throw new InvalidGraphException(
                String.format(
                        "%s: the particles have features %s but no '%s'; name the feature "
                                + "columns of PaddedParticles pt, eta, phi, e (see "
                                + "PaddedParticles.PT_ETA_PHI_E)",
                        who, names, name));
    }

    /** Feature {@code name} of every slot, {@code [B, P]}. */
    NDArray feature(String name, String who) {
        return values.get(new NDIndex(":, :, {}", column(names, name, who)));
    }

    /** Folds angle differences into [-π, π]: {@code d − 2π·round(d / 2π)}. */
    static NDArray wrapPhi(NDArray dphi) {
        return dphi.sub(dphi.div(TWO_PI).round().mul(TWO_PI));
    }

    /**
     * Squared distances {@code ΔR²[b, i, j] = (η_i − η_j)² + Δφ_ij²}, {@code [B, P, P]}, padding
     * included (callers mask it). φ is first folded into [-π, π] per particle, so {@code |φ_i −
     * φ_j| ≤ 2π} and the pair fold is {@code min(|Δφ|, 2π − |Δφ|)}: cheaper than a round over
     * {@code B·P²} values. No square root: ordering and thresholds work on ΔR² (the {@code [B, P,
     * P]} ops dominate the cost, so in-place ops keep allocation down).
     */
    NDArray pairwiseDeltaR2(String who) {
        NDArray eta = feature("eta", who);
        NDArray phi = wrapPhi(feature("phi", who));
        NDArray d2 = eta.expandDims(2).sub(eta.expandDims(1));
        d2.muli(d2);
        NDArray dphi = phi.expandDims(2).sub(phi.expandDims(1)).abs();
        NDArray folded = dphi.neg().addi(TWO_PI).minimum(dphi);
        return d2.addi(folded.muli(folded));
    }

    /** {@code d2} where {@code select}, +∞ elsewhere (so topK never picks those). */
    NDArray farWhereNot(NDArray select, NDArray d2) {
        return NDArrays.where(select, d2, manager.create(Float.POSITIVE_INFINITY));
    }

    /** {@code [B, P, P]} boolean: both slots real, and {@code i ≠ j} unless {@code loop}. */
    NDArray pairMask(boolean loop) {
        NDArray both = mask.expandDims(2).logicalAnd(mask.expandDims(1));
        if (loop) {
            return both;
        }
        NDArray offDiagonal = manager.eye(maxParticles).eq(0).expandDims(0);
        return both.logicalAnd(offDiagonal);
    }

    /** All slots {@code j} for every centre, {@code [B, P, P]} int64. */
    NDArray allSlots() {
        return manager.arange(0, maxParticles, 1, DataType.INT64)
                .reshape(1, 1, maxParticles)
                .broadcast(numJets, maxParticles, maxParticles);
    }

    /**
     * Makes the batch: an edge {@code neighbour[b, i, s] → i} for every {@code select[b, i, s]}, in
     * row-major order (jet, centre, slot), and node features from {@code features}. The result is
     * attached to {@code out}; everything else stays in this cloud's manager.
     *
     * @param select {@code [B, P, K]} boolean
     * @param neighbour {@code [B, P, K]} int64 slot of the neighbour within its jet
     */
    GraphBatch assemble(NDManager out, NDArray select, NDArray neighbour, NodeFeatures features) {
        Shape s = select.getShape();
        NDArray offsets = manager.create(Arrays.copyOf(ptr, numJets)).reshape(numJets, 1, 1);
        NDArray centre =
                manager.arange(0, maxParticles, 1, DataType.INT64)
                        .reshape(1, maxParticles, 1)
                        .add(offsets)
                        .broadcast(s);
        NDArray src = neighbour.add(offsets).booleanMask(select);
        NDArray dst = centre.booleanMask(select);
        NDArray edgeIndex = src.stack(dst);
        NDArray x =
                features.compute(values, mask, names)
                        .toType(DataType.FLOAT32, false)
                        .get(new NDIndex("{}", mask));
        NDArray y = manager.create(labels);
        x.attach(out);
        edgeIndex.attach(out);
        y.attach(out);
        return GraphBatch.fromArrays(x, edgeIndex, null, ptr, y);
    }
}
