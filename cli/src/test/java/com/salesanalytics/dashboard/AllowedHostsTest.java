package com.salesanalytics.dashboard;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which Host headers the server answers, by the address it listens on (no socket is opened here). */
class AllowedHostsTest {
  @Test
  void onLoopbackOnlyLoopbackNamesAndTheGivenOne() {
    AllowedHosts hosts = AllowedHosts.of(ListenAddress.of("host", "127.0.0.2", "port", 8080));
    assertTrue(hosts.allows("127.0.0.2:8080"), "the address it was given");
    assertTrue(hosts.allows("localhost"));
    assertTrue(hosts.allows("[::1]:8080"));
    assertTrue(hosts.allows(null), "HTTP/1.0 without a Host: no browser sends that");
    assertFalse(hosts.allows("attacker.example:8080"));
    assertFalse(hosts.allows("localhost.attacker.example"));
    assertFalse(hosts.allows(""));
  }

  @Test
  void anIpv6LoopbackAddressIsNamedInBrackets() {
    AllowedHosts hosts = AllowedHosts.of(ListenAddress.of("host", "::1", "port", 8080));
    assertTrue(hosts.allows("[::1]:8080"));
    assertFalse(hosts.allows("::1"), "not a valid Host header: an IPv6 address goes in brackets");
  }

  @Test
  void onAnotherAddressAnyNameSinceTheNetworkMayCallTheMachineAnything() {
    AllowedHosts hosts = AllowedHosts.of(ListenAddress.of("dashboardHost", "0.0.0.0", "dashboardPort", 8080));
    assertTrue(hosts.allows("sales-dashboard.lan:8080"));
    assertTrue(hosts.allows("192.0.2.2:8080"));
  }
}
