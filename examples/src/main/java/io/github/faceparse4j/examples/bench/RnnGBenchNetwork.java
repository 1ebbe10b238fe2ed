package io.github.faceparse4j.examples.bench;

import java.util.List;
import java.util.Random;

import io.github.faceparse4j.core.data.BoundaryMap;
import io.github.faceparse4j.core.image.LabelTensors;
import io.github.faceparse4j.core.label.LabelMap;
import io.github.faceparse4j.core.label.LabelScheme;
import io.github.faceparse4j.rnngate.net.RnnGNetwork;
import io.github.faceparse4j.rnngate.net.RnnGOutput;
import io.github.faceparse4j.rnngate.net.Upsampler;
import io.github.faceparse4j.rnngate.net.Variant;
import io.github.faceparse4j.rnngate.train.BoundarySampler;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The RNN-G first-stage network: {@link RnnGNetwork}'s own builder, variant {@link Variant#RNN_G}, nearest-neighbour
 * upsampling plus a convolution ({@link Upsampler#nearestConvolution(int)}), input 128 x 128, K classes, otherwise the
 * trainer's defaults (Adam 1e-3, L2 1e-4). Two sizes, each with a PyTorch twin of the same name ({@code RnnG} in
 * {@code bench/torch_twins.py}):
 * <ul>
 *   <li>{@code rnng-128-K}: 3 x 3 conv2, conv3 and upsampling convolutions, the ablation's network and the models
 *       shipped until session 5;</li>
 *   <li>{@code rnng5-128-K}: the models shipped since session 6, 5 x 5 conv2 and conv3, and for K = 3 5 x 5
 *       upsampling convolutions too.</li>
 * </ul>
 *
 * <p>Uniform class weights: the trainer weights HELEN's 11 classes, but the weights only change the values of the
 * per-class loss factors DL4J multiplies in either way, not the work.
 *
 * <p>A batch is what {@code RnnGEncoder} makes for training, with random images and labels (S = 128):
 * <ul>
 *   <li>input {@code [N, 3, S, S]}, standard normal;</li>
 *   <li>labels, in the order of {@link RnnGNetwork#outputs()}: FINAL one-hot {@code [N, K, S, S]}, COARSE the same
 *       labels resized (nearest) to {@code [N, K, S/2, S/2]}, GATE their {@link BoundaryMap} {@code [N, 1, S/2, S/2]}
 *       (0 on boundaries);</li>
 *   <li>label masks: {@code null, null} and the gate's 1:5 {@link BoundarySampler} mask {@code [N, 1, S/2, S/2]}.</li>
 * </ul>
 * The label maps are random rectangles ({@link RandomLabelMaps}) so that the boundary map and mask have a plausible
 * density (the mask's density does not change DL4J's work: the loss is computed everywhere, then masked).
 */
final class RnnGBenchNetwork implements BenchNetwork {

    /** Rectangular parts per random label map: about as many as a face has small parts (brows, eyes, nose, mouth). */
    private static final int LABEL_PARTS = 6;
    /** {@code RnnGEncoder}'s default boundary width at S/2. */
    private static final int BOUNDARY_WIDTH = 1;

    private final int classes;
    private final LabelScheme scheme;
    /** Whether this is the shipped 5 x 5 network ({@code rnng5-128-K}) rather than the 3 x 3 one. */
    private final boolean shipped;

    /**
     * @param classes K: 3 (skin / hair / background) or 11 (HELEN), the built-in label schemes' sizes
     * @param shipped the 5 x 5 network shipped since session 6 instead of the 3 x 3 one
     */
    RnnGBenchNetwork(int classes, boolean shipped) {
        this.classes = classes;
        this.shipped = shipped;
        this.scheme = LabelScheme.builtIn().stream().filter(s -> s.numClasses() == classes).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no built-in label scheme has " + classes
                        + " classes"));
    }

    /** The network description the bench builds, as the trainer would for this K. */
    RnnGNetwork network() {
        int upsamplerKernel = shipped && classes == 3 ? 5 : 3;
        return RnnGNetwork.builder().setNumClasses(classes).optVariant(Variant.RNN_G)
                .optConvKernel(shipped ? 5 : 3).optUpsampler(Upsampler.nearestConvolution(upsamplerKernel)).build();
    }

    @Override
    public String name() {
        return (shipped ? "rnng5-" : "rnng-") + RnnGNetwork.PAPER_INPUT_SIZE + "-" + classes;
    }

    @Override
    public ComputationGraph build() {
        return network().init();
    }

    @Override
    public MultiDataSet randomBatch(int batch, long seed) {
        RnnGNetwork network = network();
        int size = network.inputSize();
        List<RnnGOutput> outputs = network.outputs();
        Random random = new Random(seed);
        float[] image = new float[batch * 3 * size * size];
        for (int i = 0; i < image.length; i++) {
            image[i] = (float) random.nextGaussian();
        }
        float[][] labels = new float[outputs.size()][];
        float[][] masks = new float[outputs.size()][];
        for (int i = 0; i < outputs.size(); i++) {
            RnnGOutput output = outputs.get(i);
            labels[i] = new float[Math.toIntExact(product(network.outputShape(output, batch)))];
            int side = output.size(size);
            masks[i] = output.isMasked() ? new float[batch * side * side] : null;
        }
        BoundarySampler sampler = new BoundarySampler(BoundarySampler.PAPER_RATIO);
        for (int n = 0; n < batch; n++) {
            LabelMap full = RandomLabelMaps.parts(scheme, size, LABEL_PARTS, random);
            for (int i = 0; i < outputs.size(); i++) {
                RnnGOutput output = outputs.get(i);
                int side = output.size(size);
                LabelMap map = side == size ? full : full.resizeNearest(side, side);
                int plane = side * side;
                if (output == RnnGOutput.GATE) {
                    BoundaryMap boundaries = BoundaryMap.of(map, BOUNDARY_WIDTH);
                    boundaries.fill(labels[i], n * plane);
                    sampler.fill(boundaries, random.nextLong(), masks[i], n * plane);
                } else {
                    LabelTensors.fillOneHot(map, labels[i], n * classes * plane);
                }
            }
        }
        INDArray[] labelArrays = new INDArray[outputs.size()];
        INDArray[] maskArrays = new INDArray[outputs.size()];
        for (int i = 0; i < outputs.size(); i++) {
            labelArrays[i] = Nd4j.create(labels[i], network.outputShape(outputs.get(i), batch), 'c');
            if (masks[i] != null) {
                int side = outputs.get(i).size(size);
                maskArrays[i] = Nd4j.create(masks[i], new long[] {batch, 1, side, side}, 'c');
            }
        }
        INDArray input = Nd4j.create(image, new long[] {batch, 3, size, size}, 'c');
        return new org.nd4j.linalg.dataset.MultiDataSet(new INDArray[] {input}, labelArrays, null, maskArrays);
    }

    private static long product(long[] shape) {
        long p = 1;
        for (long s : shape) {
            p *= s;
        }
        return p;
    }
}
