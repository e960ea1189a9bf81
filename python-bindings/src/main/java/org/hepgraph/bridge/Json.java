package org.hepgraph.bridge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Structured answers cross the bridge as one JSON string: one round trip, instead of one per
 * element of a proxied Java collection.
 */
final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Json: cannot write " + value.getClass(), e);
        }
    }
}
