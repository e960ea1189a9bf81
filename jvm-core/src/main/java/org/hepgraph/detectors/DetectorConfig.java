package org.hepgraph.detectors;

import java.util.Map;

/**
 * The immutable configuration of one detector kind (a record per kind, e.g. {@code OcginConfig}):
 * architecture and training settings with their defaults, validated when built.
 *
 * <p>{@link #toMap()} gives every option as text, keyed as in {@link DetectorFactory#options()}, so
 * that {@code factory.config(config.toMap())} rebuilds an equal config.
 */
public interface DetectorConfig {

    /** The registry key of the kind this config belongs to. */
    String kind();

    /** Every option as key → value text, in the order of {@link DetectorFactory#options()}. */
    Map<String, String> toMap();
}
