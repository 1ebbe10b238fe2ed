package io.github.faceparse4j.core.layer;

import java.util.Arrays;
import java.util.Collection;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A 2x2, stride-2 transposed convolution (the common 2x upsampling "deconvolution"), computed as one matrix product per
 * image plus a pixel shuffle instead of DL4J's {@code deconv2d} op, which has no oneDNN helper in DL4J 1.0.0-M2.1.
 *
 * <p>It computes exactly what {@code Deconvolution2D} with kernel 2, stride 2, no padding and
 * {@code ConvolutionMode.Truncate} computes, with the same parameters in the same layout ({@code W: [nIn, nOut, 2, 2]},
 * {@code b: [nOut]}), so the two are interchangeable, weights included. Input {@code [N, nIn, H, W]}, output
 * {@code [N, nOut, 2H, 2W]}, NCHW only. Configuration objects are immutable once built; the layer instances DL4J
 * creates from them are not thread-safe, like every DL4J layer.
 */
public class Deconvolution2x2 extends Deconvolution2D {

    private static final long serialVersionUID = 1L;

    /** For JSON deserialisation only; use {@link #builder()}. */
    public Deconvolution2x2() {
        super();
    }

    private Deconvolution2x2(Deconvolution2D.Builder builder) {
        super(builder);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> trainingListeners,
            int layerIndex, INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        LayerValidation.assertNInNOutSet("Deconvolution2x2", getLayerName(), layerIndex, getNIn(), getNOut());
        checkGeometry();
        return LayerWiring.wire(new Deconvolution2x2Layer(conf, networkDataType), conf, trainingListeners, layerIndex,
                layerParamsView, initializeParams);
    }

    /** A configuration read from JSON could say anything; this layer computes only the one geometry. */
    private void checkGeometry() {
        boolean ok = Arrays.equals(getKernelSize(), new int[] {2, 2}) && Arrays.equals(getStride(), new int[] {2, 2})
                && Arrays.equals(getPadding(), new int[] {0, 0}) && Arrays.equals(getDilation(), new int[] {1, 1})
                && getConvolutionMode() != ConvolutionMode.Same && getCnn2dDataFormat() == CNN2DFormat.NCHW;
        if (!ok) {
            throw new IllegalStateException("Deconvolution2x2 '" + getLayerName() + "' needs kernel 2x2, stride 2x2, "
                    + "padding 0, dilation 1, NCHW and no Same mode; got kernel " + Arrays.toString(getKernelSize())
                    + " stride " + Arrays.toString(getStride()) + " padding " + Arrays.toString(getPadding())
                    + " dilation " + Arrays.toString(getDilation()) + " mode " + getConvolutionMode() + " format "
                    + getCnn2dDataFormat());
        }
    }

    /** Builds a {@link Deconvolution2x2}; {@link #nOut} is required, {@link #nIn} is inferred in a network. */
    public static final class Builder {

        private final Deconvolution2D.Builder dl4j = new Deconvolution2D.Builder(new int[] {2, 2}, new int[] {2, 2},
                new int[] {0, 0}).convolutionMode(ConvolutionMode.Truncate);
        private boolean nOutSet;
        /** DL4J would fall back to the network's default activation (sigmoid); ours is identity. */
        private boolean activationSet;

        private Builder() {
        }

        /** Output channels (required). */
        public Builder nOut(long nOut) {
            if (nOut <= 0) {
                throw new IllegalArgumentException("nOut must be positive: " + nOut);
            }
            dl4j.nOut(nOut);
            nOutSet = true;
            return this;
        }

        /** Input channels; inferred from the input type when the layer is in a network with input types set. */
        public Builder nIn(long nIn) {
            if (nIn <= 0) {
                throw new IllegalArgumentException("nIn must be positive: " + nIn);
            }
            dl4j.nIn(nIn);
            return this;
        }

        /** Activation after the convolution; default identity. */
        public Builder activation(Activation activation) {
            return activation(activation.getActivationFunction());
        }

        /** Activation after the convolution; default identity. */
        public Builder activation(IActivation activation) {
            dl4j.activation(activation);
            activationSet = true;
            return this;
        }

        /** Weight initialisation; default the network's. */
        public Builder weightInit(WeightInit weightInit) {
            dl4j.weightInit(weightInit);
            return this;
        }

        /** Whether to add a per-channel bias; default true. */
        public Builder hasBias(boolean hasBias) {
            dl4j.hasBias(hasBias);
            return this;
        }

        /** Layer name; default the vertex name in a graph. */
        public Builder name(String name) {
            dl4j.name(name);
            return this;
        }

        /**
         * @throws IllegalStateException if {@link #nOut} was not set
         */
        public Deconvolution2x2 build() {
            if (!nOutSet) {
                throw new IllegalStateException("Deconvolution2x2 needs nOut");
            }
            if (!activationSet) {
                dl4j.activation(Activation.IDENTITY);
            }
            return new Deconvolution2x2(dl4j);
        }
    }
}
