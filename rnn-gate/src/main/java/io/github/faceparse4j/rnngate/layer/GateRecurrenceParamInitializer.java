package io.github.faceparse4j.rnngate.layer;

import io.github.faceparse4j.rnngate.op.ScanDirection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The parameters of a {@link GateRecurrenceLayer}: "W" [4, C, C] then "b" [4, C], both c-order views of the layer's
 * flat parameter vector (index 0 is the {@link ScanDirection#ordinal()}). The CONVEX mode has no parameters.
 *
 * <p>W is drawn from the layer's weight init with fan-in and fan-out C, then, when the layer keeps the norm
 * constraint, scaled into ‖W_d‖_∞ ≤ 1 so that the very first forward pass is already stable; b is set to the bias
 * init. Stateless and thread-safe.
 */
public final class GateRecurrenceParamInitializer implements ParamInitializer {

    /** The key of the recurrent weights W [4, C, C]. */
    public static final String WEIGHT_KEY = "W";
    /** The key of the biases b [4, C]. */
    public static final String BIAS_KEY = "b";

    private static final GateRecurrenceParamInitializer INSTANCE = new GateRecurrenceParamInitializer();

    private GateRecurrenceParamInitializer() {
    }

    /** The single instance. */
    public static GateRecurrenceParamInitializer getInstance() {
        return INSTANCE;
    }

    private static GateRecurrenceLayer conf(Layer layer) {
        if (!(layer instanceof GateRecurrenceLayer gate)) {
            throw new IllegalArgumentException("not a GateRecurrenceLayer: " + layer.getClass().getName());
        }
        return gate;
    }

    private static boolean weighted(Layer layer) {
        return conf(layer).getMode().hasRecurrentWeights();
    }

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        long c = conf(layer).getNOut();
        return weighted(layer) ? ScanDirection.COUNT * (c * c + c) : 0;
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        return weighted(layer) ? List.of(WEIGHT_KEY, BIAS_KEY) : List.of();
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        return weighted(layer) ? List.of(WEIGHT_KEY) : List.of();
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        return weighted(layer) ? List.of(BIAS_KEY) : List.of();
    }

    @Override
    public boolean isWeightParam(Layer layer, String key) {
        return WEIGHT_KEY.equals(key) && weighted(layer);
    }

    @Override
    public boolean isBiasParam(Layer layer, String key) {
        return BIAS_KEY.equals(key) && weighted(layer);
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
        GateRecurrenceLayer layer = conf(conf.getLayer());
        long expected = numParams(layer);
        if (paramsView != null && paramsView.length() != expected) {
            throw new IllegalStateException("expected a parameter view of length " + expected + ", got "
                    + paramsView.length());
        }
        if (expected == 0) {
            return Collections.emptyMap();
        }
        Map<String, INDArray> params = views(layer, paramsView);
        if (initializeParams) {
            long c = layer.getNOut();
            IWeightInit init = layer.getWeightInitFn();
            INDArray weights = params.get(WEIGHT_KEY);
            init.init(c, c, weights.shape(), 'c', weights);
            if (layer.isWeightNormConstrained()) {
                RecurrentWeightNormConstraint.project(weights, 1.0);
            }
            params.get(BIAS_KEY).assign(layer.getBiasInit());
        }
        for (String key : params.keySet()) {
            conf.addVariable(key);
        }
        return params;
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        GateRecurrenceLayer layer = conf(conf.getLayer());
        return numParams(layer) == 0 ? Collections.emptyMap() : views(layer, gradientView);
    }

    /** "W" and "b" as shaped views of a flat vector. */
    private static Map<String, INDArray> views(GateRecurrenceLayer layer, INDArray flat) {
        long c = layer.getNOut();
        long weightCount = ScanDirection.COUNT * c * c;
        INDArray vector = flat.reshape(flat.length());
        Map<String, INDArray> views = Collections.synchronizedMap(new LinkedHashMap<>());
        views.put(WEIGHT_KEY, vector.get(NDArrayIndex.interval(0, weightCount))
                .reshape('c', ScanDirection.COUNT, c, c));
        views.put(BIAS_KEY, vector.get(NDArrayIndex.interval(weightCount, weightCount + ScanDirection.COUNT * c))
                .reshape('c', ScanDirection.COUNT, c));
        return views;
    }
}
