package com.salesanalytics.pipelines;

import static com.salesanalytics.TestSales.T0;
import static com.salesanalytics.TestSales.json;
import static com.salesanalytics.TestSales.message;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import com.google.api.client.util.Clock;
import com.google.api.services.bigquery.model.Table;
import com.google.api.services.bigquery.model.TableFieldSchema;
import com.google.api.services.bigquery.model.TableRow;
import com.google.protobuf.ByteString;
import com.salesanalytics.io.MessageSinks;
import com.salesanalytics.io.PubsubSource;
import com.salesanalytics.io.SalesTable;
import com.salesanalytics.io.SimulatorSource;
import com.salesanalytics.io.bigquery.BigQueryTarget;
import com.salesanalytics.io.bigquery.BigQueryWarehouse;
import com.salesanalytics.model.RawMessage;
import com.salesanalytics.model.TimeRange;
import com.salesanalytics.model.coders.RawMessageCoder;
import com.salesanalytics.simulator.SaleGenerator;
import com.salesanalytics.simulator.SimulatedEvent;
import com.salesanalytics.simulator.SimulatorConfig;
import com.salesanalytics.transforms.CleanSales;
import com.salesanalytics.transforms.DedupeKeys;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.gcp.pubsub.PubsubClient;
import org.apache.beam.sdk.io.gcp.pubsub.PubsubClient.IncomingMessage;
import org.apache.beam.sdk.io.gcp.pubsub.PubsubClient.OutgoingMessage;
import org.apache.beam.sdk.io.gcp.pubsub.PubsubTestClient;
import org.apache.beam.sdk.io.gcp.testing.FakeBigQueryServices;
import org.apache.beam.sdk.io.gcp.testing.FakeDatasetService;
import org.apache.beam.sdk.io.gcp.testing.FakeJobService;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.Duration;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The Google Cloud path, wired as it runs on Dataflow, against Beam's own fakes: BigQuery's
 * Storage Write API through FakeDatasetService, Pub/Sub through PubsubTestClient.
 */
public class GcpWiringTest {
  private static final String PROJECT = "retail-analytics-prod";
  /** A single region: BigQuery finds jobs there only when asked with this location. */
  private static final String LOCATION = "europe-west1";
  /** Beam caches created tables in a static set, so each test gets a dataset the cache has not seen. */
  private static final java.util.concurrent.atomic.AtomicInteger TEST_NUMBER = new java.util.concurrent.atomic.AtomicInteger();

  private final String dataset = "sales_data_" + TEST_NUMBER.incrementAndGet();

  @Rule public final TemporaryFolder temp = new TemporaryFolder();
  @Rule public final transient TestPipeline pipeline = TestPipeline.create();

  private FakeDatasetService datasets;
  private FakeJobService jobs;
  private BigQueryWarehouse warehouse;

  @Before
  public void fakeBigQuery() throws Exception {
    FakeDatasetService.setUp();
    datasets = new LocatedDatasetService();
    datasets.createDataset(PROJECT, dataset, LOCATION, "", null);
    FakeJobService.setUp();
    jobs = new FakeJobService();
    FakeBigQueryServices services = new FakeBigQueryServices().withDatasetService(datasets).withJobService(jobs);
    warehouse = BigQueryWarehouse.of(BigQueryTarget.parse(PROJECT + ":" + dataset), true).withServices(services);
    pipeline.getOptions().setTempLocation(temp.getRoot().getAbsolutePath());
  }

  /** Beam's fake does not keep a dataset's location; BigQuery always reports one. */
  private static final class LocatedDatasetService extends FakeDatasetService {
    @Override
    public com.google.api.services.bigquery.model.Dataset getDataset(String projectId, String datasetId)
        throws java.io.IOException, InterruptedException {
      return super.getDataset(projectId, datasetId).setLocation(LOCATION);
    }
  }

  private static PTransform<PBegin, PCollection<RawMessage>> source(RawMessage... messages) {
    List<TimestampedValue<RawMessage>> timestamped = new ArrayList<>();
    for (RawMessage m : messages) {
      timestamped.add(TimestampedValue.of(m, m.publishTime()));
    }
    return Create.timestamped(timestamped).withCoder(RawMessageCoder.of());
  }

  private List<TableRow> rows(SalesTable table) throws Exception {
    if (datasets.getTable(BigQueryTarget.parse(PROJECT + ":" + dataset).table(table)) == null) {
      return List.of();
    }
    return datasets.getAllRows(PROJECT, dataset, table.tableName());
  }

  /** Every column is one the schema file defines, and every REQUIRED column has a value. */
  private static void assertMatchesSchema(SalesTable table, TableRow row) {
    Map<String, TableFieldSchema> fields = table.fields().stream()
        .collect(Collectors.toMap(TableFieldSchema::getName, f -> f));
    for (String column : row.keySet()) {
      assertTrue(table.tableName() + " has no column " + column, fields.containsKey(column));
    }
    for (TableFieldSchema field : table.fields()) {
      if ("REQUIRED".equals(field.getMode())) {
        assertNotNull(table.tableName() + "." + field.getName() + " is required", row.get(field.getName()));
      }
    }
  }

  @Test
  public void streamCleanWritesSchemaConformingRowsAndDeadLettersThroughStorageWrite() throws Exception {
    StreamCleanPipeline.build(pipeline, source(
            message("m-1", json("t-1", "store-07", "2", "3.49", "1", "12.00"), T0),
            message("m-2", json("t-1", "store-07", "2", "3.49", "1", "12.00"), T0.plus(Duration.standardSeconds(5))),
            message("m-3", "{\"transaction_id\":\"t-3\"}", T0)),
        warehouse, new com.salesanalytics.transforms.SalesAnalytics(CleanSales.streaming(Duration.standardMinutes(10), DedupeKeys.perTransaction()), new com.salesanalytics.transforms.KpiWindowing(Duration.standardMinutes(1), Duration.standardMinutes(10), Duration.standardSeconds(5))));
    pipeline.run().waitUntilFinish();

    List<TableRow> cleaned = rows(SalesTable.CLEANED);
    assertEquals(1, cleaned.size());
    TableRow sale = cleaned.get(0);
    assertMatchesSchema(SalesTable.CLEANED, sale);
    assertEquals("t-1", sale.get("transaction_id"));
    assertEquals(0, new java.math.BigDecimal("18.98").compareTo(new java.math.BigDecimal(sale.get("total_amount").toString())));
    assertEquals(0, new java.math.BigDecimal("6.33").compareTo(new java.math.BigDecimal(sale.get("avg_price_per_item").toString())));
    assertEquals("3", sale.get("total_items").toString());

    List<TableRow> deadLetters = rows(SalesTable.DEAD_LETTER);
    assertEquals(1, deadLetters.size());
    assertMatchesSchema(SalesTable.DEAD_LETTER, deadLetters.get(0));
    assertEquals("MISSING_FIELD", deadLetters.get(0).get("error_code"));
    assertEquals("validate", deadLetters.get(0).get("stage"));
    assertEquals("m-3", deadLetters.get(0).get("message_id"));
    assertEquals("{\"transaction_id\":\"t-3\"}", deadLetters.get(0).get("payload"));

    List<TableRow> lines = rows(SalesTable.LINE_ITEMS);
    lines.forEach(line -> assertMatchesSchema(SalesTable.LINE_ITEMS, line));
    assertEquals(List.of("1 p-100 2 6.98", "2 p-102 1 12"), lines.stream()
        .map(l -> l.get("line_number") + " " + l.get("product_id") + " " + l.get("quantity") + " "
            + new java.math.BigDecimal(l.get("line_amount").toString()).stripTrailingZeros().toPlainString())
        .sorted().toList());

    // Upserts on the primary key: the one row left per window is its final result.
    List<TableRow> kpis = rows(SalesTable.STORE_KPIS);
    assertEquals(1, kpis.size());
    assertMatchesSchema(SalesTable.STORE_KPIS, kpis.get(0));
    assertEquals("true", kpis.get(0).get("is_final").toString());
    assertEquals("1", kpis.get(0).get("transactions").toString());
    assertEquals(0, new java.math.BigDecimal("18.98").compareTo(new java.math.BigDecimal(kpis.get(0).get("revenue").toString())));
    List<TableRow> health = rows(SalesTable.PIPELINE_HEALTH);
    assertEquals(1, health.size());
    assertMatchesSchema(SalesTable.PIPELINE_HEALTH, health.get(0));
    assertEquals("in 3 = cleaned 1 + dead 1 + duplicates 1 + late 0, final true",
        String.format("in %s = cleaned %s + dead %s + duplicates %s + late %s, final %s", health.get(0).get("events_in"),
            health.get(0).get("cleaned"), health.get(0).get("dead_lettered"), health.get(0).get("duplicates"),
            health.get(0).get("dropped_late"), health.get(0).get("is_final")));
    assertEquals(List.of("store_id", "window_start", "currency"),
        datasets.getTable(BigQueryTarget.parse(PROJECT + ":" + dataset).table(SalesTable.STORE_KPIS))
            .getTableConstraints().getPrimaryKey().getColumns());

    Table table = datasets.getTable(BigQueryTarget.parse(PROJECT + ":" + dataset).table(SalesTable.CLEANED));
    assertEquals("DAY", table.getTimePartitioning().getType());
    assertEquals("event_timestamp", table.getTimePartitioning().getField());
    assertEquals(List.of("store_id"), table.getClustering().getFields());
  }

  @Test
  public void rowsBigQueryRefusesLandInTheDeadLetterTableAtStageWrite() throws Exception {
    // Only its sales_cleaned row: its line, KPI and health rows go through.
    datasets.setShouldFailRow((Function<TableRow, Boolean> & Serializable) row -> "store-blocked".equals(row.get("store_id"))
        && row.containsKey("avg_price_per_item"));
    StreamCleanPipeline.build(pipeline, source(
            message("m-1", json("t-1", "store-07", "1", "1.00"), T0),
            message("m-2", json("t-2", "store-blocked", "3", "2.50"), T0)),
        warehouse, new com.salesanalytics.transforms.SalesAnalytics(CleanSales.streaming(Duration.standardMinutes(10), DedupeKeys.perTransaction()), new com.salesanalytics.transforms.KpiWindowing(Duration.standardMinutes(1), Duration.standardMinutes(10), Duration.standardSeconds(5))));
    pipeline.run().waitUntilFinish();

    assertEquals(List.of("t-1"), rows(SalesTable.CLEANED).stream().map(r -> r.get("transaction_id")).toList());
    List<TableRow> deadLetters = rows(SalesTable.DEAD_LETTER);
    assertEquals(1, deadLetters.size());
    TableRow letter = deadLetters.get(0);
    assertMatchesSchema(SalesTable.DEAD_LETTER, letter);
    assertEquals("WRITE_FAILED", letter.get("error_code"));
    assertEquals("write", letter.get("stage"));
    assertTrue(letter.get("payload").toString(), letter.get("payload").toString().contains("\"transaction_id\":\"t-2\""));
    assertTrue(letter.get("error_message").toString(), letter.get("error_message").toString().startsWith("sales_cleaned refused"));
  }

  @Test
  public void aRawMessageBigQueryRefusesKeepsItsOriginalBytesInTheDeadLetter() throws Exception {
    // Only the raw row: the dead letter for it carries the same message id and must get through.
    datasets.setShouldFailRow((Function<TableRow, Boolean> & Serializable)
        row -> "m-2".equals(row.get("message_id")) && row.containsKey("ingested_at"));
    byte[] binary = {(byte) 0xFF, 'a'};
    RawIngestPipeline.build(pipeline, source(
        message("m-1", json("t-1", "store-07", "1", "1.00"), T0), new RawMessage(binary, "m-2", T0, Map.of())), warehouse);
    pipeline.run().waitUntilFinish();

    assertEquals(1, rows(SalesTable.RAW).size());
    TableRow letter = rows(SalesTable.DEAD_LETTER).get(0);
    assertEquals("WRITE_FAILED", letter.get("error_code"));
    assertEquals("m-2", letter.get("message_id"));
    assertEquals("true", String.valueOf(letter.get("payload_base64")));
    assertEquals("/2E=", letter.get("payload"));
  }

  @Test
  public void aDeadLetterBigQueryRefusesFailsTheJobNamingItInsteadOfVanishing() throws Exception {
    // The last resort: nowhere is left to put the message, so the bundle must fail (Dataflow retries
    // it and shows the error) rather than drop the dead letter.
    datasets.setShouldFailRow((Function<TableRow, Boolean> & Serializable)
        row -> "m-2".equals(row.get("message_id")) && row.containsKey("dead_letter_id"));
    StreamCleanPipeline.build(pipeline, source(
            message("m-1", json("t-1", "store-07", "1", "1.00"), T0),
            message("m-2", "{\"transaction_id\":\"t-2\"", T0)),
        warehouse, new com.salesanalytics.transforms.SalesAnalytics(CleanSales.streaming(Duration.standardMinutes(10),
            DedupeKeys.perTransaction()), new com.salesanalytics.transforms.KpiWindowing(Duration.standardMinutes(1),
            Duration.standardMinutes(10), Duration.standardSeconds(5))));

    Exception failed = assertThrows(Exception.class, () -> pipeline.run().waitUntilFinish());
    String cause = causes(failed);
    assertTrue(cause, cause.contains("sales_dead_letter refused a row"));
    assertTrue(cause, cause.contains("message id m-2"));
  }

  private static String causes(Throwable t) {
    StringBuilder all = new StringBuilder();
    for (Throwable c = t; c != null; c = c.getCause()) {
      all.append(c).append('\n');
    }
    return all.toString();
  }

  @Test
  public void aReplayStagesThePassingSalesAndRecordsNoNewDeadLetterForMessagesThatFailAgain() throws Exception {
    RawMessage passes = message("m-1", json("t-1", "store-07", "2", "3.49"), T0);
    RawMessage failsAgain = message("m-2", json("t-2", "store-07", "1", "-1.00"), T0);
    ReplayDeadLettersPipeline.build(pipeline, Create.of(KV.of("dead-letter-of-m-1", passes),
                KV.of("dead-letter-of-m-2", failsAgain))
            .withCoder(KvCoder.of(StringUtf8Coder.of(), RawMessageCoder.of())),
        warehouse, CleanSales.wholeInput(DedupeKeys.perTransaction()),
        com.salesanalytics.transforms.RecomputeStoreKpis.keyedLike(Duration.standardMinutes(1), DedupeKeys.perTransaction()));

    // As for the backfill: the fake job service cannot run the replace script, so the run fails
    // there, before any outcome is recorded (outcomes wait for sales and lines to be applied).
    Exception failure = assertThrows(Exception.class, () -> pipeline.run().waitUntilFinish());
    assertTrue(failure.getMessage(), failure.getMessage().contains("in " + LOCATION + " failed"));

    List<TableRow> stagedSales = datasets.getAllRows(PROJECT, dataset,
        com.salesanalytics.io.BackfillReplace.stagingTableName("sales_cleaned", null));
    assertEquals(List.of("t-1"), stagedSales.stream().map(r -> r.get("transaction_id")).toList());
    assertEquals(List.of("m-1"), stagedSales.stream().map(r -> r.get("message_id")).toList());
    stagedSales.forEach(row -> assertMatchesSchema(SalesTable.CLEANED, row));
    assertEquals(null, datasets.getTable(BigQueryTarget.parse(PROJECT + ":" + dataset)
        .table(com.salesanalytics.io.BackfillReplace.stagingTableName("sales_dead_letter", null))));
    assertEquals(List.of(), rows(SalesTable.DEAD_LETTER));
  }

  @Test
  public void theBackfillStagesSalesAndDeadLettersAndRunsItsQueryJobsInTheDatasetsLocation() throws Exception {
    TimeRange range = new TimeRange(T0, T0.plus(Duration.standardDays(1)));
    BackfillPipeline.build(pipeline, source(message("m-1", json("t-1", "store-07", "2", "3.49"), T0),
            message("m-2", "{\"transaction_id\":", T0)),
        warehouse, CleanSales.wholeInput(DedupeKeys.perTransaction()), range,
        com.salesanalytics.transforms.RecomputeStoreKpis.keyedLike(Duration.standardMinutes(1), DedupeKeys.perTransaction()));

    // Beam's fake job service loads files but cannot run SQL: a query job fails, and so must the backfill.
    Exception failure = assertThrows(Exception.class, () -> pipeline.run().waitUntilFinish());
    assertTrue(failure.getMessage(), failure.getMessage().contains("in " + LOCATION + " failed"));

    List<com.google.api.services.bigquery.model.Job> queries = jobs.getAllJobs().stream()
        .filter(j -> j.getConfiguration().getQuery() != null).toList();
    assertFalse(queries.isEmpty());
    queries.forEach(q -> assertEquals(LOCATION, q.getJobReference().getLocation()));
    List<TableRow> stagedSales = datasets.getAllRows(PROJECT, dataset,
        com.salesanalytics.io.BackfillReplace.stagingTableName("sales_cleaned", range));
    assertEquals(List.of("t-1"), stagedSales.stream().map(r -> r.get("transaction_id")).toList());
    List<TableRow> stagedLines = datasets.getAllRows(PROJECT, dataset,
        com.salesanalytics.io.BackfillReplace.stagingTableName("sales_line_items", range));
    assertEquals(List.of("t-1"), stagedLines.stream().map(r -> r.get("transaction_id")).toList());
    List<TableRow> stagedDeadLetters = datasets.getAllRows(PROJECT, dataset,
        com.salesanalytics.io.BackfillReplace.stagingTableName("sales_dead_letter", range));
    assertEquals(List.of("m-2"), stagedDeadLetters.stream().map(r -> r.get("message_id")).toList());
    assertEquals("{\"origin\":\"test\"}", stagedDeadLetters.get(0).get("attributes"));
  }

  @Test
  public void rawIngestFromPubsubKeepsPayloadIdAttributesAndPublishTime() throws Exception {
    PubsubClient.SubscriptionPath subscription = PubsubClient.subscriptionPathFromPath(
        "projects/" + PROJECT + "/subscriptions/sales-raw-ingest");
    long publishMillis = T0.getMillis();
    List<IncomingMessage> incoming = List.of(
        incoming(json("t-1", "store-07", "1", "1.00"), "1001", Map.of("store", "store-07"), publishMillis),
        incoming("not json", "1002", Map.of(), publishMillis + 1),
        incoming(json("t-1", "store-07", "1", "1.00"), "1003", Map.of("retry", "1"), publishMillis + 2));
    Clock fixed = (Clock & Serializable) () -> publishMillis + 10;
    try (PubsubTestClient.PubsubTestClientFactory pubsub =
        PubsubTestClient.createFactoryForPull(fixed, subscription, 60, incoming)) {
      TestPipeline streaming = TestPipeline.fromOptions(PipelineOptionsFactory.create()).enableAbandonedNodeEnforcement(false);
      streaming.getOptions().as(DirectOptions.class).setBlockOnRun(false);
      RawIngestPipeline.build(streaming,
          PubsubSource.of(subscription.getPath(), null)
              .configuredBy(read -> pubsub.setClock(read.withClientFactory(pubsub), fixed)), warehouse);
      PipelineResult result = streaming.run();
      try {
        waitForRows(SalesTable.RAW, 3, result);
      } finally {
        result.cancel();
      }
    }
    Map<String, TableRow> byId = rows(SalesTable.RAW).stream()
        .collect(Collectors.toMap(r -> (String) r.get("message_id"), r -> r));
    assertEquals(java.util.Set.of("1001", "1002", "1003"), byId.keySet());
    byId.values().forEach(r -> assertMatchesSchema(SalesTable.RAW, r));
    assertEquals("not json", byId.get("1002").get("payload"));
    assertEquals("store-07", byId.get("1001").get("store_id"));
    assertNull(byId.get("1002").get("store_id"));
    assertTrue(byId.get("1003").get("attributes").toString().contains("\"retry\":\"1\""));
  }

  @Test
  public void theSimulatorPublishesItsEventsToPubsubWithTheirTimestamps() throws Exception {
    PubsubClient.TopicPath topic = PubsubClient.topicPathFromPath("projects/" + PROJECT + "/topics/retail-sales-stream");
    SaleGenerator generator = new SaleGenerator(SimulatorConfig.defaults(3, T0));
    List<OutgoingMessage> expected = new ArrayList<>();
    for (long i = 0; i < 5; i++) {
      SimulatedEvent event = generator.event(i);
      expected.add(OutgoingMessage.of(new org.apache.beam.sdk.io.gcp.pubsub.PubsubMessage(
              event.payload().getBytes(StandardCharsets.UTF_8), SimulatorSource.ATTRIBUTES),
          event.publishTime().getMillis(), null, topic.getPath()));
    }
    // PubsubIO 2.73 names the topic on every message, which the test client checks in its "dynamic" mode.
    try (PubsubTestClient.PubsubTestClientFactory pubsub =
        PubsubTestClient.createFactoryForPublish(null, expected, List.of())) {
      pipeline.apply(SimulatorSource.bounded(generator, 5)).apply(MessageSinks.pubsub(topic.getPath(), pubsub));
      pipeline.run().waitUntilFinish();
    } // closing the factory fails the test unless exactly the expected messages were published
  }

  private static IncomingMessage incoming(String payload, String id, Map<String, String> attributes, long publishMillis) {
    com.google.pubsub.v1.PubsubMessage message = com.google.pubsub.v1.PubsubMessage.newBuilder()
        .setData(ByteString.copyFromUtf8(payload)).setMessageId(id).putAllAttributes(attributes).build();
    return IncomingMessage.of(message, publishMillis, publishMillis, "ack-" + id, id);
  }

  private void waitForRows(SalesTable table, int count, PipelineResult result) throws Exception {
    long deadline = System.currentTimeMillis() + 60_000;
    while (rows(table).size() < count) {
      if (result.getState().isTerminal()) {
        result.waitUntilFinish(); // rethrows the pipeline's failure, if that is why it ended
      }
      if (System.currentTimeMillis() > deadline || result.getState().isTerminal()) {
        throw new AssertionError("expected " + count + " rows in " + table.tableName() + ", got " + rows(table).size()
            + " (pipeline " + result.getState() + ")");
      }
      Thread.sleep(100);
    }
  }
}
