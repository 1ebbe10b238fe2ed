package io.github.faceparse4j.core.layer;

import java.util.Arrays;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.BaseGraphVertex;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The vertex DL4J instantiates from a {@link ResampleConcatVertex} configuration: for every image, input and channel,
 * one {@link Resample} kernel writes its plane straight into the output (forward) or reads its plane of the output
 * gradient (backward). Not thread-safe, like every DL4J vertex.
 */
public class ResampleConcatGraphVertex extends BaseGraphVertex {

    private static final long serialVersionUID = 1L;

    private final Resample[] resamples;

    public ResampleConcatGraphVertex(ComputationGraph graph, String name, int vertexIndex, DataType dataType,
            Resample[] resamples) {
        super(graph, name, vertexIndex, null, null, dataType);
        this.resamples = resamples.clone();
    }

    @Override
    public boolean hasLayer() {
        return false;
    }

    @Override
    public Layer getLayer() {
        return null;
    }

    @Override
    public INDArray doForward(boolean training, LayerWorkspaceMgr workspaceMgr) {
        if (!canDoForward()) {
            throw new IllegalStateException("ResampleConcatVertex '" + vertexName + "': inputs not set");
        }
        INDArray[] in = denseInputs();
        long[] outShape = outputShape(in);
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, outShape, 'c');
        HostArray o = HostArray.of(out);
        forEachPlane(in, outShape, (k, x, inBase, inH, inW, outBase) -> {
            Resample resample = resamples[k];
            if (!x.holdsFloats()) {
                resample.forward(x, inBase, inH, inW, o, outBase);
                return;
            }
            PlaneStage stage = PlaneStage.get();
            int inLength = inH * inW;
            int outLength = (int) (resample.outputSize(inH) * resample.outputSize(inW));
            Slot plane = stage.in.ensure(inLength);
            Slot result = stage.out.ensure(outLength);
            x.getFloats(inBase, plane.values, inLength);
            resample.forward(plane.values, inH, inW, result.values);
            o.putFloats(outBase, result.values, outLength);
        });
        return out;
    }

    @Override
    public Pair<Gradient, INDArray[]> doBackward(boolean tbptt, LayerWorkspaceMgr workspaceMgr) {
        if (!canDoBackward()) {
            throw new IllegalStateException("ResampleConcatVertex '" + vertexName + "': epsilon not set");
        }
        INDArray[] in = denseInputs();
        INDArray eps = HostArray.dense(epsilon.castTo(dataType));
        HostArray e = HostArray.of(eps);
        INDArray[] grads = new INDArray[in.length];
        HostArray[] g = new HostArray[in.length];
        for (int k = 0; k < in.length; k++) {
            grads[k] = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, in[k].shape(), 'c');
            g[k] = HostArray.of(grads[k]);
        }
        forEachPlane(in, eps.shape(), (k, x, inBase, inH, inW, outBase) -> {
            Resample resample = resamples[k];
            if (!x.holdsFloats()) {
                resample.backward(x, inBase, inH, inW, e, outBase, g[k]);
                return;
            }
            PlaneStage stage = PlaneStage.get();
            int inLength = inH * inW;
            int outLength = (int) (resample.outputSize(inH) * resample.outputSize(inW));
            Slot plane = stage.in.ensure(inLength);
            Slot outGradient = stage.out.ensure(outLength);
            Slot gradient = stage.grad.ensure(inLength);
            x.getFloats(inBase, plane.values, inLength);
            e.getFloats(outBase, outGradient.values, outLength);
            resample.backward(plane.values, inH, inW, outGradient.values, gradient.values);
            g[k].putFloats(inBase, gradient.values, inLength);
        });
        return new Pair<>(null, grads);
    }

    /** What to do with one input plane and the output plane it maps to. */
    @FunctionalInterface
    private interface PlaneAction {
        void apply(int input, HostArray x, int inBase, int inH, int inW, int outBase);
    }

    /** Calls {@code action} for every (input, image, channel), possibly in parallel over images and channels. */
    private static void forEachPlane(INDArray[] in, long[] outShape, PlaneAction action) {
        int outChannels = (int) outShape[1];
        int plane = (int) (outShape[2] * outShape[3]);
        int first = 0;
        for (int k = 0; k < in.length; k++) {
            HostArray x = HostArray.of(in[k]);
            int channels = (int) in[k].size(1);
            int inH = (int) in[k].size(2);
            int inW = (int) in[k].size(3);
            int input = k;
            int offset = first;
            PlaneLoop.forEach((int) in[k].size(0) * channels, (long) inH * inW, i -> action.apply(input, x,
                    i * inH * inW, inH, inW, ((i / channels) * outChannels + offset + i % channels) * plane));
            first += channels;
        }
    }

    private INDArray[] denseInputs() {
        if (inputs.length != resamples.length) {
            throw new IllegalStateException("ResampleConcatVertex '" + vertexName + "' has " + resamples.length
                    + " resamples but " + inputs.length + " inputs");
        }
        INDArray[] in = new INDArray[inputs.length];
        for (int k = 0; k < in.length; k++) {
            in[k] = HostArray.dense(inputs[k].castTo(dataType));
        }
        return in;
    }

    /** {@code [N, sum C_k, H, W]}, after checking that every input is NCHW and resamples to the same H and W. */
    private long[] outputShape(INDArray[] in) {
        long channels = 0;
        long h = -1;
        long w = -1;
        for (int k = 0; k < in.length; k++) {
            long[] s = in[k].shape();
            long kh = s.length == 4 ? resamples[k].outputSize(s[2]) : -1;
            long kw = s.length == 4 ? resamples[k].outputSize(s[3]) : -1;
            if (s.length != 4 || s[0] != in[0].size(0) || (k > 0 && (kh != h || kw != w))) {
                throw new IllegalArgumentException("ResampleConcatVertex '" + vertexName + "': input " + k + " "
                        + Arrays.toString(s) + " resampled by " + resamples[k] + " does not match input 0 "
                        + Arrays.toString(in[0].shape()) + " resampled by " + resamples[0]);
            }
            h = kh;
            w = kw;
            channels += s[1];
        }
        return new long[] {in[0].size(0), channels, h, w};
    }

    @Override
    public void setBackpropGradientsViewArray(INDArray backpropGradientsViewArray) {
        if (backpropGradientsViewArray != null) {
            throw new IllegalStateException("ResampleConcatVertex has no parameters");
        }
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArrays(INDArray[] maskArrays, MaskState currentMaskState,
            int minibatchSize) {
        return new Pair<>(null, currentMaskState);
    }

    @Override
    public String toString() {
        return "ResampleConcatVertex(id=" + vertexIndex + ",name=\"" + vertexName + "\"," + Arrays.toString(resamples)
                + ")";
    }

    /**
     * Per-thread heap copies of one input plane, its output plane and its input gradient: float planes are staged
     * through them because the kernels' float versions on heap arrays run several times faster than element calls
     * on the native buffers.
     */
    private static final class PlaneStage {
        private static final ThreadLocal<PlaneStage> STAGES = ThreadLocal.withInitial(PlaneStage::new);

        final Slot in = new Slot();
        final Slot out = new Slot();
        final Slot grad = new Slot();

        static PlaneStage get() {
            return STAGES.get();
        }
    }

    /** A growable heap plane. */
    private static final class Slot {
        float[] values = new float[0];

        /** This slot with room for {@code length} values. */
        Slot ensure(int length) {
            if (values.length < length) {
                values = new float[length];
            }
            return this;
        }
    }
}
