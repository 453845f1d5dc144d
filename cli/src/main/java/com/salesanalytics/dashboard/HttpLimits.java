package com.salesanalytics.dashboard;

/**
 * How much of the dashboard's server one client can hold. The JDK's server reads a request on one
 * of the server's threads and by default waits for it forever, so clients that send half a request
 * would each hold a thread for good; it also takes any number of connections and 380 KiB of
 * headers. Its own settings bound all that; they are system properties
 * that it reads once, when the first server of the JVM is created, so they are set just before
 * that, and a value given on the command line ({@code -Dsun.net.httpserver.maxReqTime=30}) wins.
 * The names and defaults are those of JDK 17's {@code sun.net.httpserver.ServerConfig}.
 */
final class HttpLimits {
  /** Open connections at once; one more is closed as soon as it is accepted. A browser opens about six. */
  static final int MAX_CONNECTIONS = 100;
  /** From a request's first byte to its last (headers, and any body): a slow client is disconnected after. */
  static final int MAX_REQUEST_SECONDS = 10;
  /** From a request read to its response sent: the query and the write to a client that may not read. */
  static final int MAX_RESPONSE_SECONDS = 60;
  /** Request line and headers together; more and the connection is closed unanswered. */
  static final int MAX_HEADER_BYTES = 64 * 1024;
  /** Request target length; longer is a 414 (the dashboard's own are under 100 characters). */
  static final int MAX_URI_LENGTH = 8192;
  /** How often idle and silent connections are checked (the JDK's default, 10 s, would let them stay 10 s longer). */
  private static final int CLOCK_TICK_MILLIS = 1000;

  private HttpLimits() {}

  /** Sets the JDK server's limits unless given already; takes effect if no server was created in this JVM yet. */
  static void apply() {
    setUnlessGiven("jdk.httpserver.maxConnections", MAX_CONNECTIONS);
    setUnlessGiven("sun.net.httpserver.maxReqTime", MAX_REQUEST_SECONDS);
    setUnlessGiven("sun.net.httpserver.maxRspTime", MAX_RESPONSE_SECONDS);
    setUnlessGiven("sun.net.httpserver.maxReqHeaderSize", MAX_HEADER_BYTES);
    setUnlessGiven("sun.net.httpserver.clockTick", CLOCK_TICK_MILLIS);
  }

  private static void setUnlessGiven(String property, int value) {
    if (System.getProperty(property) == null) {
      System.setProperty(property, Integer.toString(value));
    }
  }
}
