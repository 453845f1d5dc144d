package com.salesanalytics.dashboard;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/1.1 spoken over a plain socket, byte for byte as written: java.net.URI and the JDK's client
 * refuse or normalise much of what an attacker sends (raw {@code ..}, bad escapes, huge headers).
 */
final class RawHttp {
  /** Long enough for a loaded two-core machine; a server that takes longer counts as hung. */
  static final int READ_TIMEOUT_MILLIS = 30_000;

  private RawHttp() {}

  /** What came back on one connection: the status line's code (0 if none) and the whole text. */
  record Answer(int status, String text, boolean closedWithoutAnswer) {
    String body() {
      int end = text.indexOf("\r\n\r\n");
      return end < 0 ? "" : text.substring(end + 4);
    }

    String header(String name) {
      for (String line : text.substring(0, Math.max(0, text.indexOf("\r\n\r\n"))).split("\r\n")) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
          return line.substring(colon + 1).strip();
        }
      }
      return null;
    }
  }

  /** A GET of {@code target} (sent as is) with a proper Host header and Connection: close. */
  static Answer get(DashboardServer server, String target) throws IOException {
    return send(server, "GET " + target + " HTTP/1.1\r\n" + host(server) + "Connection: close\r\n\r\n");
  }

  static String host(DashboardServer server) {
    return "Host: 127.0.0.1:" + server.port() + "\r\n";
  }

  /** Sends {@code request} (ISO-8859-1, so any byte can be written) and reads until the server closes. */
  static Answer send(DashboardServer server, String request) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(READ_TIMEOUT_MILLIS);
      try {
        socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
      } catch (SocketException e) {
        return new Answer(0, "", true); // the server closed while we wrote: refused without an answer
      }
      return read(new java.io.BufferedInputStream(socket.getInputStream()));
    }
  }

  /**
   * Reads one response: up to its Content-Length when it has one (the server may keep the
   * connection open afterwards), else until the server closes.
   */
  static Answer read(InputStream in) throws IOException {
    ByteArrayOutputStream received = new ByteArrayOutputStream();
    try {
      int expected = -1;
      for (int b; (expected < 0 || received.size() < expected) && (b = in.read()) >= 0; ) {
        received.write(b);
        if (expected < 0 && received.size() >= 4 && received.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
          String head = received.toString(StandardCharsets.ISO_8859_1);
          java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?im)^content-length:\\s*(\\d+)").matcher(head);
          expected = length.find() ? received.size() + Integer.parseInt(length.group(1)) : Integer.MAX_VALUE;
        }
      }
    } catch (SocketTimeoutException e) {
      throw new AssertionError("no answer within " + READ_TIMEOUT_MILLIS + " ms: the server hangs; got so far: "
          + received.toString(StandardCharsets.UTF_8), e);
    } catch (SocketException e) {
      // reset by the server: what it sent before, if anything, is what it answered
    }
    String text = received.toString(StandardCharsets.UTF_8);
    int status = text.matches("(?s)HTTP/1\\.1 \\d{3}.*") ? Integer.parseInt(text.substring(9, 12)) : 0;
    return new Answer(status, text, text.isEmpty());
  }
}
