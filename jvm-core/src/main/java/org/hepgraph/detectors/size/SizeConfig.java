package org.hepgraph.detectors.size;

import java.util.Map;
import org.hepgraph.detectors.DetectorConfig;

/** The config of the size-only baseline: it has no options. */
public record SizeConfig() implements DetectorConfig {

    public static final String KIND = "size";

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Map<String, String> toMap() {
        return Map.of();
    }
}
