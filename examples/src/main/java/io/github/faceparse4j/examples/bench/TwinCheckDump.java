package io.github.faceparse4j.examples.bench;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.github.faceparse4j.core.backend.FastPath;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Writes what {@code bench/check_twins.py} needs to check that a PyTorch twin computes the same function as its DL4J
 * network: for each network, a folder {@code <dir>/<name>} of {@code .npy} files (c order, float32):
 * <ul>
 *   <li>{@code <param>.npy}: every parameter under DL4J's key ({@code conv1_W}, {@code conv1_b}, ...), the biases
 *       set to random values first, so that a bias mapped wrongly shows;</li>
 *   <li>{@code input.npy}, {@code labels<i>.npy}, {@code mask<i>.npy} (present masks only): a
 *       {@link BenchNetwork#randomBatch} of 2;</li>
 *   <li>{@code out<i>.npy}: the graph's inference outputs on that input;</li>
 *   <li>{@code score.npy}: {@code [score, regularisation part of it]} of that batch.</li>
 * </ul>
 * Usage: {@code TwinCheckDump <dir> [name ...]}, names as {@code NetworkBench --list} prints them; default every
 * network of {@link ProjectNetworks} ({@code bench/run.sh --check} runs both sides).
 */
public final class TwinCheckDump {

    private static final int BATCH = 2;
    private static final long SEED = 11;
    /** Scale of the random biases: small next to the weights, large next to float rounding. */
    private static final double BIAS_SCALE = 0.1;

    private TwinCheckDump() {
    }

    /** Command line entry; see the class comment. */
    public static void main(String[] args) {
        if (args.length == 0) {
            throw new IllegalArgumentException("usage: TwinCheckDump <dir> [name ...]");
        }
        FastPath.ensure();
        List<String> names = Arrays.asList(args).subList(1, args.length);
        for (BenchNetwork network : BenchNetworks.all()) {
            String key = network.name() + (network.variant().equals(BenchNetwork.DEFAULT_VARIANT) ? ""
                    : "/" + network.variant());
            boolean wanted = names.isEmpty() ? ProjectNetworks.all().stream()
                    .anyMatch(n -> n.name().equals(network.name())) : names.contains(key);
            if (wanted) {
                dump(network, new File(args[0], key.replace('/', '_')));
            }
        }
    }

    private static void dump(BenchNetwork network, File dir) {
        if (!dir.isDirectory() && !dir.mkdirs()) {
            throw new UncheckedIOException(new IOException("cannot create " + dir));
        }
        ComputationGraph graph = network.build();
        Random random = new Random(SEED);
        for (Map.Entry<String, INDArray> e : graph.paramTable().entrySet()) {
            INDArray param = e.getValue();
            if (e.getKey().endsWith("_b")) {
                for (long i = 0; i < param.length(); i++) {
                    param.putScalar(i, BIAS_SCALE * random.nextGaussian());
                }
            }
            write(param, dir, e.getKey());
        }
        MultiDataSet batch = network.randomBatch(BATCH, SEED);
        write(batch.getFeatures(0), dir, "input");
        for (int i = 0; i < batch.numLabelsArrays(); i++) {
            write(batch.getLabels(i), dir, "labels" + i);
            INDArray mask = batch.getLabelsMaskArray(i);
            if (mask != null) {
                write(mask, dir, "mask" + i);
            }
        }
        INDArray[] outputs = graph.output(false, batch.getFeatures(0));
        for (int i = 0; i < outputs.length; i++) {
            write(outputs[i], dir, "out" + i);
        }
        double score = graph.score(batch);
        write(Nd4j.createFromArray((float) score, (float) graph.calcRegularizationScore(true)), dir, "score");
        System.out.println("# wrote " + dir);
    }

    /** Writes {@code array} as {@code <dir>/<name>.npy}; {@code writeAsNumpy} writes the raw buffer, so c order. */
    private static void write(INDArray array, File dir, String name) {
        try {
            Nd4j.writeAsNumpy(array.dup('c'), new File(dir, name + ".npy"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + name + " to " + dir, e);
        }
    }
}
