package org.hepgraph.io;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.hepgraph.HepgraphException.InvalidArgumentException;

/**
 * The settings a data source reads: the caller's map, overridden by {@code key=value} pairs written
 * into the URI ({@code toy:jets=100,seed=3}). URI keys are checked against the source's known keys;
 * map keys a source does not know are ignored (one map serves every source).
 */
public final class SourceOptions {

    private final String uri;
    private final Map<String, String> values;

    private SourceOptions(String uri, Map<String, String> values) {
        this.uri = uri;
        this.values = values;
    }

    /**
     * Merges {@code options} with the pairs of {@code uriPairs} (comma separated, may be empty).
     *
     * @param known the keys this source understands, for the URI check
     */
    public static SourceOptions of(
            String uri, String uriPairs, Map<String, String> options, Set<String> known) {
        return of(uri, uriPairs, options, known, ",");
    }

    /** As {@link #of(String, String, Map, Set)}, with pairs separated by {@code separator}. */
    static SourceOptions of(
            String uri,
            String uriPairs,
            Map<String, String> options,
            Set<String> known,
            String separator) {
        Map<String, String> v = new LinkedHashMap<>(options);
        if (uriPairs != null && !uriPairs.isBlank()) {
            for (String pair : uriPairs.split(java.util.regex.Pattern.quote(separator))) {
                int eq = pair.indexOf('=');
                String key = eq < 0 ? pair.trim() : pair.substring(0, eq).trim();
                if (eq < 0 || !known.contains(key)) {
                    throw new InvalidArgumentException(
                            "--dataset "
                                    + uri
                                    + ": '"
                                    + pair
                                    + "' is not a known option; write key=value pairs with keys"
                                    + " from "
                                    + known);
                }
                v.put(key, pair.substring(eq + 1).trim());
            }
        }
        return new SourceOptions(uri, v);
    }

    /** Integer option {@code key}, {@code dflt} when absent; below {@code min} is an error. */
    public int integer(String key, int dflt, int min, String fix) {
        String s = values.get(key);
        if (s == null || s.isBlank()) {
            return dflt;
        }
        int v;
        try {
            v = Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            throw new InvalidArgumentException(
                    uri + ": " + key + " = '" + s + "' is not an integer; " + fix);
        }
        if (v < min) {
            throw new InvalidArgumentException(
                    uri + ": " + key + " = " + v + " but it must be at least " + min + "; " + fix);
        }
        return v;
    }

    /** Long option {@code key}, {@code dflt} when absent. */
    public long longValue(String key, long dflt) {
        String s = values.get(key);
        if (s == null || s.isBlank()) {
            return dflt;
        }
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            throw new InvalidArgumentException(
                    uri + ": " + key + " = '" + s + "' is not an integer; give a whole number");
        }
    }

    /** Whether the option {@code key} was given (non-blank). */
    public boolean has(String key) {
        String s = values.get(key);
        return s != null && !s.isBlank();
    }

    /** String option {@code key}, {@code dflt} when absent. */
    public String string(String key, String dflt) {
        String s = values.get(key);
        return s == null || s.isBlank() ? dflt : s.trim();
    }
}
