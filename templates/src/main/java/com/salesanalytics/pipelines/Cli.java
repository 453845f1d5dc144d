package com.salesanalytics.pipelines;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.logging.LogManager;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    checkValuesGiven(args, type);
    PipelineOptionsFactory.register(type);
    try {
      return Optional.of(PipelineOptionsFactory.fromArgs(args).withValidation().as(type));
    } catch (IllegalArgumentException e) {
      Matcher unknown = UNKNOWN_OPTION.matcher(e.getMessage() == null ? "" : e.getMessage());
      if (unknown.find()) {
        throw new IllegalArgumentException("--" + unknown.group(1) + ": not an option of " + command + "; see "
            + command + " --help" + (unknown.group(2).isBlank() ? "" : " (" + unknown.group(2).strip() + ")"), e);
      }
      String message = culprit(args, type).orElse(e.getMessage());
      throw new IllegalArgumentException(oneLine(message), e);
    }
  }

  /** Beam's "Class interface ...Options missing a property named 'x'." and its "Did you mean" suggestions. */
  private static final Pattern UNKNOWN_OPTION = Pattern.compile("missing a property named '([^']+)'\\.?(.*)", Pattern.DOTALL);

  /**
   * Beam reads {@code --name} without "=value" as "true", whatever the option's type: a
   * {@code --duckdbPath} given no value wrote a database named "true". Only true/false options may
   * stand alone.
   */
  private static void checkValuesGiven(String[] args, Class<? extends PipelineOptions> type) {
    for (String arg : args) {
      if (arg.startsWith("--") && arg.indexOf('=') < 0) {
        String name = arg.substring(2);
        Class<?> valueType = propertyType(type, name);
        if (valueType != null && valueType != Boolean.class && valueType != boolean.class) {
          throw new IllegalArgumentException(arg + ": needs a value, as " + arg + "=VALUE");
        }
      }
    }
  }

  private static Class<?> propertyType(Class<?> type, String name) {
    if (name.isEmpty()) {
      return null;
    }
    String capitalized = Character.toUpperCase(name.charAt(0)) + name.substring(1);
    for (Method method : type.getMethods()) {
      if (method.getParameterCount() == 0
          && (method.getName().equals("get" + capitalized) || method.getName().equals("is" + capitalized))) {
        return method.getReturnType();
      }
    }
    return null;
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
        String value = equals > 0 ? arg.substring(equals + 1) : "";
        Class<?> valueType = propertyType(type, name.replaceFirst("^--", ""));
        String expected = valueType != null && valueType.isEnum()
            ? "one of " + Arrays.stream(valueType.getEnumConstants()).map(String::valueOf).collect(Collectors.joining(", "))
            : expected(e.getMessage(), value);
        return Optional.of(name + ": expected " + expected + ", got '" + value + "'");
      }
    }
    return Optional.empty();
  }

  static void printHelp(PrintStream out, String command, String summary, Class<? extends PipelineOptions> type) {
    out.println("Usage: java -jar sales-analytics.jar " + command + " [--option=value ...]");
    out.println();
    out.println(summary);
    out.println();
    PipelineOptionsFactory.printHelp(out, type);
  }

  /**
   * Runs a command: a bad argument becomes one line on stderr and exit status 2; a {@link Failure}
   * (the command was valid but could not be carried out, e.g. the API refused it) status 1.
   */
  public static int run(Command command, String[] args) {
    configureLogging();
    try {
      command.run(args);
      return 0;
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + oneLine(e.getMessage()));
      return 2;
    } catch (Failure e) {
      System.err.println("error: " + oneLine(e.getMessage()));
      return 1;
    }
  }

  /** A valid command that could not be carried out; reported in one line, exit status 1. */
  public static final class Failure extends RuntimeException {
    public Failure(String message) {
      super(message);
    }
  }

  /**
   * What the option takes, in words, from Jackson's message (which names a Java type and ends in
   * "[Source: UNKNOWN; byte offset: #UNKNOWN]", nothing a user can act on); a whole number too
   * large for its type gets the type's range.
   */
  private static String expected(String message, String value) {
    Matcher type = Pattern.compile("type `(?:java\\.lang\\.)?([\\w.$]+)`").matcher(message == null ? "" : message);
    if (!type.find()) {
      return "a valid value";
    }
    boolean wholeNumber = value.matches("[+-]?[0-9]+");
    return switch (type.group(1)) {
      case "Integer" -> wholeNumber ? "a whole number from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE : "a whole number";
      case "Long" -> wholeNumber ? "a whole number from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE : "a whole number";
      case "Double", "Float" -> "a number";
      case "Boolean" -> "true or false";
      default -> "a " + type.group(1).substring(type.group(1).lastIndexOf('$') + 1) + " value";
    };
  }

  /** One line per log record (see sales-logging.properties), unless the user configured logging. */
  static void configureLogging() {
    if (System.getProperty("java.util.logging.config.file") != null) {
      return;
    }
    try (InputStream config = Cli.class.getResourceAsStream("/sales-logging.properties")) {
      if (config != null) {
        LogManager.getLogManager().readConfiguration(config);
      }
    } catch (IOException e) {
      System.err.println("warning: default logging configuration not loaded: " + e.getMessage());
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
