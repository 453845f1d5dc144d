package com.salesanalytics.io;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.salesanalytics.model.RawMessage;
import java.io.File;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.values.PCollection;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class JsonLinesSourceTest {
  @Rule public final transient TestPipeline pipeline = TestPipeline.create();
  @Rule public final TemporaryFolder folder = new TemporaryFolder();

  @Test
  public void eachLineIsOneMessageWithItsBytesIntactAndAFileLineId() throws Exception {
    File file = folder.newFile("day-1.jsonl");
    byte[] notUtf8 = {'{', (byte) 0xC3, (byte) 0x28, '}'};
    java.io.ByteArrayOutputStream content = new java.io.ByteArrayOutputStream();
    content.write("{\"a\":1}\r\n\n   \n".getBytes());
    content.write(notUtf8);
    content.write("\n{\"b\":2}".getBytes()); // no final newline
    Files.write(file.toPath(), content.toByteArray());
    long modified = com.salesanalytics.TestSales.T0.getMillis();
    assertTrue(file.setLastModified(modified));

    PCollection<RawMessage> messages = pipeline.apply(new JsonLinesSource(folder.getRoot() + "/*.jsonl"));

    String path = file.getAbsolutePath();
    PAssert.that(messages).satisfies(all -> {
      Map<String, RawMessage> byId = new HashMap<>();
      all.forEach(m -> byId.put(m.messageId(), m));
      assertEquals(byId.keySet(), java.util.Set.of(path + ":1", path + ":4", path + ":5"));
      assertArrayEquals("{\"a\":1}".getBytes(), byId.get(path + ":1").payload());
      assertArrayEquals(notUtf8, byId.get(path + ":4").payload());
      assertArrayEquals("{\"b\":2}".getBytes(), byId.get(path + ":5").payload());
      assertEquals(modified, byId.get(path + ":1").publishTime().getMillis());
      assertTrue(byId.get(path + ":1").attributes().isEmpty());
      return null;
    });
    pipeline.run();
  }

  @Test
  public void filesOfTheSameNameInDifferentFoldersGiveDistinctMessageIds() throws Exception {
    // Rows are keyed by message id: a name-only id made the second file's sales vanish as retries.
    Files.writeString(folder.newFolder("store-01").toPath().resolve("sales.jsonl"), "{\"a\":1}\n");
    Files.writeString(folder.newFolder("store-02").toPath().resolve("sales.jsonl"), "{\"a\":2}\n");

    PCollection<RawMessage> messages = pipeline.apply(new JsonLinesSource(folder.getRoot() + "/*/sales.jsonl"));

    PAssert.that(messages).satisfies(all -> {
      java.util.Set<String> ids = new java.util.HashSet<>();
      all.forEach(m -> ids.add(m.messageId()));
      assertEquals(2, ids.size());
      return null;
    });
    pipeline.run();
  }

  /** A file read in many small ranges gives the same messages, ids and bytes as read whole. */
  @Test
  public void aFileReadInRangesGivesEveryLineOnceWithItsOwnNumber() throws Exception {
    File file = folder.newFile("day-2.jsonl");
    java.io.ByteArrayOutputStream content = new java.io.ByteArrayOutputStream();
    Map<String, String> expected = new HashMap<>();
    String path = file.getAbsolutePath();
    for (int line = 1; line <= 300; line++) {
      if (line % 17 == 0) {
        content.write("  \n".getBytes()); // blank: skipped, still counted
        continue;
      }
      String payload = "{\"n\":" + line + ",\"pad\":\"" + "x".repeat(line % 23) + "\"}";
      expected.put(path + ":" + line, payload);
      content.write(payload.getBytes());
      content.write(line % 5 == 0 ? "\r\n".getBytes() : line == 300 ? new byte[0] : "\n".getBytes());
    }
    Files.write(file.toPath(), content.toByteArray());

    PCollection<RawMessage> messages = pipeline.apply(new JsonLinesSource(file.getPath(), 37));

    PAssert.that(messages).satisfies(all -> {
      Map<String, String> byId = new HashMap<>();
      all.forEach(m -> assertEquals(null, byId.put(m.messageId(), new String(m.payload()))));
      assertEquals(expected, byId);
      return null;
    });
    pipeline.run();
  }

  @Test
  public void aLineLongerThanTheReadBufferIsOneLine() throws Exception {
    String longLine = "y".repeat(200_000);
    byte[] bytes = ("a\r\n" + longLine + "\n\nb\r").getBytes();
    JsonLinesSource.LineReader reader = new JsonLinesSource.LineReader(new java.io.ByteArrayInputStream(bytes), bytes.length);
    assertEquals("a", new String(reader.next()));
    assertEquals(longLine, new String(reader.next()));
    assertEquals("", new String(reader.next()));
    assertEquals("b", new String(reader.next()));
    assertEquals(null, reader.next());
  }

  @Test(expected = org.apache.beam.sdk.Pipeline.PipelineExecutionException.class)
  public void aPatternMatchingNothingFailsLoudly() {
    pipeline.apply(new JsonLinesSource(folder.getRoot() + "/missing-*.jsonl"));
    pipeline.run();
  }
}
