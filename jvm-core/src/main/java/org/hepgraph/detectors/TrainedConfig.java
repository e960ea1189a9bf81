package org.hepgraph.detectors;

import org.hepgraph.train.TrainingConfig;

/**
 * The config of a kind that trains a model (every kind but {@code size}): its own options plus the
 * {@link TrainingOptions} it was built with, so that code driving any trained kind (the GIN
 * factories, parity traces) reads how it trains without knowing the record.
 */
public interface TrainedConfig extends DetectorConfig {

    /** How a detector of this config trains. */
    TrainingConfig training();
}
