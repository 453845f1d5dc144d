package com.salesanalytics.logic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PayloadTextTest {
  @Test
  void utf8IsKeptAsText() {
    byte[] bytes = "{\"store\":\"Zürich ☕\"}".getBytes(StandardCharsets.UTF_8);
    PayloadText text = PayloadText.of(bytes);
    assertFalse(text.base64());
    assertEquals("{\"store\":\"Zürich ☕\"}", text.text());
    assertArrayEquals(bytes, text.toBytes());
  }

  @Test
  void bytesThatAreNotUtf8AreKeptAsBase64AndComeBackIdentical() {
    byte[] bytes = {(byte) 0xFF, (byte) 0xFE, 0, 'a', (byte) 0xC3};
    PayloadText text = PayloadText.of(bytes);
    assertTrue(text.base64());
    assertEquals("//4AYcM=", text.text());
    assertArrayEquals(bytes, text.toBytes());
  }

  @Test
  void anEmptyPayloadIsEmptyText() {
    assertEquals(new PayloadText("", false), PayloadText.of(new byte[0]));
  }
}
