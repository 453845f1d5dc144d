package com.salesanalytics;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.function.IntSupplier;

/** Runs a command the way a terminal would see it: exit status, stdout and stderr. */
public final class Console {
  /** What a command did. */
  public record Outcome(int status, String out, String err) {}

  private Console() {}

  public static Outcome capture(IntSupplier command) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    System.setOut(new PrintStream(outBytes, true));
    System.setErr(new PrintStream(errBytes, true));
    try {
      return new Outcome(command.getAsInt(), outBytes.toString(), errBytes.toString());
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }
}
