package io.github.faceparse4j.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.faceparse4j.core.label.LabelScheme;
import io.github.faceparse4j.core.testing.TestFixtures;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FaceDatasetTest {

    @TempDir
    Path dir;

    /** The fixture names, in val.txt order. */
    static List<String> fixtureNames() throws IOException {
        return Files.readAllLines(TestFixtures.celebaMask24().resolve("val.txt")).stream()
                .filter(s -> !s.isBlank()).toList();
    }

    /** Copies the first {@code count} fixtures into {@code root} with the list file {@code list.txt}. */
    static FaceDataset copyOfFixtures(Path root, int count) throws IOException {
        Files.createDirectories(root.resolve("images"));
        Files.createDirectories(root.resolve("labels"));
        List<String> names = fixtureNames().subList(0, count);
        for (String name : names) {
            Files.copy(TestFixtures.celebaMask24().resolve("images/" + name + ".jpg"),
                    root.resolve("images/" + name + ".jpg"));
            Files.copy(TestFixtures.celebaMask24().resolve("labels/" + name + ".png"),
                    root.resolve("labels/" + name + ".png"));
        }
        Files.write(root.resolve("list.txt"), names);
        return FaceDataset.open(root, "list.txt");
    }

    /** Replaces a file with its first half. */
    static void truncate(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
    }

    @Test
    void opensTheFixtureListAndLoadsSamplesLazily() throws IOException {
        FaceDataset dataset = FaceDataset.open(TestFixtures.celebaMask24(), "val.txt");
        assertEquals(24, dataset.size());
        assertEquals(fixtureNames(), dataset.names());
        assertSame(LabelScheme.CELEBAMASK_19, dataset.scheme());
        assertEquals(TestFixtures.celebaMask24().resolve("images/0019.jpg"), dataset.imagePath(1));
        FaceSample sample = dataset.load(1);
        assertEquals("0019", sample.name());
        assertEquals(BufferedImage.TYPE_INT_RGB, sample.image().getType());
        assertEquals(256, sample.width());
        assertEquals(256, sample.height());
        assertEquals(dataset.loadLabels(1), sample.labels());

        FaceDataset tail = dataset.subset(20, 24);
        assertEquals(4, tail.size());
        assertEquals(dataset.name(21), tail.name(1));
        assertEquals(dataset.load(21).labels(), tail.load(1).labels());
        assertThrows(IllegalArgumentException.class, () -> dataset.subset(3, 3));
        assertThrows(IndexOutOfBoundsException.class, () -> dataset.subset(0, 25));
    }

    @Test
    void subsetOfADatasetWithARelativeRootFindsItsFiles() throws IOException {
        Path absolute = TestFixtures.celebaMask24().toAbsolutePath().normalize();
        Path relative = Path.of("").toAbsolutePath().relativize(absolute);
        FaceDataset dataset = FaceDataset.open(relative, "val.txt");
        FaceDataset head = dataset.subset(0, 2);
        assertEquals(dataset.imagePath(1), head.imagePath(1));
        assertTrue(Files.isRegularFile(head.imagePath(1)), head.imagePath(1).toString());
        assertEquals(dataset.load(1).labels(), head.load(1).labels());
    }

    @Test
    void builderTakesOtherLayouts() throws IOException {
        Path root = dir.resolve("custom");
        Files.createDirectories(root.resolve("photos"));
        Files.createDirectories(root.resolve("masks"));
        String name = fixtureNames().get(0);
        Files.copy(TestFixtures.celebaMask24().resolve("images/" + name + ".jpg"), root.resolve("photos/a.jpeg"));
        Files.copy(TestFixtures.celebaMask24().resolve("labels/" + name + ".png"), root.resolve("masks/a.label.png"));
        Files.writeString(root.resolve("names.lst"), "\n a \n\n");
        FaceDataset dataset = FaceDataset.builder().setRoot(root).setListFile("names.lst")
                .optImageDir(Path.of("photos")).optLabelDir(Path.of("masks")).optImageExtension(".jpeg")
                .optLabelExtension(".label.png").build();
        assertEquals(List.of("a"), dataset.names());
        assertEquals(256, dataset.load(0).width());
        assertThrows(IllegalStateException.class, () -> FaceDataset.builder().setRoot(root).build());
    }

    @Test
    void emptyListFileIsNamed() throws IOException {
        copyOfFixtures(dir, 2);
        Path list = Files.writeString(dir.resolve("empty.txt"), "\n  \n");
        IOException e = assertThrows(IOException.class, () -> FaceDataset.open(dir, "empty.txt"));
        assertTrue(e.getMessage().contains(list.toString()) && e.getMessage().contains("empty"), e.getMessage());
        e = assertThrows(NoSuchFileException.class, () -> FaceDataset.open(dir, "absent.txt"));
        assertTrue(e.getMessage().contains("absent.txt"), e.getMessage());
    }

    @Test
    void repeatedNameIsRejectedWithItsLine() throws IOException {
        copyOfFixtures(dir, 2);
        String name = fixtureNames().get(1);
        Files.writeString(dir.resolve("twice.txt"), fixtureNames().get(0) + "\n" + name + "\n" + name + "\n");
        IOException e = assertThrows(IOException.class, () -> FaceDataset.open(dir, "twice.txt"));
        assertTrue(e.getMessage().contains("line 3") && e.getMessage().contains(name), e.getMessage());
    }

    @Test
    void missingListedFilesAreNamedWhenOpening() throws IOException {
        copyOfFixtures(dir, 3);
        Path image = dir.resolve("images/" + fixtureNames().get(1) + ".jpg");
        Files.delete(image);
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> FaceDataset.open(dir, "list.txt"));
        assertTrue(e.getMessage().contains(image.toString()) && e.getMessage().contains("1 file(s)"),
                e.getMessage());

        Path label = dir.resolve("labels/" + fixtureNames().get(2) + ".png");
        Files.delete(label);
        e = assertThrows(NoSuchFileException.class, () -> FaceDataset.open(dir, "list.txt"));
        assertTrue(e.getMessage().contains(label.toString()) && e.getMessage().contains("2 file(s)"),
                e.getMessage());
    }

    @Test
    void truncatedOrNonImageFilesAreNamedWhenLoaded() throws IOException {
        FaceDataset dataset = copyOfFixtures(dir, 3);
        truncate(dataset.imagePath(0));
        IOException e = assertThrows(IOException.class, () -> dataset.load(0));
        assertTrue(e.getMessage().contains(dataset.imagePath(0).toString()), e.getMessage());

        Files.writeString(dataset.labelPath(1), "this is not a PNG");
        e = assertThrows(IOException.class, () -> dataset.load(1));
        assertTrue(e.getMessage().contains(dataset.labelPath(1).toString()), e.getMessage());

        assertEquals(256, dataset.load(2).width(), "the intact sample still loads");
    }

    @Test
    void labelOfTheWrongSizeIsNamed() throws IOException {
        FaceDataset dataset = copyOfFixtures(dir, 1);
        ImageIO.write(new BufferedImage(128, 128, BufferedImage.TYPE_BYTE_GRAY), "png",
                dataset.labelPath(0).toFile());
        IOException e = assertThrows(IOException.class, () -> dataset.load(0));
        assertTrue(e.getMessage().contains(dataset.labelPath(0).toString()) && e.getMessage().contains("128x128")
                && e.getMessage().contains("256x256"), e.getMessage());
    }

    @Test
    void labelIdOutsideTheSchemeIsNamed() throws IOException {
        FaceDataset dataset = copyOfFixtures(dir, 1);
        BufferedImage labels = ImageIO.read(dataset.labelPath(0).toFile());
        labels.getRaster().setSample(17, 42, 0, 25);
        ImageIO.write(labels, "png", dataset.labelPath(0).toFile());
        IOException e = assertThrows(IOException.class, () -> dataset.load(0));
        assertTrue(e.getMessage().contains(dataset.labelPath(0).toString()) && e.getMessage().contains("25")
                && e.getMessage().contains("(17,42)"), e.getMessage());
        assertThrows(IOException.class, () -> dataset.loadLabels(0));
    }

    @Test
    void colourLabelImageIsNamed() throws IOException {
        FaceDataset dataset = copyOfFixtures(dir, 1);
        ImageIO.write(new BufferedImage(256, 256, BufferedImage.TYPE_INT_RGB), "png", dataset.labelPath(0).toFile());
        IOException e = assertThrows(IOException.class, () -> dataset.load(0));
        assertTrue(e.getMessage().contains(dataset.labelPath(0).toString())
                && e.getMessage().contains("single-band"), e.getMessage());
    }

    @Test
    void sampleChecksImageAndLabelSizes() throws IOException {
        FaceSample sample = FaceDataset.open(TestFixtures.celebaMask24(), "val.txt").load(0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new FaceSample("x", sample.image(), sample.labels().resizeNearest(255, 256)));
        assertTrue(e.getMessage().contains("255x256"), e.getMessage());
    }
}
