package org.hepgraph.io.hdf5;

import static org.hepgraph.data.JetKinematics.asinh;

import java.util.List;
import org.hepgraph.data.PaddedParticles;

/**
 * Jets whose particles are stored as four-momenta {@code (E, px, py, pz)} in a float array {@code
 * [N, P, 4]} (the "converted" top-tagging files of the LGN / LorentzNet / ParT papers: {@code Pmu},
 * {@code Nobj}, {@code is_signal}), read through {@link ParticleArrayRows} and turned into {@code
 * (pt, eta, phi, e)} as the reference table's columns are ({@link PandasJetRows}): {@code pt =
 * sqrt(px² + py²)}, {@code eta = asinh(pz / pt)}, {@code phi = atan2(py, px)}. A real particle with
 * {@code pt = 0} (along the beam: no η) is refused, naming the jet and particle.
 */
final class FourMomentumRows implements JetRows {

    private final H5File f;
    private final String dataset;
    private final ParticleArrayRows rows;

    FourMomentumRows(H5File f, String dataset, ParticleArrayRows rows) {
        this.f = f;
        this.dataset = dataset;
        this.rows = rows;
    }

    @Override
    public long rowCount() {
        return rows.rowCount();
    }

    @Override
    public List<String> featureNames() {
        return PaddedParticles.PT_ETA_PHI_E;
    }

    @Override
    public Slice read(long from, int n) {
        Slice s = rows.read(from, n);
        PaddedParticles in = s.jets();
        int p = in.maxParticles();
        float[] v = in.values();
        float[] out = new float[v.length];
        for (int r = 0; r < in.numJets(); r++) {
            for (int j = 0; j < in.counts()[r]; j++) {
                int at = (r * p + j) * 4;
                double e = v[at];
                double px = v[at + 1];
                double py = v[at + 2];
                double pz = v[at + 3];
                double pt = Math.hypot(px, py);
                if (pt == 0 && (e != 0 || pz != 0)) {
                    throw f.error(
                            dataset,
                            String.format(
                                    "jet (row) %d, particle %d has px = py = 0 (no pseudorapidity)",
                                    s.rowIds()[r], j),
                            "drop that particle or jet, or give the particles' count (Nobj) so"
                                    + " that padding is not read");
                }
                out[at] = (float) pt;
                out[at + 1] = pt == 0 ? 0f : (float) asinh(pz / pt);
                out[at + 2] = (float) Math.atan2(py, px);
                out[at + 3] = (float) e;
            }
        }
        PaddedParticles jets =
                new PaddedParticles(
                        in.numJets(),
                        p,
                        4,
                        out,
                        in.counts(),
                        in.labels(),
                        PaddedParticles.PT_ETA_PHI_E);
        return new Slice(jets, s.rowIds(), s.labels(), s.idColumns());
    }

    @Override
    public void close() {
        rows.close();
    }
}
