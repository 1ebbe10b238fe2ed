package io.github.faceparse4j.rnngate.net;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;

/**
 * Central finite differences against backpropagation through the whole RNN-G graph (CNN, channel subsets, gated
 * recurrence, upsampling, three heads, the masked gate loss, class and loss weights), in double precision on a
 * 16 x 16 input. The other variants are sub-graphs of this one (the ungated recurrence has its own check in the
 * layer's tests).
 *
 * <p>DL4J's {@code GradientCheckUtil} checks every parameter of a graph (its {@code subset} option is ignored for
 * graphs in 1.0.0-M2.1), which takes minutes for the 24 k parameters here; this test checks a random sample of
 * entries of every parameter array instead, with the same error measure.
 */
class RnnGNetworkGradientTest {

    private static final double EPSILON = 1e-6;
    private static final double MAX_RELATIVE_ERROR = 1e-3;
    private static final double MIN_ABSOLUTE_ERROR = 1e-9;
    private static final int SAMPLES_PER_ARRAY = 3;

    @ParameterizedTest
    @EnumSource(value = Variant.class, names = "RNN_G")
    void backpropagationMatchesFiniteDifferences(Variant variant) {
        DataType defaultType = Nd4j.dataType();
        DataType defaultFloatType = Nd4j.defaultFloatingPointType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        try {
            check(variant);
        } finally {
            Nd4j.setDefaultDataTypes(defaultType, defaultFloatType);
        }
    }

    private static void check(Variant variant) {
        Nd4j.getRandom().setSeed(12345);
        RnnGNetwork network = RnnGNetwork.builder().setNumClasses(3).optVariant(variant).optInputSize(16)
                .optDataType(DataType.DOUBLE).optUpdater(new NoOp()).optL2(0).optClassWeights(1, 2, 0.5)
                .optLossWeights(new LossWeights(1, 0.5, 2)).build();
        ComputationGraph graph = network.init();
        // With the biases at their initial 0, the two scans that start at a corner give that corner the same value,
        // an exact tie of the node-wise max where the loss has a kink; distinct biases keep the check off it.
        INDArray recurrentBiases = graph.getParam("recurrence_b");
        recurrentBiases.assign(Nd4j.rand(DataType.DOUBLE, recurrentBiases.shape()).subi(0.5).muli(0.2));
        int n = 2;
        INDArray input = Nd4j.rand(DataType.DOUBLE, n, 3, 16, 16).subi(0.5);
        List<INDArray> labels = new ArrayList<>();
        List<INDArray> masks = new ArrayList<>();
        for (RnnGOutput output : network.outputs()) {
            long[] shape = network.outputShape(output, n);
            masks.add(output.isMasked() ? Nd4j.rand(DataType.DOUBLE, n, 1, shape[2], shape[3]).gt(0.5)
                    .castTo(DataType.DOUBLE) : null);
            labels.add(output == RnnGOutput.GATE ? Nd4j.rand(DataType.DOUBLE, shape).gt(0.3).castTo(DataType.DOUBLE)
                    : oneHot(shape));
        }
        MultiDataSet data = new MultiDataSet(new INDArray[] {input}, labels.toArray(INDArray[]::new), null,
                masks.toArray(INDArray[]::new));

        graph.setInputs(input);
        graph.setLabels(data.getLabels());
        graph.setLayerMaskArrays(null, data.getLabelsMaskArrays());
        graph.computeGradientAndScore();
        Map<String, INDArray> gradients = graph.gradient().gradientForVariable();

        Random random = new Random(7);
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (Map.Entry<String, INDArray> entry : graph.paramTable().entrySet()) {
            INDArray param = entry.getValue();
            INDArray gradient = gradients.get(entry.getKey());
            for (int s = 0; s < SAMPLES_PER_ARRAY; s++) {
                long i = random.nextInt((int) param.length());
                double original = param.getDouble(i);
                param.putScalar(i, original + EPSILON);
                double plus = graph.score(data, true);
                param.putScalar(i, original - EPSILON);
                double minus = graph.score(data, true);
                param.putScalar(i, original);
                double numeric = (plus - minus) / (2 * EPSILON);
                // DL4J divides the summed gradient by the minibatch size in the updater, the score already is a mean.
                double analytic = gradient.getDouble(i) / n;
                double absolute = Math.abs(numeric - analytic);
                double relative = absolute / (Math.abs(numeric) + Math.abs(analytic));
                if (absolute > MIN_ABSOLUTE_ERROR && relative > MAX_RELATIVE_ERROR) {
                    failures.add(entry.getKey() + "[" + i + "]: backprop " + analytic + ", numeric " + numeric);
                }
                checked++;
            }
        }
        assertTrue(failures.isEmpty(), variant + ": " + failures.size() + " of " + checked + " sampled gradients "
                + "differ: " + failures);
    }

    private static INDArray oneHot(long[] shape) {
        INDArray labels = Nd4j.zeros(DataType.DOUBLE, shape);
        for (int i = 0; i < shape[0]; i++) {
            for (int y = 0; y < shape[2]; y++) {
                for (int x = 0; x < shape[3]; x++) {
                    labels.putScalar(new long[] {i, Nd4j.getRandom().nextInt((int) shape[1]), y, x}, 1);
                }
            }
        }
        return labels;
    }
}
