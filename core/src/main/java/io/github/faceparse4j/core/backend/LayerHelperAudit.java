package io.github.faceparse4j.core.backend;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.layers.convolution.Convolution3DLayer;
import org.deeplearning4j.nn.layers.convolution.Deconvolution2DLayer;
import org.deeplearning4j.nn.layers.convolution.DepthwiseConvolution2DLayer;
import org.deeplearning4j.nn.layers.convolution.SeparableConvolution2DLayer;
import org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.nn.layers.normalization.LocalResponseNormalization;
import org.deeplearning4j.nn.layers.wrapper.BaseWrapperLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Which layers of an initialised network run on DL4J's layer helpers (oneDNN or libnd4j kernels) and which do not.
 *
 * <p>DL4J creates a layer's helper once, when the network is initialised, and silently leaves it null when helpers
 * are disabled or its oneDNN check fails; such a layer then takes DL4J's built-in path, several times slower. Two kinds
 * of layer are reported:
 * <ul>
 *   <li>{@link #missing()}: convolution, subsampling (pooling), batch-norm and LRN layers, which DL4J can run on a
 *       helper but whose helper is null;</li>
 *   <li>{@link #withoutImplementation()}: layer types DL4J 1.0.0-M2.1 has no helper for at all (deconvolution,
 *       depthwise, separable and 3-D convolution).</li>
 * </ul>
 * Immutable and thread-safe; it reads the network once, when created.
 */
public final class LayerHelperAudit {

    /** DL4J layer classes that override {@code initializeHelper()} with a no-op. */
    private static final Set<Class<?>> NO_HELPER_IN_DL4J = Set.of(Deconvolution2DLayer.class,
            DepthwiseConvolution2DLayer.class, SeparableConvolution2DLayer.class, Convolution3DLayer.class);

    /** Layers that could have a helper and have none, as {@code name (Type)}. */
    private final List<String> missing;
    /** Layers whose type has no helper in DL4J, as {@code name (Type)}. */
    private final List<String> withoutImplementation;

    private LayerHelperAudit(List<String> missing, List<String> withoutImplementation) {
        this.missing = List.copyOf(missing);
        this.withoutImplementation = List.copyOf(withoutImplementation);
    }

    /**
     * Audits an initialised graph.
     *
     * @throws IllegalArgumentException if {@code graph.init()} has not been called
     */
    public static LayerHelperAudit of(ComputationGraph graph) {
        if (graph.getLayers() == null) {
            throw new IllegalArgumentException("ComputationGraph is not initialised: call init() first");
        }
        return of(graph.getLayers());
    }

    /**
     * Audits an initialised multi-layer network.
     *
     * @throws IllegalArgumentException if {@code network.init()} has not been called
     */
    public static LayerHelperAudit of(MultiLayerNetwork network) {
        if (network.getLayers() == null) {
            throw new IllegalArgumentException("MultiLayerNetwork is not initialised: call init() first");
        }
        return of(network.getLayers());
    }

    private static LayerHelperAudit of(Layer[] layers) {
        List<String> missing = new ArrayList<>();
        List<String> without = new ArrayList<>();
        for (Layer outer : layers) {
            Layer layer = unwrap(outer);
            String label = describe(outer, layer);
            if (NO_HELPER_IN_DL4J.contains(layer.getClass())) {
                without.add(label);
            } else if (canHaveHelper(layer) && layer.getHelper() == null) {
                missing.add(label);
            }
        }
        return new LayerHelperAudit(missing, without);
    }

    private static Layer unwrap(Layer layer) {
        Layer l = layer;
        while (l instanceof BaseWrapperLayer) {
            l = ((BaseWrapperLayer) l).getUnderlying();
        }
        return l;
    }

    private static boolean canHaveHelper(Layer layer) {
        return layer instanceof ConvolutionLayer || layer instanceof SubsamplingLayer
                || layer instanceof BatchNormalization || layer instanceof LocalResponseNormalization;
    }

    private static String describe(Layer outer, Layer inner) {
        String name = outer.conf() != null && outer.conf().getLayer() != null
                ? outer.conf().getLayer().getLayerName() : null;
        return (name == null ? "#" + outer.getIndex() : "'" + name + "'") + " (" + inner.getClass().getSimpleName()
                + ")";
    }

    /** Layers that could run on a helper but have none, e.g. {@code 'conv1' (ConvolutionLayer)}. */
    public List<String> missing() {
        return missing;
    }

    /** Layers of a type DL4J has no helper for, e.g. {@code 'up1' (Deconvolution2DLayer)}. */
    public List<String> withoutImplementation() {
        return withoutImplementation;
    }

    /** Whether every layer that can have a helper has one. */
    public boolean isComplete() {
        return missing.isEmpty();
    }
}
