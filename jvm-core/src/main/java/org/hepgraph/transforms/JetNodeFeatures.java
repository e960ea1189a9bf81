package org.hepgraph.transforms;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import java.util.List;

/**
 * Built-in node features for jets.
 *
 * <ul>
 *   <li>{@link #RAW}: the input features unchanged, {@code [B, P, F]}.
 *   <li>{@link #RELATIVE}: 7 features per particle relative to the jet axis (ParticleNet's inputs),
 *       {@code [B, P, 7]}.
 * </ul>
 */
public enum JetNodeFeatures implements NodeFeatures {

    /** The input features unchanged. */
    RAW {
        @Override
        public NDArray compute(NDArray values, NDArray mask, List<String> featureNames) {
            return values;
        }

        @Override
        public List<String> outputNames(List<String> featureNames) {
            return List.copyOf(featureNames);
        }
    },

    /**
     * {@code [Δη, Δφ, log pT, log E, log(pT/pT_jet), log(E/E_jet), ΔR]}, in that order.
     *
     * <p>The jet is the sum of the real constituents' 4-vectors: {@code px = pT cos φ}, {@code py =
     * pT sin φ}, {@code pz = pT sinh η}, {@code E}; then {@code pT_jet = sqrt(Px² + Py²)}, {@code
     * η_jet = asinh(Pz / pT_jet)}, {@code φ_jet = atan2(Py, Px)}. {@code Δη = η − η_jet}, {@code Δφ
     * = φ − φ_jet} folded into {@code [-π, π]}, {@code ΔR = sqrt(Δη² + Δφ²)}. Needs features named
     * {@code pt, eta, phi, e} (any order, case-insensitive); pT and E must be positive for the
     * logarithms to be finite.
     */
    RELATIVE {
        @Override
        public NDArray compute(NDArray values, NDArray mask, List<String> featureNames) {
            String who = "JetNodeFeatures.RELATIVE";
            NDArray pt = column(values, featureNames, "pt", who);
            NDArray eta = column(values, featureNames, "eta", who);
            NDArray phi = column(values, featureNames, "phi", who);
            NDArray e = column(values, featureNames, "e", who);
            // Padding is zero by contract; masking keeps stray values out of the jet sums anyway.
            NDArray real = mask.toType(DataType.FLOAT32, false);
            NDArray ptReal = pt.mul(real);
            int[] particles = {1};
            NDArray jetPx = ptReal.mul(phi.cos()).sum(particles, true);
            NDArray jetPy = ptReal.mul(phi.sin()).sum(particles, true);
            NDArray jetPz = ptReal.mul(eta.sinh()).sum(particles, true);
            NDArray jetE = e.mul(real).sum(particles, true);
            NDArray jetPt = jetPx.square().add(jetPy.square()).sqrt();
            NDArray jetEta = asinh(jetPz.div(jetPt));
            NDArray jetPhi = jetPy.atan2(jetPx);
            NDArray deta = eta.sub(jetEta);
            NDArray dphi = JetCloud.wrapPhi(phi.sub(jetPhi));
            NDArray logPt = pt.log();
            NDArray logE = e.log();
            return NDArrays.stack(
                    new NDList(
                            deta,
                            dphi,
                            logPt,
                            logE,
                            logPt.sub(jetPt.log()),
                            logE.sub(jetE.log()),
                            deta.square().add(dphi.square()).sqrt()),
                    2);
        }

        @Override
        public List<String> outputNames(List<String> featureNames) {
            return List.of("deta", "dphi", "log_pt", "log_e", "log_pt_rel", "log_e_rel", "delta_r");
        }
    };

    /**
     * {@code asinh(z) = sign(z)·log(|z| + sqrt(z² + 1))}: DJL 0.36's PyTorch engine throws "Not
     * implemented" for {@code NDArray.asinh}; the odd form keeps precision for large negative z.
     */
    private static NDArray asinh(NDArray z) {
        NDArray a = z.abs();
        return z.sign().mul(a.add(a.square().add(1).sqrt()).log());
    }

    private static NDArray column(NDArray values, List<String> names, String name, String who) {
        return values.get(new NDIndex(":, :, {}", JetCloud.column(names, name, who)));
    }
}
