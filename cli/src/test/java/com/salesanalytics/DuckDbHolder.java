package com.salesanalytics;

import java.sql.Connection;
import java.sql.DriverManager;

/**
 * Another process that has a DuckDB file open for writing, as a second user's pipeline would: it
 * opens the file, says "holding" on stdout and keeps it open until its stdin closes.
 */
public final class DuckDbHolder {
  private DuckDbHolder() {}

  public static void main(String[] args) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + args[0])) {
      System.out.println("holding");
      System.out.flush();
      while (System.in.read() >= 0) {
        // keep the file open until the test lets go
      }
    }
  }
}
