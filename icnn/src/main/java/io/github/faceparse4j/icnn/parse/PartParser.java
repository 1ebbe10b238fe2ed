package io.github.faceparse4j.icnn.parse;

import io.github.faceparse4j.core.label.LabelMap;
import io.github.faceparse4j.core.label.LabelScheme;
import io.github.faceparse4j.icnn.net.IcnnModel;
import io.github.faceparse4j.icnn.part.FacePart;
import io.github.faceparse4j.icnn.part.PartCentres;
import io.github.faceparse4j.icnn.part.PartCrop;
import io.github.faceparse4j.icnn.part.PartCrops;
import io.github.faceparse4j.icnn.part.PartType;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Stage 2 of the iCNN pipeline: labels the pixels of each facial part in crops of the aligned 256 x 256 face, one
 * network per {@link PartType}, and pastes the results into one HELEN-11 map (paper section 3.2). Right brow and
 * right eye crops are mirrored for the shared networks and their predictions mirrored back ({@link PartCrop}).
 *
 * <p>Thread-safe: calls are serialised per network, which DL4J does not allow to run concurrently.
 */
public final class PartParser {

    private final Map<PartType, PartNetwork> networks;

    private PartParser(Map<PartType, PartNetwork> networks) {
        for (PartType type : PartType.values()) {
            PartNetwork network = networks.get(type);
            if (network == null || network.type() != type) {
                throw new IllegalArgumentException("No " + type.id() + " network; a part parser needs all four");
            }
        }
        this.networks = new EnumMap<>(networks);
    }

    /**
     * A parser from four part networks.
     *
     * @throws IllegalArgumentException if a type is missing or mapped to another type's network
     */
    public static PartParser of(Map<PartType, PartNetwork> networks) {
        return new PartParser(networks);
    }

    /**
     * Loads the four part models from a directory holding {@code icnn-brow.model.zip}, {@code icnn-eye.model.zip},
     * {@code icnn-nose.model.zip} and {@code icnn-mouth.model.zip} ({@link IcnnModel#fileName()}).
     *
     * @throws IOException if a file is missing, unreadable or not a valid model file
     * @throws IllegalArgumentException if a file holds another kind of network
     */
    public static PartParser load(Path directory) throws IOException {
        Map<PartType, PartNetwork> networks = new EnumMap<>(PartType.class);
        for (PartType type : PartType.values()) {
            networks.put(type, PartNetwork.load(type, directory.resolve(IcnnModel.of(type).fileName())));
        }
        return new PartParser(networks);
    }

    /** The network of one part type. */
    public PartNetwork network(PartType type) {
        return networks.get(type);
    }

    /**
     * Parses the parts of each face around the given centres and pastes them on a background map: HELEN-11 maps of
     * the faces' size with parts and background only.
     *
     * @throws IllegalArgumentException if the lists differ in length or a face and its centres differ in size
     */
    public List<LabelMap> parse(List<BufferedImage> faces, List<PartCentres> centres) {
        List<PartCrops> crops = cropsOf(faces, centres);
        List<Map<FacePart, byte[]>> predictions = predict(faces, crops);
        List<LabelMap> maps = new ArrayList<>(faces.size());
        for (int i = 0; i < faces.size(); i++) {
            BufferedImage face = faces.get(i);
            LabelMap background = LabelMap.filled(LabelScheme.HELEN_11, face.getWidth(), face.getHeight(), 0);
            maps.add(crops.get(i).paste(background, predictions.get(i)));
        }
        return maps;
    }

    /** Parses one face; see {@link #parse(List, List)}. */
    public LabelMap parse(BufferedImage face, PartCentres centres) {
        return parse(List.of(face), List.of(centres)).get(0);
    }

    /**
     * The part networks' labels for every crop: per face, per part, row-major part labels in the network's
     * (mirrored) view, ready for {@link PartCrops#paste}. Crops of one type from all faces share forward passes.
     */
    public List<Map<FacePart, byte[]>> predict(List<BufferedImage> faces, List<PartCrops> crops) {
        if (faces.size() != crops.size()) {
            throw new IllegalArgumentException(faces.size() + " faces but " + crops.size() + " crop sets");
        }
        List<Map<FacePart, byte[]>> out = new ArrayList<>(faces.size());
        for (int i = 0; i < faces.size(); i++) {
            out.add(new EnumMap<>(FacePart.class));
        }
        for (PartType type : PartType.values()) {
            List<BufferedImage> views = new ArrayList<>();
            List<int[]> owners = new ArrayList<>(); // {face index, part ordinal}
            for (int i = 0; i < faces.size(); i++) {
                for (FacePart part : type.parts()) {
                    views.add(crops.get(i).get(part).cropImage(faces.get(i)));
                    owners.add(new int[] {i, part.ordinal()});
                }
            }
            List<byte[]> labels = networks.get(type).predict(views);
            for (int j = 0; j < labels.size(); j++) {
                out.get(owners.get(j)[0]).put(FacePart.values()[owners.get(j)[1]], labels.get(j));
            }
        }
        return out;
    }

    private static List<PartCrops> cropsOf(List<BufferedImage> faces, List<PartCentres> centres) {
        if (faces.size() != centres.size()) {
            throw new IllegalArgumentException(faces.size() + " faces but " + centres.size() + " centre sets");
        }
        List<PartCrops> crops = new ArrayList<>(faces.size());
        for (int i = 0; i < faces.size(); i++) {
            BufferedImage face = faces.get(i);
            PartCentres c = centres.get(i);
            if (c.width() != face.getWidth() || c.height() != face.getHeight()) {
                throw new IllegalArgumentException("Face " + i + " is " + face.getWidth() + "x" + face.getHeight()
                        + " but its centres are in a " + c.width() + "x" + c.height() + " frame");
            }
            crops.add(PartCrops.around(c));
        }
        return crops;
    }
}
