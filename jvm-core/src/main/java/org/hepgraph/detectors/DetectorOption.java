package org.hepgraph.detectors;

/**
 * One option of a detector kind, as listed by {@code hepgraph models} and accepted by {@code --set
 * key=value}.
 *
 * @param key the option's name, e.g. {@code hidden}
 * @param defaultValue its default, as text
 * @param description what it does and which values it takes
 */
public record DetectorOption(String key, String defaultValue, String description) {}
