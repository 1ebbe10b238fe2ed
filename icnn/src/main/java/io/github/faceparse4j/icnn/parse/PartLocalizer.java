package io.github.faceparse4j.icnn.parse;

import io.github.faceparse4j.core.backend.FastPath;
import io.github.faceparse4j.core.image.Normalization;
import io.github.faceparse4j.core.label.LabelMap;
import io.github.faceparse4j.core.model.ModelFile;
import io.github.faceparse4j.icnn.net.IcnnModel;
import io.github.faceparse4j.icnn.part.CentreMethod;
import io.github.faceparse4j.icnn.part.PartCentres;
import io.github.faceparse4j.icnn.part.Stage1Labels;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * Stage 1 of the iCNN pipeline: finds the facial parts of aligned faces with the {@link IcnnModel#STAGE1} network.
 * Each face is resized to 64 x 64, labelled with the 9 {@link Stage1Labels} classes, and each part's centre is
 * taken from its label map ({@link PartCentres#locate}) and scaled back to the face's own size.
 *
 * <p>Thread-safe: forward passes are serialised on the network, which DL4J does not allow to run concurrently.
 */
public final class PartLocalizer {

    private final ClassMapPredictor predictor;
    private final CentreMethod centreMethod;

    private PartLocalizer(ClassMapPredictor predictor, CentreMethod centreMethod) {
        this.predictor = predictor;
        this.centreMethod = Objects.requireNonNull(centreMethod, "centreMethod");
    }

    /**
     * Loads a stage-1 model file.
     *
     * @throws IOException if the file cannot be read or is not a valid model file
     * @throws IllegalArgumentException if the model is not an {@code icnn-stage1} network
     */
    public static PartLocalizer load(Path modelFile) throws IOException {
        FastPath.ensure();
        ModelFile file = ModelFile.load(modelFile, IcnnModel.STAGE1.expectations());
        return new PartLocalizer(new ClassMapPredictor(file.computationGraph(),
                Normalization.byName(file.metadata().normalization())), CentreMethod.CENTROID);
    }

    /** Wraps a trained stage-1 network (for example during training); inputs are normalised with {@code norm}. */
    public static PartLocalizer of(ComputationGraph graph, Normalization normalization) {
        return new PartLocalizer(new ClassMapPredictor(graph, normalization), CentreMethod.CENTROID);
    }

    /** The same network locating centres with another method (default {@link CentreMethod#CENTROID}). */
    public PartLocalizer withCentreMethod(CentreMethod method) {
        return new PartLocalizer(predictor, method);
    }

    public Normalization normalization() {
        return predictor.normalization();
    }

    /** The stage-1 labels of each face as a 64 x 64 HELEN-11 map (no skin or hair: those are background). */
    public List<LabelMap> predictLabels(List<BufferedImage> faces) {
        int size = IcnnModel.STAGE1.inputSize();
        List<LabelMap> maps = new ArrayList<>(faces.size());
        for (byte[] classes : predictor.predict(faces, size)) {
            maps.add(Stage1Labels.toHelen(classes, size, size));
        }
        return maps;
    }

    /** The part centres of each face, in that face's own pixel frame. */
    public List<PartCentres> locate(List<BufferedImage> faces) {
        List<LabelMap> maps = predictLabels(faces);
        List<PartCentres> centres = new ArrayList<>(maps.size());
        for (int i = 0; i < maps.size(); i++) {
            centres.add(centresOf(maps.get(i), faces.get(i).getWidth(), faces.get(i).getHeight()));
        }
        return centres;
    }

    /** The part centres of one face, in its own pixel frame. */
    public PartCentres locate(BufferedImage face) {
        return locate(List.of(face)).get(0);
    }

    /** Centres of a stage-1 map, scaled to a {@code width x height} face. */
    PartCentres centresOf(LabelMap stage1Map, int width, int height) {
        return PartCentres.locate(stage1Map, centreMethod).scaledTo(width, height);
    }
}
