package io.github.faceparse4j.core.layer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.Upsampling2D;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/**
 * Swaps stock DL4J layers in a graph for this package's faster layers that compute the same function, keeping the
 * parameters (and the updater state): for model files written before the networks used the fast layers.
 *
 * <table>
 *   <caption>What is replaced</caption>
 *   <tr><th>stock layer</th><th>replacement</th><th>when</th></tr>
 *   <tr><td>{@code SubsamplingLayer} MAX, kernel 2, stride 2, no padding</td>
 *       <td>{@link ResampleConcatVertex} {@link Resample#MAX_POOL_2X2}</td>
 *       <td>NCHW; {@code Truncate}, or {@code Same} on an input of even height and width (the two then agree)</td></tr>
 *   <tr><td>{@code Upsampling2D} size 2</td><td>{@link ResampleConcatVertex} {@link Resample#NEAREST_UP_2X}</td>
 *       <td>NCHW</td></tr>
 *   <tr><td>{@code CnnLossLayer} softmax + {@code LossMCXENT} (class weights or none, default clipping)</td>
 *       <td>{@link PixelSoftmaxCrossEntropy} with the same weights</td><td>NCHW</td></tr>
 *   <tr><td>any layer's {@code ActivationTanH}</td><td>{@link FastTanhActivation}</td><td>always</td></tr>
 * </table>
 * A layer with dropout or an input preprocessor is left alone. Vertex names, inputs and outputs do not change, and the
 * replaced layers have no parameters, so every parameterised layer keeps its place. Stateless and thread-safe.
 */
public final class FastLayerSubstitution {

    /** LossMCXENT's default clipping of probabilities, which {@link PixelSoftmaxCrossEntropy} also applies. */
    private static final double DEFAULT_SOFTMAX_CLIP = 1e-10;

    private FastLayerSubstitution() {
    }

    /**
     * A graph computing what {@code graph} computes, with the layers above replaced, or {@code graph} itself when it
     * has none of them. The new graph gets copies of the parameters and of the updater state.
     *
     * @param inputTypes the graph's input types (needed to tell whether a {@code Same}-mode pooling sees even sizes)
     * @throws IllegalArgumentException if the number of input types does not match the graph's inputs
     */
    public static ComputationGraph substitute(ComputationGraph graph, InputType... inputTypes) {
        ComputationGraphConfiguration conf = graph.getConfiguration();
        if (inputTypes.length != conf.getNetworkInputs().size()) {
            throw new IllegalArgumentException("the graph has " + conf.getNetworkInputs().size() + " inputs, got "
                    + inputTypes.length + " input types");
        }
        Map<String, InputType> types;
        try {
            types = conf.getLayerActivationTypes(inputTypes);
        } catch (RuntimeException e) {
            // Sizes unknown: every replacement that does not depend on them still applies.
            types = Map.of();
        }
        ComputationGraphConfiguration copy = conf.clone();
        List<String> replaced = new ArrayList<>();
        for (Map.Entry<String, GraphVertex> entry : copy.getVertices().entrySet()) {
            String name = entry.getKey();
            InputType input = inputType(conf, types, name);
            GraphVertex replacement = replacement(entry.getValue(), input);
            if (replacement != null) {
                entry.setValue(replacement);
                replaced.add(name);
            }
        }
        if (replaced.isEmpty()) {
            return graph;
        }
        ComputationGraph fast = new ComputationGraph(copy);
        fast.init();
        for (Layer layer : graph.getLayers()) {
            // Parameter by parameter: Layer.setParams(flat) reshapes in 'f' order, which scrambles custom layers.
            Layer target = fast.getLayer(layer.conf().getLayer().getLayerName());
            for (Map.Entry<String, INDArray> param : layer.paramTable().entrySet()) {
                target.getParam(param.getKey()).assign(param.getValue());
            }
        }
        INDArray state = graph.getUpdater(false) == null ? null : graph.getUpdater().getStateViewArray();
        if (state != null && fast.getUpdater().getStateViewArray() != null
                && state.length() == fast.getUpdater().getStateViewArray().length()) {
            fast.getUpdater().getStateViewArray().assign(state);
        }
        return fast;
    }

    private static InputType inputType(ComputationGraphConfiguration conf, Map<String, InputType> types,
            String name) {
        List<String> inputs = conf.getVertexInputs().get(name);
        return inputs == null || inputs.size() != 1 ? null : types.get(inputs.get(0));
    }

    /** The fast vertex for {@code vertex}, or null to keep it. */
    private static GraphVertex replacement(GraphVertex vertex, InputType input) {
        if (!(vertex instanceof LayerVertex layerVertex) || layerVertex.getPreProcessor() != null) {
            return null;
        }
        org.deeplearning4j.nn.conf.layers.Layer layer = layerVertex.getLayerConf().getLayer();
        if (layer.getIDropout() != null) {
            return null;
        }
        if (layer instanceof SubsamplingLayer pool && isHalvingMaxPool(pool, input)) {
            return ResampleConcatVertex.of(Resample.MAX_POOL_2X2);
        }
        if (layer instanceof Upsampling2D up && equalsTwo(up.getSize()) && up.getFormat() == CNN2DFormat.NCHW) {
            return ResampleConcatVertex.of(Resample.NEAREST_UP_2X);
        }
        if (layer instanceof CnnLossLayer loss && !(layer instanceof PixelSoftmaxCrossEntropy)) {
            return softmaxCrossEntropy(loss, layerVertex);
        }
        if (layer instanceof BaseLayer base && base.getActivationFn() != null
                && base.getActivationFn().getClass() == ActivationTanH.class) {
            BaseLayer fast = (BaseLayer) base.clone();
            fast.setActivationFn(new FastTanhActivation());
            NeuralNetConfiguration layerConf = layerVertex.getLayerConf().clone();
            layerConf.setLayer(fast);
            return new LayerVertex(layerConf, null);
        }
        return null;
    }

    private static boolean isHalvingMaxPool(SubsamplingLayer pool, InputType input) {
        boolean shape = pool.getPoolingType() == PoolingType.MAX && pool.getCnn2dDataFormat() == CNN2DFormat.NCHW
                && equalsTwo(pool.getKernelSize()) && equalsTwo(pool.getStride()) && isZero(pool.getPadding())
                && (pool.getDilation() == null || (pool.getDilation()[0] == 1 && pool.getDilation()[1] == 1));
        if (!shape) {
            return false;
        }
        if (pool.getConvolutionMode() == ConvolutionMode.Truncate) {
            return true;
        }
        return pool.getConvolutionMode() == ConvolutionMode.Same
                && input instanceof InputType.InputTypeConvolutional conv
                && conv.getHeight() % 2 == 0 && conv.getWidth() % 2 == 0;
    }

    private static GraphVertex softmaxCrossEntropy(CnnLossLayer loss, LayerVertex vertex) {
        if (!(loss.getLossFn() instanceof LossMCXENT mcxent) || !(loss.getActivationFn() instanceof ActivationSoftmax)
                || loss.getFormat() != CNN2DFormat.NCHW
                || mcxent.getSoftmaxClipEps() != DEFAULT_SOFTMAX_CLIP) {
            return null;
        }
        PixelSoftmaxCrossEntropy.Builder builder = PixelSoftmaxCrossEntropy.builder().name(loss.getLayerName());
        if (mcxent.getWeights() != null) {
            builder.classWeights(mcxent.getWeights().toDoubleVector());
        }
        NeuralNetConfiguration layerConf = vertex.getLayerConf().clone();
        layerConf.setLayer(builder.build());
        return new LayerVertex(layerConf, null);
    }

    private static boolean equalsTwo(int[] values) {
        return values != null && values.length == 2 && values[0] == 2 && values[1] == 2;
    }

    private static boolean isZero(int[] values) {
        return values == null || (values.length == 2 && values[0] == 0 && values[1] == 0);
    }
}
