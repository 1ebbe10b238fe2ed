package io.github.faceparse4j.examples.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The networks {@link NetworkBench#main} knows by name. Other code adds the project's real networks (RNN-G, iCNN
 * stages) here, each with a twin of the same name in {@code bench/torch_twins.py}.
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
        return list;
    }
}
