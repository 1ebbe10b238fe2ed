package io.github.faceparse4j.rnngate.train;

import java.util.Arrays;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Starts a network from a trained one of the same layout, where convolutions may have grown larger kernels.
 *
 * <p>Every parameter of the new graph must exist under the same name in the trained graph. Equal shapes are copied;
 * a convolution weight {@code [out, in, k, k]} that is larger than the trained {@code [out, in, j, j]} (both odd)
 * gets the trained kernel in its centre and zeros around it. With "same" padding that keeps the network's function
 * unchanged, so training continues from the trained model's accuracy with the extra weights free to move.
 */
final class WarmStart {

    private WarmStart() {
    }

    /**
     * Copies {@code trained}'s parameters into {@code target}.
     *
     * @throws IllegalArgumentException naming the parameter if one is missing from {@code trained} or its shape can
     *     be neither copied nor centred
     */
    static void copy(ComputationGraph trained, ComputationGraph target) {
        Map<String, INDArray> source = trained.paramTable();
        for (Map.Entry<String, INDArray> entry : target.paramTable().entrySet()) {
            INDArray from = source.get(entry.getKey());
            if (from == null) {
                throw new IllegalArgumentException("The trained model has no parameter " + entry.getKey()
                        + "; it has " + source.keySet());
            }
            INDArray to = entry.getValue();
            if (Arrays.equals(from.shape(), to.shape())) {
                to.assign(from);
            } else if (centrable(from.shape(), to.shape())) {
                long margin = (to.size(2) - from.size(2)) / 2;
                to.assign(0);
                to.get(NDArrayIndex.all(), NDArrayIndex.all(),
                        NDArrayIndex.interval(margin, margin + from.size(2)),
                        NDArrayIndex.interval(margin, margin + from.size(3))).assign(from);
            } else {
                throw new IllegalArgumentException("Parameter " + entry.getKey() + " has shape "
                        + Arrays.toString(from.shape()) + " in the trained model and " + Arrays.toString(to.shape())
                        + " in the new one; only a convolution kernel may grow (odd sides, same channels)");
            }
        }
    }

    private static boolean centrable(long[] from, long[] to) {
        return from.length == 4 && to.length == 4 && from[0] == to[0] && from[1] == to[1]
                && from[2] == from[3] && to[2] == to[3] && from[2] % 2 == 1 && to[2] % 2 == 1 && to[2] > from[2];
    }
}
