package io.github.faceparse4j.rnngate.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.faceparse4j.rnngate.op.GateInputs;
import io.github.faceparse4j.rnngate.op.GateMode;
import io.github.faceparse4j.rnngate.op.GateRecurrence;
import java.util.Random;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.ops.transforms.Transforms;

class GateRecurrenceLayerTest {

    private static final int C = 3;
    private static final int H = 4;
    private static final int W = 5;

    /**
     * A small graph: x and g pass through their own 1x1 convolution (so that the gradient check also covers dX and
     * dG through the convolutions' parameters), are merged into [X ; G], run through the recurrence and a 1x1
     * convolution into a per-pixel softmax loss.
     */
    static ComputationGraph graph(GateMode mode, DataType type, long seed) {
        ComputationGraphConfiguration.GraphBuilder builder = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(type)
                .updater(new NoOp())
                .weightInit(WeightInit.XAVIER)
                .graphBuilder()
                .addInputs(mode.hasGate() ? new String[] {"x", "g"} : new String[] {"x"})
                .addLayer("xc", new ConvolutionLayer.Builder(1, 1).nOut(C).activation(Activation.IDENTITY).build(),
                        "x");
        String rnnInput = "xc";
        if (mode.hasGate()) {
            builder.addLayer("gc", new ConvolutionLayer.Builder(1, 1).nOut(C).activation(Activation.IDENTITY).build(),
                    "g");
            builder.addVertex("xg", new MergeVertex(), "xc", "gc");
            rnnInput = "xg";
        }
        builder.addLayer("rnn", GateRecurrenceLayer.builder().setMode(mode).setChannels(C).biasInit(0.1).build(),
                        rnnInput)
                .addLayer("out", new ConvolutionLayer.Builder(1, 1).nOut(2).activation(Activation.IDENTITY).build(),
                        "rnn")
                .addLayer("loss", new CnnLossLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .activation(Activation.SOFTMAX).build(), "out")
                .setOutputs("loss")
                .setInputTypes(mode.hasGate()
                        ? new InputType[] {InputType.convolutional(H, W, 2), InputType.convolutional(H, W, 2)}
                        : new InputType[] {InputType.convolutional(H, W, 2)});
        ComputationGraph graph = new ComputationGraph(builder.build());
        graph.init();
        if (mode.hasRecurrentWeights()) {
            // Distinct biases per direction: with equal ones the first nodes of two directions tie exactly at the
            // map corners (h_0 = x + g·b either way), where the max is not differentiable in b.
            Layer rnn = graph.getLayer("rnn");
            rnn.setParam("b", random(new Random(seed), type, 4, C).muli(0.5));
        }
        return graph;
    }

    static INDArray[] features(GateMode mode, int batch, DataType type, long seed) {
        Random random = new Random(seed);
        INDArray x = random(random, type, batch, 2, H, W);
        return mode.hasGate() ? new INDArray[] {x, random(random, type, batch, 2, H, W)} : new INDArray[] {x};
    }

    static INDArray labels(int batch, DataType type, long seed) {
        Random random = new Random(seed);
        INDArray labels = Nd4j.zeros(type, batch, 2, H, W);
        for (int n = 0; n < batch; n++) {
            for (int y = 0; y < H; y++) {
                for (int x = 0; x < W; x++) {
                    labels.putScalar(new long[] {n, random.nextInt(2), y, x}, 1.0);
                }
            }
        }
        return labels;
    }

    private static INDArray random(Random random, DataType type, long... shape) {
        INDArray array = Nd4j.create(DataType.DOUBLE, shape);
        for (long i = 0; i < array.length(); i++) {
            array.putScalar(i, 2 * random.nextDouble() - 1);
        }
        return array.castTo(type);
    }

    @ParameterizedTest
    @EnumSource(GateMode.class)
    void passesGradientCheck(GateMode mode) {
        // GradientCheckUtil needs double defaults; restore them so later tests in this JVM see ND4J's own.
        DataType savedDefault = Nd4j.dataType();
        DataType savedFloat = Nd4j.defaultFloatingPointType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        try {
            ComputationGraph graph = graph(mode, DataType.DOUBLE, 12345);
            boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig().net(graph)
                    .inputs(features(mode, 2, DataType.DOUBLE, 1))
                    .labels(new INDArray[] {labels(2, DataType.DOUBLE, 2)})
                    .epsilon(1e-6).maxRelError(1e-4).minAbsoluteError(1e-9)
                    .print(GradientCheckUtil.PrintMode.FAILURES_ONLY));
            assertTrue(ok, mode + " gradient check");
        } finally {
            Nd4j.setDefaultDataTypes(savedDefault, savedFloat);
        }
    }

    @ParameterizedTest
    @EnumSource(GateMode.class)
    void configurationSurvivesJson(GateMode mode) {
        ComputationGraph graph = graph(mode, DataType.FLOAT, 7);
        String json = graph.getConfiguration().toJson();
        ComputationGraphConfiguration restored = ComputationGraphConfiguration.fromJson(json);
        assertEquals(graph.getConfiguration(), restored);
        LayerVertex vertex = (LayerVertex) restored.getVertices().get("rnn");
        GateRecurrenceLayer layer = (GateRecurrenceLayer) vertex.getLayerConf().getLayer();
        assertEquals(mode, layer.getMode());
        assertEquals(C, layer.channels());
        ComputationGraph copy = new ComputationGraph(restored);
        copy.init(graph.params().dup(), false);
        INDArray[] in = features(mode, 2, DataType.FLOAT, 3);
        assertEquals(graph.outputSingle(in), copy.outputSingle(in));
    }

    @Test
    void layerOutputIsTheOpOnTheSquashedGate() {
        ComputationGraph graph = graph(GateMode.LINEAR, DataType.DOUBLE, 5);
        INDArray[] in = features(GateMode.LINEAR, 3, DataType.DOUBLE, 4);
        INDArray merged = graph.feedForward(in, false).get("xg");
        INDArray output = graph.feedForward(in, false).get("rnn");
        Layer rnn = graph.getLayer("rnn");
        INDArray x = merged.get(NDArrayIndex.all(), NDArrayIndex.interval(0, C), NDArrayIndex.all(),
                NDArrayIndex.all());
        INDArray g = Transforms.tanh(merged.get(NDArrayIndex.all(), NDArrayIndex.interval(C, 2 * C),
                NDArrayIndex.all(), NDArrayIndex.all()), true);
        INDArray expected = GateRecurrence.builder().setMode(GateMode.LINEAR).build()
                .forward(GateInputs.of(x, g, rnn.getParam("W"), rnn.getParam("b"))).hidden();
        assertEquals(expected, output);
        assertArrayEquals(new long[] {3, C, H, W}, output.shape());
    }

    @Test
    void wrongInputChannelsAreRejected() {
        GateRecurrenceLayer layer = GateRecurrenceLayer.builder().setMode(GateMode.LINEAR).setChannels(4).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> layer.getOutputType(0, InputType.convolutional(8, 8, 6)));
        assertTrue(e.getMessage().contains("needs 8 input channels"), e.getMessage());
        GateRecurrenceLayer inferred = GateRecurrenceLayer.builder().setMode(GateMode.CONVEX).build();
        assertThrows(IllegalArgumentException.class, () -> inferred.setNIn(InputType.convolutional(8, 8, 5), false));
        assertThrows(IllegalArgumentException.class, () -> inferred.setNIn(InputType.feedForward(10), false));
        assertThrows(IllegalStateException.class, () -> GateRecurrenceLayer.builder().build());
    }

    @Test
    void inputOfTheWrongShapeAtRunTimeIsRejected() {
        ComputationGraph graph = graph(GateMode.UNGATED, DataType.FLOAT, 1);
        Layer rnn = graph.getLayer("rnn");
        rnn.setInput(Nd4j.rand(DataType.FLOAT, 2, C + 1, H, W), LayerWorkspaceMgr.noWorkspaces());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> rnn.activate(false, LayerWorkspaceMgr.noWorkspaces()));
        assertTrue(e.getMessage().contains("[N, 3, H, W]"), e.getMessage());
        assertInstanceOf(GateRecurrenceLayerImpl.class, rnn);
    }
}
