package com.salesanalytics.dashboard;

import com.salesanalytics.options.OptionChecks;
import java.net.InetSocketAddress;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Where the dashboard listens, checked, with the names of the options it came from so that every
 * message names the option to fix ({@code --host} for the dashboard command, {@code
 * --dashboardHost} for the demo).
 */
public record ListenAddress(String hostOption, String host, String portOption, int port) {
  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 8080;
  private static final int MAX_PORT = 65_535;

  public static ListenAddress of(String hostOption, @Nullable String host, String portOption, @Nullable Integer port) {
    if (!OptionChecks.isSet(host)) {
      throw OptionChecks.invalid(hostOption, "missing: give an address to listen on, e.g. " + DEFAULT_HOST);
    }
    if (port == null || port < 0 || port > MAX_PORT) {
      throw OptionChecks.invalid(portOption, "must be a port from 0 to " + MAX_PORT + " (0: any free port), got " + port);
    }
    if (new InetSocketAddress(host.strip(), port).isUnresolved()) {
      throw OptionChecks.invalid(hostOption, "cannot resolve '" + host + "'");
    }
    return new ListenAddress(hostOption, host.strip(), portOption, port);
  }

  InetSocketAddress socketAddress() {
    return new InetSocketAddress(host, port);
  }
}
