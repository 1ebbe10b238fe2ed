package io.github.faceparse4j.core.layer;

import java.util.Arrays;
import java.util.List;

import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.inputs.InvalidInputTypeException;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Resamples each input by its own {@link Resample} and concatenates the results along channels, in one pass, straight
 * into the output buffer: the interlinking step of iCNN ({@code [p_i, maxpool(p_{i-1}), up(p_{i+1})]}) and U-Net-style
 * skip merges, without DL4J's separate {@code SubsamplingLayer}, {@code Upsampling2D} and {@code MergeVertex} and their
 * intermediate arrays.
 *
 * <p>Inputs {@code [N, C_k, H_k, W_k]} (NCHW); every resampled input must come out at the same {@code [H, W]}. Output
 * {@code [N, sum C_k, H, W]}, channels in input order. No parameters. With one input it is a plain resampling vertex
 * (e.g. a fast 2x2 max pool). Computes exactly what the stock layers compute. Immutable and thread-safe as a
 * configuration.
 */
public class ResampleConcatVertex extends GraphVertex {

    private static final long serialVersionUID = 1L;

    /** One per input, in input order. Not final: DL4J's JSON deserialisation sets it. */
    @JsonProperty("resamples")
    private Resample[] resamples;

    /** For JSON deserialisation only; use {@link #of}. */
    public ResampleConcatVertex() {
    }

    private ResampleConcatVertex(Resample[] resamples) {
        this.resamples = resamples;
    }

    /**
     * A vertex whose input {@code k} is resampled by {@code resamples[k]}.
     *
     * @throws IllegalArgumentException if no resample is given or one is null
     */
    public static ResampleConcatVertex of(Resample... resamples) {
        if (resamples.length == 0 || Arrays.asList(resamples).contains(null)) {
            throw new IllegalArgumentException("need one non-null Resample per input, got "
                    + Arrays.toString(resamples));
        }
        return new ResampleConcatVertex(resamples.clone());
    }

    /** The resampling of each input, in input order. */
    public List<Resample> resamples() {
        return List.of(resamples);
    }

    @Override
    public ResampleConcatVertex clone() {
        return new ResampleConcatVertex(resamples.clone());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ResampleConcatVertex && Arrays.equals(resamples, ((ResampleConcatVertex) o).resamples);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(resamples);
    }

    @Override
    public long numParams(boolean backprop) {
        return 0;
    }

    @Override
    public int minVertexInputs() {
        return resamples.length;
    }

    @Override
    public int maxVertexInputs() {
        return resamples.length;
    }

    @Override
    public org.deeplearning4j.nn.graph.vertex.GraphVertex instantiate(ComputationGraph graph, String name, int idx,
            INDArray paramsView, boolean initializeParams, DataType networkDatatype) {
        return new ResampleConcatGraphVertex(graph, name, idx, networkDatatype, resamples.clone());
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType... vertexInputs) throws InvalidInputTypeException {
        if (vertexInputs.length != resamples.length) {
            throw new InvalidInputTypeException("ResampleConcatVertex has " + resamples.length + " resamples "
                    + Arrays.toString(resamples) + " but " + vertexInputs.length + " inputs");
        }
        long h = -1;
        long w = -1;
        long channels = 0;
        for (int k = 0; k < vertexInputs.length; k++) {
            if (!(vertexInputs[k] instanceof InputType.InputTypeConvolutional)) {
                throw new InvalidInputTypeException("ResampleConcatVertex input " + k + " must be convolutional "
                        + "(NCHW), got " + vertexInputs[k]);
            }
            InputType.InputTypeConvolutional in = (InputType.InputTypeConvolutional) vertexInputs[k];
            long kh = resamples[k].outputSize(in.getHeight());
            long kw = resamples[k].outputSize(in.getWidth());
            if (k > 0 && (kh != h || kw != w)) {
                throw new InvalidInputTypeException("ResampleConcatVertex input " + k + " " + in + " resampled by "
                        + resamples[k] + " is " + kh + "x" + kw + ", but input 0 gives " + h + "x" + w);
            }
            h = kh;
            w = kw;
            channels += in.getChannels();
        }
        return InputType.convolutional(h, w, channels);
    }

    @Override
    public MemoryReport getMemoryReport(InputType... inputTypes) {
        InputType out = getOutputType(-1, inputTypes);
        return new LayerMemoryReport.Builder(null, ResampleConcatVertex.class, inputTypes[0], out).standardMemory(0, 0)
                .workingMemory(0, 0, 0, 0).cacheMemory(0, 0).build();
    }

    @Override
    public String toString() {
        return "ResampleConcatVertex" + Arrays.toString(resamples);
    }
}
