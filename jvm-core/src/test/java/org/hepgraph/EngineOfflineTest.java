package org.hepgraph;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import org.junit.jupiter.api.Test;

class EngineOfflineTest {

    @Test
    void pytorchEngineStartsOfflineWithTheBundledNatives() {
        assertEquals("true", System.getProperty("ai.djl.offline"));
        assertEquals("true", System.getenv("DJL_OFFLINE"));
        Engine engine = Engine.getEngine("PyTorch");
        assertEquals("2.7.1", engine.getVersion());
    }
}
