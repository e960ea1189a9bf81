package org.hepgraph.detectors;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hepgraph.HepgraphException.InvalidArgumentException;

/**
 * A detector's key/value settings read against its {@link DetectorOption}s: absent keys take the
 * option's default, unknown keys are refused (listing the valid ones), and each typed read checks
 * its range, naming the kind, key, value and what is allowed.
 *
 * <p>Factories use it in {@link DetectorFactory#config}: {@code new Settings(kind, settings,
 * options()).intIn("hidden", 1, 4096)}.
 */
public final class Settings {

    private final String kind;
    private final Map<String, String> values = new LinkedHashMap<>();

    /**
     * @throws InvalidArgumentException if {@code settings} holds a key that is not an option
     */
    public Settings(String kind, Map<String, String> settings, List<DetectorOption> options) {
        this.kind = kind;
        for (DetectorOption o : options) {
            values.put(o.key(), o.defaultValue());
        }
        for (Map.Entry<String, String> e : settings.entrySet()) {
            if (!values.containsKey(e.getKey())) {
                List<String> keys = new ArrayList<>(values.keySet());
                throw new InvalidArgumentException(
                        kind
                                + ": unknown option '"
                                + e.getKey()
                                + "' (= '"
                                + e.getValue()
                                + "'); valid options are "
                                + (keys.isEmpty() ? "none" : String.join(", ", keys))
                                + " (see 'hepgraph models')");
            }
            values.put(e.getKey(), e.getValue() == null ? "" : e.getValue().trim());
        }
    }

    /** The raw text of {@code key} (its default when not set). */
    public String text(String key) {
        String v = values.get(key);
        if (v == null) {
            throw new IllegalArgumentException(kind + ": option '" + key + "' is not declared");
        }
        return v;
    }

    /** An integer in {@code [min, max]}. */
    public int intIn(String key, int min, int max) {
        String v = text(key);
        try {
            int x = Integer.parseInt(v);
            if (x >= min && x <= max) {
                return x;
            }
        } catch (NumberFormatException e) {
            // reported below with the range
        }
        throw bad(key, v, "an integer in [" + min + ", " + max + "]");
    }

    /** A long integer (e.g. a seed), any value. */
    public long longValue(String key) {
        String v = text(key);
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw bad(key, v, "an integer");
        }
    }

    /**
     * A finite number in {@code (minExclusive, maxInclusive]}; use {@code -Double.MAX_VALUE} for no
     * lower bound.
     */
    public double doubleIn(String key, double minExclusive, double maxInclusive) {
        String v = text(key);
        try {
            double x = Double.parseDouble(v);
            if (Double.isFinite(x) && x > minExclusive && x <= maxInclusive) {
                return x;
            }
        } catch (NumberFormatException e) {
            // reported below with the range
        }
        throw bad(key, v, "a number in (" + minExclusive + ", " + maxInclusive + "]");
    }

    /** A number in {@code [minInclusive, maxExclusive)}. */
    public double doubleFromTo(String key, double minInclusive, double maxExclusive) {
        String v = text(key);
        try {
            double x = Double.parseDouble(v);
            if (x >= minInclusive && x < maxExclusive) {
                return x;
            }
        } catch (NumberFormatException e) {
            // reported below with the range
        }
        throw bad(key, v, "a number in [" + minInclusive + ", " + maxExclusive + ")");
    }

    /** {@code true} or {@code false}. */
    public boolean bool(String key) {
        String v = text(key).toLowerCase(Locale.ROOT);
        return switch (v) {
            case "true" -> true;
            case "false" -> false;
            default -> throw bad(key, v, "true or false");
        };
    }

    /** One of {@code allowed} (case-insensitive), returned in lower case. */
    public String choice(String key, String... allowed) {
        String v = text(key).toLowerCase(Locale.ROOT);
        for (String a : allowed) {
            if (a.equals(v)) {
                return v;
            }
        }
        throw bad(key, text(key), "one of " + String.join(", ", allowed));
    }

    private InvalidArgumentException bad(String key, String value, String range) {
        return new InvalidArgumentException(
                kind + ": option " + key + "='" + value + "' is invalid; it must be " + range);
    }
}
