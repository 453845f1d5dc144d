package com.salesanalytics.dashboard;

import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The names a request's Host header may give. Listening on loopback, only loopback names: a web
 * page from elsewhere that points its own name at 127.0.0.1 (DNS rebinding) would otherwise have
 * the browser read the dashboard for it, since to the browser that is the page's own site. Listening
 * on another address, any name, since a machine on the network can be called many.
 */
record AllowedHosts(boolean anyName, Set<String> names) {
  static AllowedHosts of(ListenAddress address) {
    InetAddress listening = address.socketAddress().getAddress();
    if (listening == null || !listening.isLoopbackAddress()) {
      return new AllowedHosts(true, Set.of());
    }
    String given = address.host().toLowerCase(Locale.ROOT);
    return new AllowedHosts(false,
        Set.copyOf(List.of("localhost", "127.0.0.1", "[::1]", given.contains(":") ? "[" + given + "]" : given)));
  }

  /** Whether the header names this server; an absent one (HTTP/1.0) is let through, as no browser sends that. */
  boolean allows(@Nullable String hostHeader) {
    if (anyName || hostHeader == null) {
      return true;
    }
    String host = hostHeader.strip().toLowerCase(Locale.ROOT);
    int portColon = host.lastIndexOf(':');
    if (portColon > host.lastIndexOf(']')) {
      host = host.substring(0, portColon);
    }
    return names.contains(host);
  }
}
