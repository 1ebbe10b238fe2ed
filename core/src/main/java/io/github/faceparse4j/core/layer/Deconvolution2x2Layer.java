package io.github.faceparse4j.core.layer;

import java.util.Arrays;

import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.params.DeconvolutionParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The layer DL4J instantiates from a {@link Deconvolution2x2} configuration.
 *
 * <p>Forward, per image {@code n}: {@code Y[n] = W^T X[n]} with {@code W} seen as {@code [nIn, nOut*4]} and
 * {@code X[n]} as {@code [nIn, H*W]} (one GEMM), then {@link PixelShuffle2x2#shuffle} to {@code [nOut, 2H, 2W]} plus
 * bias. Backward: un-shuffle {@code dL/dz} to {@code G[n]: [nOut*4, H*W]}, then {@code dW += X[n] G[n]^T},
 * {@code dX[n] = W G[n]} and {@code db} = per-channel sum. Not thread-safe, like every DL4J layer.
 */
public class Deconvolution2x2Layer extends BaseLayer<Deconvolution2x2> {

    private static final long serialVersionUID = 1L;

    /** Pre-activation kept from a training forward pass when the network caches (CacheMode other than NONE). */
    private transient INDArray cachedPreOutput;

    public Deconvolution2x2Layer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public Type type() {
        return Type.CONVOLUTIONAL;
    }

    /** The weights are c-ordered, as in DL4J's convolution layers; BaseLayer would reshape them in f order. */
    @Override
    public void setParams(INDArray params) {
        setParams(params, 'c');
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        checkInput();
        applyDropOutIfNecessary(training, workspaceMgr);
        INDArray z = preOutput(training, workspaceMgr);
        if (training && cacheMode != null && cacheMode != CacheMode.NONE
                && workspaceMgr.hasConfiguration(ArrayType.FF_CACHE) && workspaceMgr.isWorkspaceOpen(ArrayType.FF_CACHE)) {
            try (MemoryWorkspace ws = workspaceMgr.notifyScopeBorrowed(ArrayType.FF_CACHE)) {
                cachedPreOutput = z.unsafeDuplication();
            }
        }
        return layerConf().getActivationFn().getActivation(z, training);
    }

    @Override
    protected INDArray preOutput(boolean training, LayerWorkspaceMgr workspaceMgr) {
        Operands op = operands(training, workspaceMgr);
        INDArray y = workspaceMgr.createUninitialized(ArrayType.FF_WORKING_MEM, op.type(), op.blockShape(), 'c');
        for (long n = 0; n < op.batch; n++) {
            Nd4j.gemm(op.weights, op.input.slice(n), y.slice(n), true, false, 1.0, 0.0);
        }
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, op.type(),
                new long[] {op.batch, op.nOut, 2 * op.height, 2 * op.width}, 'c');
        INDArray bias = layerConf().hasBias()
                ? getParamWithNoise(DeconvolutionParamInitializer.BIAS_KEY, training, workspaceMgr) : null;
        PixelShuffle2x2.shuffle(HostArray.of(y), HostArray.of(out), bias == null ? null : HostArray.of(bias),
                op.batch, op.nOut, op.height, op.width);
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        Operands op = operands(true, workspaceMgr);
        INDArray z = cachedPreOutput != null ? cachedPreOutput : preOutput(true, workspaceMgr);
        cachedPreOutput = null;
        INDArray delta = HostArray.dense(layerConf().getActivationFn().backprop(z, epsilon).getFirst());

        INDArray g = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, op.type(), op.blockShape(), 'c');
        INDArray biasGrad = layerConf().hasBias() ? gradientViews.get(DeconvolutionParamInitializer.BIAS_KEY) : null;
        PixelShuffle2x2.unshuffle(HostArray.of(delta), HostArray.of(g), biasGrad == null ? null : HostArray.of(biasGrad),
                op.batch, op.nOut, op.height, op.width);

        INDArray weightGrad = gradientViews.get(DeconvolutionParamInitializer.WEIGHT_KEY)
                .reshape('c', op.nIn, op.nOut * 4L);
        INDArray epsOut = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, op.type(),
                new long[] {op.batch, op.nIn, op.height, op.width}, 'c');
        INDArray epsOutRows = epsOut.reshape('c', op.batch, op.nIn, (long) op.height * op.width);
        for (long n = 0; n < op.batch; n++) {
            INDArray gn = g.slice(n);
            Nd4j.gemm(op.input.slice(n), gn, weightGrad, false, true, 1.0, n == 0 ? 0.0 : 1.0);
            Nd4j.gemm(op.weights, gn, epsOutRows.slice(n), false, false, 1.0, 0.0);
        }

        Gradient gradient = new DefaultGradient();
        gradient.setGradientFor(DeconvolutionParamInitializer.WEIGHT_KEY,
                gradientViews.get(DeconvolutionParamInitializer.WEIGHT_KEY));
        if (biasGrad != null) {
            gradient.setGradientFor(DeconvolutionParamInitializer.BIAS_KEY, biasGrad);
        }
        weightNoiseParams.clear();
        return new Pair<>(gradient, backpropDropOutIfPresent(epsOut));
    }

    /** The layer's input as {@code [N, nIn, H*W]} and weights as {@code [nIn, nOut*4]}, with the sizes. */
    private record Operands(INDArray input, INDArray weights, int batch, int nIn, int nOut, int height, int width) {

        DataType type() {
            return weights.dataType();
        }

        /** Shape of the GEMM result before the shuffle: {@code [N, nOut*4, H*W]}. */
        long[] blockShape() {
            return new long[] {batch, nOut * 4L, (long) height * width};
        }
    }

    private Operands operands(boolean training, LayerWorkspaceMgr workspaceMgr) {
        INDArray w = getParamWithNoise(DeconvolutionParamInitializer.WEIGHT_KEY, training, workspaceMgr);
        int nIn = (int) w.size(0);
        int nOut = (int) w.size(1);
        int batch = (int) input.size(0);
        int h = (int) input.size(2);
        int wd = (int) input.size(3);
        INDArray x = HostArray.dense(input.castTo(w.dataType())).reshape('c', batch, nIn, (long) h * wd);
        return new Operands(x, w.reshape('c', nIn, nOut * 4L), batch, nIn, nOut, h, wd);
    }

    private void checkInput() {
        long nIn = layerConf().getNIn();
        if (input.rank() != 4 || input.size(1) != nIn) {
            throw new IllegalArgumentException("Deconvolution2x2 " + layerId() + " expects input [N, " + nIn
                    + ", H, W] (NCHW), got " + Arrays.toString(input.shape()));
        }
    }

    @Override
    public void clear() {
        super.clear();
        cachedPreOutput = null;
    }
}
