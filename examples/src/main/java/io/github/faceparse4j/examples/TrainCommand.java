package io.github.faceparse4j.examples;

import io.github.faceparse4j.rnngate.train.RnnGTrainer;
import io.github.faceparse4j.rnngate.train.TrainingOptions;
import io.github.faceparse4j.rnngate.train.TrainingResult;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;

/**
 * {@code train rnng|icnn ARGS...}: runs a trainer with the remaining arguments. {@code rnng} runs rnn-gate's
 * {@link RnnGTrainer}; {@code icnn} runs the icnn module's {@code IcnnTrainer} once that is part of the build (it is
 * looked up by name, see {@link ExternalMain}).
 */
final class TrainCommand implements Command {

    static final ExternalMain ICNN_TRAINER =
            new ExternalMain("io.github.faceparse4j.icnn.train.IcnnTrainer", "the iCNN trainer");

    @Override
    public String name() {
        return "train";
    }

    @Override
    public String summary() {
        return "train RNN-G (rnng) or the iCNN networks (icnn) on a celebamask-5k style dataset";
    }

    @Override
    public String usage() {
        return """
            Usage: faceparse4j train rnng|icnn [ARGS...]
              rnng   RNN-G (rnn-gate's RnnGTrainer); 'train rnng --help' lists its options. For the parser's
                     RNNG_HELEN model (rnn-g-helen11.model.zip) train with --classes 11.
              icnn   the iCNN localiser and part networks (icnn's IcnnTrainer)%s
            The arguments after rnng or icnn go to that trainer unchanged.
            """.formatted(ICNN_TRAINER.available() ? "; 'train icnn --help' lists its options."
                : ": " + ICNN_TRAINER.unavailableMessage() + ".");
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws CommandException {
        if (args.isEmpty()) {
            throw new UsageException("Which network? rnng or icnn");
        }
        if (args.get(0).equals(Arguments.HELP) || args.get(0).equals("-h")) {
            out.print(usage());
            return OK;
        }
        List<String> trainerArgs = args.subList(1, args.size());
        return switch (args.get(0)) {
            case "rnng" -> trainRnnG(trainerArgs, out);
            case "icnn" -> {
                ICNN_TRAINER.run(trainerArgs);
                yield OK;
            }
            default -> throw new UsageException("Unknown network '" + args.get(0) + "': rnng or icnn");
        };
    }

    private static int trainRnnG(List<String> args, PrintStream out) throws CommandException {
        if (args.contains(Arguments.HELP) || args.contains("-h")) {
            out.print(TrainingOptions.USAGE);
            return OK;
        }
        TrainingOptions options;
        try {
            options = TrainingOptions.parse(args.toArray(String[]::new));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage() + " ('train rnng --help' lists the options)");
        }
        try {
            TrainingResult result = new RnnGTrainer(options, out).train();
            out.println(result);
            return OK;
        } catch (IOException | IllegalStateException e) {
            throw new CommandException("Training failed: " + e.getMessage(), e);
        }
    }
}
