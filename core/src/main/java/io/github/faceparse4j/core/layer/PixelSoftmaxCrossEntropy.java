package io.github.faceparse4j.core.layer;

import java.util.Collection;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/**
 * Per-pixel softmax over channels with multi-class cross-entropy, the usual face-parsing loss: exactly
 * {@code CnnLossLayer(LossFunction.MCXENT, Activation.SOFTMAX)} (optionally with per-class weights), computed along
 * the channel axis of the NCHW array instead of through DL4J's permute-to-2-D copies.
 *
 * <p>Input: the scores {@code [N, K, H, W]}; labels one-hot (or soft) {@code [N, K, H, W]}; output the probabilities
 * {@code [N, K, H, W]}. The score is {@code -sum(w_k y log p) / N}, probabilities clipped to {@code [1e-10, 1 - 1e-10]}
 * as LossMCXENT does. With a mask array, it falls back to DL4J's code path (same result, stock speed). Configuration
 * objects are immutable once built; layer instances are not thread-safe, like every DL4J layer.
 */
public class PixelSoftmaxCrossEntropy extends CnnLossLayer {

    private static final long serialVersionUID = 1L;

    /** For JSON deserialisation; {@link #builder()} is the way to make one. */
    public PixelSoftmaxCrossEntropy() {
        super();
        setActivationFn(new ActivationSoftmax());
        setLossFn(new LossMCXENT());
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> trainingListeners,
            int layerIndex, INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        if (getFormat() != CNN2DFormat.NCHW || !(getLossFn() instanceof LossMCXENT)
                || !(getActivationFn() instanceof ActivationSoftmax)) {
            throw new IllegalStateException("PixelSoftmaxCrossEntropy '" + getLayerName() + "' needs NCHW, MCXENT "
                    + "and softmax; got " + getFormat() + ", " + getLossFn() + ", " + getActivationFn());
        }
        return LayerWiring.wire(new PixelSoftmaxCrossEntropyLayer(conf, networkDataType), conf, trainingListeners, layerIndex,
                layerParamsView, initializeParams);
    }

    /** Builds a {@link PixelSoftmaxCrossEntropy}; every setting is optional. */
    public static final class Builder {

        private double[] classWeights;
        private String name;

        private Builder() {
        }

        /**
         * Per-class weights {@code w_k} (one per channel, all positive); default none (all 1).
         *
         * @throws IllegalArgumentException if empty or a weight is not positive and finite
         */
        public Builder classWeights(double... weights) {
            if (weights.length == 0) {
                throw new IllegalArgumentException("class weights must not be empty");
            }
            for (int k = 0; k < weights.length; k++) {
                if (!(weights[k] > 0) || Double.isInfinite(weights[k])) {
                    throw new IllegalArgumentException("class weight " + k + " must be positive and finite, got "
                            + weights[k]);
                }
            }
            this.classWeights = weights.clone();
            return this;
        }

        /** Layer name; default the vertex name in a graph. */
        public Builder name(String layerName) {
            this.name = layerName;
            return this;
        }

        public PixelSoftmaxCrossEntropy build() {
            PixelSoftmaxCrossEntropy conf = new PixelSoftmaxCrossEntropy();
            if (classWeights != null) {
                conf.setLossFn(new LossMCXENT(Nd4j.create(classWeights, 1, classWeights.length)));
            }
            conf.setLayerName(name);
            return conf;
        }
    }
}
