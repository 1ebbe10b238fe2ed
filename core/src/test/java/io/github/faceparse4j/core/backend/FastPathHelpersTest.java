package io.github.faceparse4j.core.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.reflect.Field;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.mkldnn.BaseMKLDNNHelper;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The fast path end to end: DL4J creates oneDNN helpers for a small conv + pool + batch-norm graph, {@link FastPath}
 * verifies them, and the helpers compute what DL4J's built-in path computes.
 */
class FastPathHelpersTest {

    private static final int BATCH = 4;
    private static final int SIZE = 16;
    private static final int CLASSES = 5;
    /** Float32; oneDNN and DL4J's im2col sum in different orders, so equal only to rounding. */
    private static final double TOLERANCE = 1e-6;

    private static FastPathStatus status;

    @BeforeAll
    static void setUp() {
        status = FastPath.ensure();
    }

    @Test
    void compatibilityClassAnswersDl4jsOneDnnCheck() {
        assumeTrue(status.path().expectsHelpers(), status::describe);
        boolean native_ = org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu.Environment.getInstance().isUseONEDNN();
        assertEquals(native_, org.nd4j.nativeblas.Nd4jCpu.Environment.getInstance().isUseMKLDNN());
        assertTrue(BaseMKLDNNHelper.mklDnnEnabled());
    }

    @Test
    void oneDnnBuildIsLoadedOnAvx2Cpus() {
        assumeTrue(status.cpu().has("avx2"), "CPU without AVX2");
        assertEquals(ExecutionPath.ONEDNN, status.path(), status::describe);
        assertEquals(NativeBuild.ONEDNN_AVX2, status.nativeBuild().orElseThrow());
        assertTrue(status.reason().isEmpty());
    }

    @Test
    void everyConvPoolAndBatchNormLayerHasAHelper() {
        assumeTrue(status.path().expectsHelpers(), status::describe);
        ComputationGraph net = newGraph();
        for (String name : new String[] {"conv1", "pool1", "bn1", "avg1", "conv2"}) {
            assertNotNull(net.getLayer(name).getHelper(), name);
        }
        LayerHelperAudit audit = FastPath.verifyHelpers(net);
        assertTrue(audit.isComplete());
        assertTrue(audit.withoutImplementation().isEmpty());
    }

    @Test
    void verifyHelpersRejectsALayerWithoutHelper() throws ReflectiveOperationException {
        assumeTrue(status.path().expectsHelpers(), status::describe);
        ComputationGraph net = newGraph();
        dropHelper(net.getLayer("pool1"));
        FastPathException e = assertThrows(FastPathException.class, () -> FastPath.verifyHelpers(net));
        assertTrue(e.getMessage().contains("'pool1' (SubsamplingLayer)"), e.getMessage());
        assertEquals(java.util.List.of("'pool1' (SubsamplingLayer)"), LayerHelperAudit.of(net).missing());
    }

    @Test
    void deconvolutionIsReportedAsHavingNoImplementation() {
        assumeTrue(status.path().expectsHelpers(), status::describe);
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).dataType(DataType.FLOAT)
                .graphBuilder().addInputs("in").setInputTypes(InputType.convolutional(8, 8, 2))
                .addLayer("up", new Deconvolution2D.Builder().kernelSize(2, 2).stride(2, 2).nOut(3).build(), "in")
                .addLayer("out", new CnnLossLayer.Builder(LossFunctions.LossFunction.MSE)
                        .activation(Activation.IDENTITY).build(), "up")
                .setOutputs("out").build();
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        LayerHelperAudit audit = FastPath.verifyHelpers(net);
        assertEquals(java.util.List.of("'up' (Deconvolution2DLayer)"), audit.withoutImplementation());
    }

    @Test
    void uninitialisedGraphIsRejected() {
        ComputationGraph net = new ComputationGraph(configuration());
        assertThrows(IllegalArgumentException.class, () -> LayerHelperAudit.of(net));
    }

    @Test
    void helpersComputeWhatTheBuiltInPathComputes() throws ReflectiveOperationException {
        assumeTrue(status.path().expectsHelpers(), status::describe);
        ComputationGraph fast = newGraph();
        ComputationGraph stock = newGraph();
        stock.setParams(fast.params().dup());
        for (Layer layer : stock.getLayers()) {
            if (layer.getHelper() != null) {
                dropHelper(layer);
            }
        }
        assertEquals(5, LayerHelperAudit.of(stock).missing().size());

        INDArray x = Nd4j.rand(DataType.FLOAT, BATCH, 3, SIZE, SIZE).subi(0.5);
        INDArray labels = oneHotLabels();

        assertClose(stock.outputSingle(x), fast.outputSingle(x), "output");

        stock.setInputs(x);
        stock.setLabels(labels);
        stock.computeGradientAndScore();
        fast.setInputs(x);
        fast.setLabels(labels);
        fast.computeGradientAndScore();
        assertEquals(stock.score(), fast.score(), TOLERANCE * Math.abs(stock.score()), "loss (relative)");
        assertClose(stock.gradient().gradient(), fast.gradient().gradient(), "gradient");
    }

    /** Max-norm comparison relative to the largest expected magnitude (and absolute below 1). */
    private static void assertClose(INDArray expected, INDArray actual, String what) {
        assertEquals(expected.length(), actual.length(), what + " length");
        INDArray e = expected.castTo(DataType.DOUBLE);
        double maxDiff = e.sub(actual.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
        double scale = Math.max(1.0, e.amaxNumber().doubleValue());
        assertTrue(maxDiff <= TOLERANCE * scale, what + ": max |difference| " + maxDiff + " at scale " + scale);
    }

    private static INDArray oneHotLabels() {
        INDArray labels = Nd4j.zeros(DataType.FLOAT, BATCH, CLASSES, SIZE / 2, SIZE / 2);
        java.util.Random random = new java.util.Random(7);
        for (int n = 0; n < BATCH; n++) {
            for (int y = 0; y < SIZE / 2; y++) {
                for (int x = 0; x < SIZE / 2; x++) {
                    labels.putScalar(new long[] {n, random.nextInt(CLASSES), y, x}, 1f);
                }
            }
        }
        return labels;
    }

    private static ComputationGraph newGraph() {
        ComputationGraph net = new ComputationGraph(configuration());
        net.init();
        return net;
    }

    private static ComputationGraphConfiguration configuration() {
        return new NeuralNetConfiguration.Builder().seed(42).dataType(DataType.FLOAT).updater(new NoOp())
                .weightInit(WeightInit.XAVIER).graphBuilder()
                .addInputs("in").setInputTypes(InputType.convolutional(SIZE, SIZE, 3))
                .addLayer("conv1", new ConvolutionLayer.Builder(5, 5).padding(2, 2)
                        .convolutionMode(ConvolutionMode.Truncate).nOut(6).activation(Activation.RELU).build(), "in")
                .addLayer("pool1", new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2)
                        .stride(2, 2).build(), "conv1")
                .addLayer("bn1", new BatchNormalization.Builder().build(), "pool1")
                .addLayer("avg1", new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.AVG).kernelSize(3, 3)
                        .stride(1, 1).convolutionMode(ConvolutionMode.Same).build(), "bn1")
                .addLayer("conv2", new ConvolutionLayer.Builder(3, 3).convolutionMode(ConvolutionMode.Same)
                        .nOut(CLASSES).activation(Activation.IDENTITY).build(), "avg1")
                .addLayer("out", new CnnLossLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .activation(Activation.SOFTMAX).build(), "conv2")
                .setOutputs("out").build();
    }

    /** Sets the layer's {@code helper} field to null, as DL4J does when helpers are off. */
    private static void dropHelper(Layer layer) throws ReflectiveOperationException {
        Class<?> c = layer.getClass();
        while (c != null) {
            try {
                Field f = c.getDeclaredField("helper");
                f.setAccessible(true);
                f.set(layer, null);
                assertNull(layer.getHelper());
                return;
            } catch (NoSuchFieldException e) {
                c = c.getSuperclass();
            }
        }
        throw new NoSuchFieldException("helper in " + layer.getClass());
    }
}
