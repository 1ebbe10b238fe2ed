package io.github.faceparse4j.examples.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;

import io.github.faceparse4j.core.backend.FastPath;

/** Every variant of a prototype computes the same function: same parameters in, same outputs and gradients out. */
class PrototypeNetworksTest {

    @BeforeAll
    static void fastPath() {
        FastPath.ensure();
    }

    @Test
    void tunedEncoderDecoderComputesTheStockOne() {
        assertSameFunction(PrototypeNetworks.encoderDecoder(PrototypeNetworks.Style.STOCK_LAYERS),
                PrototypeNetworks.encoderDecoder(PrototypeNetworks.Style.TUNED));
    }

    @Test
    void tunedInterlinkedNetComputesTheStockOne() {
        assertSameFunction(PrototypeNetworks.interlinked(PrototypeNetworks.Style.STOCK_LAYERS),
                PrototypeNetworks.interlinked(PrototypeNetworks.Style.TUNED));
    }

    @Test
    void encoderDecoderHasThePyTorchTwinsParameterCount() {
        assertEquals(34_691, PrototypeNetworks.encoderDecoder(PrototypeNetworks.Style.TUNED).build().numParams());
        assertEquals(284_769, PrototypeNetworks.interlinked(PrototypeNetworks.Style.TUNED).build().numParams());
    }

    private static void assertSameFunction(BenchNetwork stockNet, BenchNetwork tunedNet) {
        ComputationGraph stock = stockNet.build();
        ComputationGraph tuned = tunedNet.build();
        for (Layer layer : stock.getLayers()) {
            if (layer.numParams() > 0) {
                Map<String, INDArray> target = tuned.getLayer(layer.conf().getLayer().getLayerName()).paramTable();
                layer.paramTable().forEach((key, value) -> target.get(key).assign(value));
            }
        }
        MultiDataSet batch = stockNet.randomBatch(2, 5);
        INDArray x = batch.getFeatures(0);
        assertClose(stock.outputSingle(x), tuned.outputSingle(x), "output");
        for (ComputationGraph net : new ComputationGraph[] {stock, tuned}) {
            net.setInputs(batch.getFeatures());
            net.setLabels(batch.getLabels());
            net.computeGradientAndScore();
        }
        assertEquals(stock.score(), tuned.score(), 1e-5 * Math.abs(stock.score()), "loss");
        Map<String, INDArray> expected = stock.gradient().gradientForVariable();
        Map<String, INDArray> actual = tuned.gradient().gradientForVariable();
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((name, g) -> assertClose(g, actual.get(name), "gradient " + name));
    }

    private static void assertClose(INDArray expected, INDArray actual, String what) {
        INDArray e = expected.castTo(DataType.DOUBLE);
        double diff = e.sub(actual.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
        double scale = Math.max(1e-3, e.amaxNumber().doubleValue());
        assertTrue(diff <= 1e-4 * scale, what + ": max |difference| " + diff + " at scale " + scale);
    }
}
