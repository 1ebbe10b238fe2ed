package io.github.faceparse4j.examples.bench;

import java.util.ArrayList;
import java.util.List;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.Upsampling2D;
import org.deeplearning4j.nn.weights.WeightInit;
import io.github.faceparse4j.core.backend.FastPath;
import io.github.faceparse4j.core.layer.Deconvolution2x2;
import io.github.faceparse4j.core.layer.PixelSoftmaxCrossEntropy;
import io.github.faceparse4j.core.layer.Resample;
import io.github.faceparse4j.core.layer.ResampleConcatVertex;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The two prototype networks of issue 7, layer for layer the same as {@code ../shared/bench/torch_peer.py} and
 * {@code bench/torch_twins.py}: an encoder-decoder at 128² (3 classes, 34,691 parameters) and an iCNN-like
 * interlinked net at 64² (9 classes).
 */
public final class PrototypeNetworks {

    /** How the layers are expressed in DL4J; the function computed is the same. */
    public enum Style {
        /** DL4J's stock layers as a user would write them: {@code ConvolutionMode.Same}, Deconvolution2D,
         *  Upsampling2D + MergeVertex. */
        STOCK_LAYERS,
        /** Explicit padding with {@code ConvolutionMode.Truncate}, otherwise stock layers. */
        TRUNCATE_PADDING,
        /** Explicit padding; FaceParse4J's {@code Deconvolution2x2}, {@code ResampleConcatVertex} and
         *  {@code PixelSoftmaxCrossEntropy} in place of Deconvolution2D, max pooling + Upsampling2D + MergeVertex and
         *  CnnLossLayer; and {@code FastPath.configure} (CacheMode.DEVICE). */
        TUNED;

        /** The bench variant name, e.g. {@code truncate-padding}. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    private static final long SEED = 12345;

    private PrototypeNetworks() {
    }

    /** The encoder-decoder: conv 5x5x16, pool, conv 3x3x32, pool, conv 3x3x64, 2 deconvolutions 2x2/2, 1x1 to 3. */
    public static BenchNetwork encoderDecoder(Style style) {
        return new SegmentationBenchNetwork("encdec-128", style.label(), () -> encoderDecoderConf(style), 3, 128, 3);
    }

    /** The iCNN-like net: 4 scales of 8/16/24/32 channels, 5x5 convolutions, interlinking, fusion, 1x1 to 9. */
    public static BenchNetwork interlinked(Style style) {
        return new SegmentationBenchNetwork("icnn-like-64", style.label(), () -> interlinkedConf(style), 3, 64, 9);
    }

    static ComputationGraphConfiguration encoderDecoderConf(Style style) {
        ComputationGraphConfiguration.GraphBuilder g = base(style).graphBuilder().addInputs("in")
                .setInputTypes(InputType.convolutional(128, 128, 3));
        g.addLayer("c1", conv(style, 5, 16, Activation.RELU), "in");
        addMaxPool(g, style, "p1", "c1");
        g.addLayer("c2", conv(style, 3, 32, Activation.RELU), "p1");
        addMaxPool(g, style, "p2", "c2");
        g.addLayer("c3", conv(style, 3, 64, Activation.RELU), "p2");
        g.addLayer("d1", deconv(style, 32), "c3");
        g.addLayer("d2", deconv(style, 16), "d1");
        g.addLayer("o", conv(style, 1, 3, Activation.IDENTITY), "d2");
        g.addLayer("loss", softmaxLoss(style), "o");
        return g.setOutputs("loss").build();
    }

    static ComputationGraphConfiguration interlinkedConf(Style style) {
        int[] ch = {8, 16, 24, 32};
        ComputationGraphConfiguration.GraphBuilder g = base(style).graphBuilder().addInputs("in")
                .setInputTypes(InputType.convolutional(64, 64, 3));
        String[] xs = {"in", "x1", "x2", "x3"};
        for (int i = 1; i < 4; i++) {
            g.addLayer(xs[i], new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.AVG).kernelSize(2, 2)
                    .stride(2, 2).build(), xs[i - 1]);
        }
        String[] p = new String[4];
        for (int i = 0; i < 4; i++) {
            p[i] = "A" + i;
            g.addLayer(p[i], conv(style, 5, ch[i], Activation.RELU), xs[i]);
        }
        p = interlink(g, style, "B", p, ch);
        p = interlink(g, style, "C", p, ch);
        String f = p[3];
        for (int i = 2; i >= 0; i--) {
            if (style == Style.TUNED) {
                g.addVertex("Fcat" + i, ResampleConcatVertex.of(Resample.IDENTITY, Resample.NEAREST_UP_2X), p[i], f);
            } else {
                String up = "Fup" + i;
                g.addLayer(up, new Upsampling2D.Builder(2).build(), f);
                g.addVertex("Fcat" + i, new MergeVertex(), p[i], up);
            }
            f = "Fu" + i;
            g.addLayer(f, conv(style, 5, ch[i], Activation.RELU), "Fcat" + i);
        }
        g.addLayer("o", conv(style, 1, 9, Activation.IDENTITY), f);
        g.addLayer("loss", softmaxLoss(style), "o");
        return g.setOutputs("loss").build();
    }

    /** One interlinking stage: scale i sees itself, the max-pooled finer scale and the upsampled coarser scale. */
    private static String[] interlink(ComputationGraphConfiguration.GraphBuilder g, Style style, String stage,
            String[] p, int[] ch) {
        String[] out = new String[4];
        for (int i = 0; i < 4; i++) {
            out[i] = stage + i;
            if (style == Style.TUNED) {
                addTunedInterlink(g, stage + "cat" + i, p, i);
                g.addLayer(out[i], conv(style, 5, ch[i], Activation.RELU), stage + "cat" + i);
                continue;
            }
            List<String> parts = new ArrayList<>(List.of(p[i]));
            if (i > 0) {
                String down = stage + "down" + i;
                g.addLayer(down, maxPool(), p[i - 1]);
                parts.add(down);
            }
            if (i < 3) {
                String up = stage + "up" + i;
                g.addLayer(up, new Upsampling2D.Builder(2).build(), p[i + 1]);
                parts.add(up);
            }
            g.addVertex(stage + "cat" + i, new MergeVertex(), parts.toArray(new String[0]));
            g.addLayer(out[i], conv(style, 5, ch[i], Activation.RELU), stage + "cat" + i);
        }
        return out;
    }

    /** {@code [p_i, maxpool(p_{i-1}), up(p_{i+1})]} as one vertex, inputs in the same order as the stock merge. */
    private static void addTunedInterlink(ComputationGraphConfiguration.GraphBuilder g, String name, String[] p,
            int i) {
        List<String> inputs = new ArrayList<>(List.of(p[i]));
        List<Resample> resamples = new ArrayList<>(List.of(Resample.IDENTITY));
        if (i > 0) {
            inputs.add(p[i - 1]);
            resamples.add(Resample.MAX_POOL_2X2);
        }
        if (i < 3) {
            inputs.add(p[i + 1]);
            resamples.add(Resample.NEAREST_UP_2X);
        }
        g.addVertex(name, ResampleConcatVertex.of(resamples.toArray(new Resample[0])), inputs.toArray(new String[0]));
    }

    private static void addMaxPool(ComputationGraphConfiguration.GraphBuilder g, Style style, String name,
            String input) {
        if (style == Style.TUNED) {
            g.addVertex(name, ResampleConcatVertex.of(Resample.MAX_POOL_2X2), input);
        } else {
            g.addLayer(name, maxPool(), input);
        }
    }

    private static NeuralNetConfiguration.Builder base(Style style) {
        NeuralNetConfiguration.Builder b = new NeuralNetConfiguration.Builder().seed(SEED).dataType(DataType.FLOAT)
                .updater(new Adam(1e-3)).weightInit(WeightInit.RELU);
        return style == Style.TUNED ? FastPath.configure(b) : b;
    }

    private static ConvolutionLayer conv(Style style, int k, int nOut, Activation activation) {
        ConvolutionLayer.Builder b = new ConvolutionLayer.Builder(k, k).nOut(nOut).activation(activation);
        if (style == Style.STOCK_LAYERS) {
            b.convolutionMode(ConvolutionMode.Same);
        } else {
            b.convolutionMode(ConvolutionMode.Truncate).padding(k / 2, k / 2);
        }
        return b.build();
    }

    private static SubsamplingLayer maxPool() {
        return new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build();
    }

    private static org.deeplearning4j.nn.conf.layers.Layer deconv(Style style, int nOut) {
        if (style == Style.TUNED) {
            return Deconvolution2x2.builder().nOut(nOut).activation(Activation.RELU).build();
        }
        return new Deconvolution2D.Builder().kernelSize(2, 2).stride(2, 2).nOut(nOut).activation(Activation.RELU)
                .build();
    }

    private static org.deeplearning4j.nn.conf.layers.Layer softmaxLoss(Style style) {
        if (style == Style.TUNED) {
            return PixelSoftmaxCrossEntropy.builder().build();
        }
        return new CnnLossLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX).build();
    }
}
