package io.github.faceparse4j.examples.bench;

import java.util.Objects;
import java.util.Random;
import java.util.function.Supplier;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A {@link BenchNetwork} for a single-input, single-output per-pixel classifier: input {@code [N, C, H, W]} float,
 * labels one-hot {@code [N, K, H, W]}.
 */
public final class SegmentationBenchNetwork implements BenchNetwork {

    private final String name;
    private final String variant;
    private final Supplier<ComputationGraphConfiguration> configuration;
    private final int channels;
    private final int size;
    private final int classes;

    /**
     * @param name the bench name, shared with the PyTorch twin
     * @param variant how the network is expressed in DL4J, see {@link BenchNetwork#variant()}
     * @param configuration makes the graph's configuration (called once per {@link #build()})
     * @param channels input channels C
     * @param size input height and width H = W
     * @param classes output classes K
     */
    public SegmentationBenchNetwork(String name, String variant, Supplier<ComputationGraphConfiguration> configuration, int channels,
            int size, int classes) {
        this.name = Objects.requireNonNull(name, "name");
        this.variant = Objects.requireNonNull(variant, "variant");
        this.configuration = Objects.requireNonNull(configuration, "configuration");
        if (channels <= 0 || size <= 0 || classes <= 1) {
            throw new IllegalArgumentException("bad shape for " + name + ": channels=" + channels + " size=" + size
                    + " classes=" + classes);
        }
        this.channels = channels;
        this.size = size;
        this.classes = classes;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String variant() {
        return variant;
    }

    @Override
    public ComputationGraph build() {
        ComputationGraph net = new ComputationGraph(configuration.get());
        net.init();
        return net;
    }

    @Override
    public MultiDataSet randomBatch(int batch, long seed) {
        Random random = new Random(seed);
        float[] x = new float[batch * channels * size * size];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextGaussian();
        }
        float[] y = new float[batch * classes * size * size];
        int plane = size * size;
        for (int n = 0; n < batch; n++) {
            for (int p = 0; p < plane; p++) {
                y[(n * classes + random.nextInt(classes)) * plane + p] = 1f;
            }
        }
        INDArray input = Nd4j.create(x, new long[] {batch, channels, size, size}, 'c');
        INDArray labels = Nd4j.create(y, new long[] {batch, classes, size, size}, 'c');
        return new org.nd4j.linalg.dataset.MultiDataSet(input, labels);
    }
}
