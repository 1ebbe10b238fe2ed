package io.github.faceparse4j.examples.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The networks {@link NetworkBench#main} knows by name, each with a twin of the same name in
 * {@code bench/torch_twins.py}: the two prototypes of issue 7 ({@link PrototypeNetworks}, every style) and the
 * project's real networks ({@link ProjectNetworks}).
 */
public final class BenchNetworks {

    private BenchNetworks() {
    }

    /** Every registered network, all variants. */
    public static List<BenchNetwork> all() {
        List<BenchNetwork> list = new ArrayList<>();
        for (PrototypeNetworks.Style style : PrototypeNetworks.Style.values()) {
            list.add(PrototypeNetworks.encoderDecoder(style));
            list.add(PrototypeNetworks.interlinked(style));
        }
        list.addAll(ProjectNetworks.all());
        return list;
    }
}
