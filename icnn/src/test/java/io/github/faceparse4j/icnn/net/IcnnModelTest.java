package io.github.faceparse4j.icnn.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.faceparse4j.icnn.part.PartType;
import org.junit.jupiter.api.Test;

class IcnnModelTest {

    @Test
    void fiveNetworksWithThePapersSizesAndLabels() {
        assertEquals(64, IcnnModel.STAGE1.inputSize());
        assertEquals(9, IcnnModel.STAGE1.numLabels());
        assertTrue(IcnnModel.STAGE1.partType().isEmpty());
        assertEquals(80, IcnnModel.MOUTH.inputSize());
        assertEquals(4, IcnnModel.MOUTH.numLabels());
        for (PartType type : PartType.values()) {
            IcnnModel model = IcnnModel.of(type);
            assertEquals(type, model.partType().orElseThrow());
            assertEquals(type.numLabels(), model.numLabels());
            assertEquals(type.labelNames(), model.labelNames());
        }
        assertEquals("icnn-brow", IcnnModel.BROW.kind());
        assertEquals("icnn-stage1.model.zip", IcnnModel.STAGE1.fileName());
        assertEquals(2, IcnnModel.EYE.networkBuilder().build().numLabels());
    }

    @Test
    void idsRoundTrip() {
        for (IcnnModel model : IcnnModel.values()) {
            assertEquals(model, IcnnModel.byId(model.id().toUpperCase()));
        }
        assertThrows(IllegalArgumentException.class, () -> IcnnModel.byId("ear"));
    }
}
