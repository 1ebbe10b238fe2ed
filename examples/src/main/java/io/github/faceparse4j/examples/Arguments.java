package io.github.faceparse4j.examples;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A subcommand's command line split into options and operands. Options are {@code --name value},
 * {@code --name=value} or, for flags, {@code --name}; {@code --help} and {@code -h} are always known flags; every
 * other word is an operand, in order, and after {@code --} every word is. A repeated option keeps its last value.
 * Immutable.
 */
final class Arguments {

    /** The flag that asks for a command's help. */
    static final String HELP = "--help";

    private final List<String> operands;
    private final Map<String, String> values;
    private final Set<String> flags;

    private Arguments(List<String> operands, Map<String, String> values, Set<String> flags) {
        this.operands = List.copyOf(operands);
        this.values = Map.copyOf(values);
        this.flags = Set.copyOf(flags);
    }

    /**
     * Splits {@code args}.
     *
     * @param valueOptions options that take a value, e.g. {@code "--out"}
     * @param flagOptions  options without a value, e.g. {@code "--json"}
     * @throws UsageException naming the option if it is unknown, lacks its value, or is a flag given a value
     */
    static Arguments parse(List<String> args, Set<String> valueOptions, Set<String> flagOptions)
            throws UsageException {
        List<String> operands = new ArrayList<>();
        Map<String, String> values = new HashMap<>();
        Set<String> flags = new HashSet<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--")) {
                operands.addAll(args.subList(i + 1, args.size()));
                break;
            }
            if (!arg.startsWith("-") || arg.equals("-")) {
                operands.add(arg);
                continue;
            }
            int eq = arg.indexOf('=');
            String name = eq < 0 ? arg : arg.substring(0, eq);
            if (name.equals(HELP) || name.equals("-h")) {
                flags.add(HELP);
            } else if (valueOptions.contains(name)) {
                if (eq >= 0) {
                    values.put(name, arg.substring(eq + 1));
                } else if (i + 1 < args.size()) {
                    values.put(name, args.get(++i));
                } else {
                    throw new UsageException(name + " needs a value");
                }
            } else if (flagOptions.contains(name)) {
                if (eq >= 0) {
                    throw new UsageException(name + " takes no value, got '" + arg + "'");
                }
                flags.add(name);
            } else {
                throw new UsageException("Unknown option " + name);
            }
        }
        return new Arguments(operands, values, flags);
    }

    /** The words that are not options, in order; unmodifiable. */
    List<String> operands() {
        return operands;
    }

    /** Whether {@code --help} (or {@code -h}) was given. */
    boolean helpRequested() {
        return flags.contains(HELP);
    }

    boolean flag(String name) {
        return flags.contains(name);
    }

    Optional<String> value(String name) {
        return Optional.ofNullable(values.get(name));
    }

    /** The option's value as a path, or {@code defaultValue} (which may be null) if it is absent. */
    Path path(String name, Path defaultValue) throws UsageException {
        String value = values.get(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new UsageException(name + " is not a valid path: '" + value + "'");
        }
    }

    /** The option's value as a path; a {@link UsageException} saying so if it is absent. */
    Path requiredPath(String name, String what) throws UsageException {
        Path path = path(name, null);
        if (path == null) {
            throw new UsageException(name + " " + what + " is required");
        }
        return path;
    }

    /**
     * The option's value as an integer of at least {@code min}, or {@code defaultValue} if it is absent.
     *
     * @throws UsageException naming the option and the value if it is not such an integer
     */
    int intValue(String name, int defaultValue, int min) throws UsageException {
        String value = values.get(name);
        if (value == null) {
            return defaultValue;
        }
        int parsed;
        try {
            parsed = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new UsageException(name + " needs a whole number, got '" + value + "'");
        }
        if (parsed < min) {
            throw new UsageException(name + " must be at least " + min + ", got " + parsed);
        }
        return parsed;
    }
}
