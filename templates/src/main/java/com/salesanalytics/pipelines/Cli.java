package com.salesanalytics.pipelines;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Optional;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * Turns {@code --name=value} arguments into a pipeline's options. A bad argument becomes an
 * {@link IllegalArgumentException} with a one-line message naming it; {@code --help} prints the
 * command's options.
 */
public final class Cli {
  private Cli() {}

  /** The options, or empty when help was asked for (and printed). */
  public static <T extends PipelineOptions> Optional<T> parse(String command, String summary, String[] args, Class<T> type) {
    if (Arrays.stream(args).anyMatch(a -> a.equals("--help") || a.equals("-h") || a.startsWith("--help="))) {
      printHelp(System.out, command, summary, type);
      return Optional.empty();
    }
    PipelineOptionsFactory.register(type);
    try {
      return Optional.of(PipelineOptionsFactory.fromArgs(args).withValidation().as(type));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(oneLine(culprit(args, type).orElse("") + e.getMessage()), e);
    }
  }

  /**
   * Beam's message for a value it cannot convert ("Cannot deserialize value of type Integer from
   * String ten") does not say which option held it; trying the arguments one at a time does.
   */
  private static Optional<String> culprit(String[] args, Class<? extends PipelineOptions> type) {
    for (String arg : args) {
      try {
        PipelineOptionsFactory.fromArgs(arg).as(type);
      } catch (IllegalArgumentException e) {
        int equals = arg.indexOf('=');
        String name = equals > 0 ? arg.substring(0, equals) : arg;
        if (e.getMessage() != null && e.getMessage().contains(name.replaceFirst("^--", ""))) {
          return Optional.empty(); // Beam already names it
        }
        return Optional.of(name + ": cannot use '" + (equals > 0 ? arg.substring(equals + 1) : "") + "': ");
      }
    }
    return Optional.empty();
  }

  static void printHelp(PrintStream out, String command, String summary, Class<? extends PipelineOptions> type) {
    out.println("Usage: java -jar sales-templates.jar " + command + " [--option=value ...]");
    out.println();
    out.println(summary);
    out.println();
    PipelineOptionsFactory.printHelp(out, type);
  }

  /** Runs a command, turning a bad argument into one line on stderr and exit status 2. */
  public static int run(Command command, String[] args) {
    try {
      command.run(args);
      return 0;
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + oneLine(e.getMessage()));
      return 2;
    }
  }

  static String oneLine(String message) {
    if (message == null) {
      return "invalid arguments";
    }
    return message.strip().lines().map(String::strip).filter(l -> !l.isEmpty())
        .reduce((a, b) -> a + " " + b).orElse("invalid arguments");
  }

  /** A command's entry point. */
  @FunctionalInterface
  public interface Command {
    void run(String[] args);
  }
}
