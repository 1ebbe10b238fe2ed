package io.github.faceparse4j.examples.bench;

import java.util.List;

import io.github.faceparse4j.icnn.net.IcnnModel;
import io.github.faceparse4j.icnn.net.InterlinkedCnn;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;

/**
 * FaceParse4J's own networks, built by their modules' builders exactly as training builds them, each with a twin of
 * the same name in {@code bench/torch_twins.py}:
 * <ul>
 *   <li>{@code rnng-128-3}, {@code rnng-128-11}: RNN-G at 128 x 128 with 3 and 11 classes, 3 x 3 convolutions
 *       ({@link RnnGBenchNetwork});</li>
 *   <li>{@code rnng5-128-3}, {@code rnng5-128-11}: the shipped RNN-G models' 5 x 5 networks;</li>
 *   <li>{@code icnn-stage1-64}: the iCNN stage-1 localiser, 9 classes at 64 x 64;</li>
 *   <li>{@code icnn-part-64}: a 64 x 64 part network (the eye's; brow and nose are the same graph), 2 classes;</li>
 *   <li>{@code icnn-mouth-80}: the mouth network, 4 classes at 80 x 80.</li>
 * </ul>
 */
public final class ProjectNetworks {

    /** Adam's learning rate in {@code IcnnTrainer} (default {@code --lr}). */
    private static final double ICNN_LEARNING_RATE = 1e-3;

    private ProjectNetworks() {
    }

    /** All seven, RNN-G first. */
    public static List<BenchNetwork> all() {
        return List.of(rnnG(3), rnnG(11), shippedRnnG(3), shippedRnnG(11), icnn("icnn-stage1-64", IcnnModel.STAGE1),
                icnn("icnn-part-64", IcnnModel.EYE), icnn("icnn-mouth-80", IcnnModel.MOUTH));
    }

    /** RNN-G with K = {@code classes} (3 or 11), 3 x 3 convolutions. */
    public static BenchNetwork rnnG(int classes) {
        return new RnnGBenchNetwork(classes, false);
    }

    /** RNN-G with K = {@code classes} (3 or 11) as shipped since session 6 (5 x 5 convolutions). */
    public static BenchNetwork shippedRnnG(int classes) {
        return new RnnGBenchNetwork(classes, true);
    }

    /**
     * The iCNN of {@code model} as {@code IcnnTrainer} builds it with its defaults:
     * {@link IcnnModel#networkBuilder()}, tanh, Adam 1e-3 (no learning-rate drop). Input {@code [N, 3, S, S]} for
     * the model's S, one-hot labels {@code [N, L, S, S]}, as {@code Stage1Encoder} and {@code PartCropEncoder} make
     * them.
     */
    public static BenchNetwork icnn(String name, IcnnModel model) {
        return new SegmentationBenchNetwork(name, BenchNetwork.DEFAULT_VARIANT,
                () -> icnnNetwork(model).configuration(), InterlinkedCnn.INPUT_CHANNELS, model.inputSize(),
                model.numLabels());
    }

    static InterlinkedCnn icnnNetwork(IcnnModel model) {
        return model.networkBuilder().optUpdater(new Adam(ICNN_LEARNING_RATE)).optActivation(Activation.TANH).build();
    }
}
