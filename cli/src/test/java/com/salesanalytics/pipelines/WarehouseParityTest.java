package com.salesanalytics.pipelines;

import static com.salesanalytics.TestSales.T0;
import static com.salesanalytics.TestSales.json;
import static org.junit.Assert.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.api.services.bigquery.model.TableFieldSchema;
import com.google.api.services.bigquery.model.TableRow;
import com.salesanalytics.io.SalesTable;
import com.salesanalytics.io.Warehouse;
import com.salesanalytics.io.bigquery.BigQueryTarget;
import com.salesanalytics.io.bigquery.BigQueryWarehouse;
import com.salesanalytics.io.duckdb.DuckDbDatabase;
import com.salesanalytics.io.duckdb.DuckDbWarehouse;
import com.salesanalytics.model.RawMessage;
import com.salesanalytics.model.coders.RawMessageCoder;
import com.salesanalytics.transforms.CleanSales;
import com.salesanalytics.transforms.DedupeKeys;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.beam.sdk.io.gcp.testing.FakeBigQueryServices;
import org.apache.beam.sdk.io.gcp.testing.FakeDatasetService;
import org.apache.beam.sdk.io.gcp.testing.FakeJobService;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The embedded default and Google Cloud do the same thing to the same events: one scenario runs
 * through raw ingest and stream clean wired to BigQuery (Beam's fake services, Storage Write API,
 * per-id dedupe as on Dataflow) and to DuckDB (sharded dedupe as on the DirectRunner), and the
 * tables (sales, lines, KPIs, health, dead letters) must hold the same rows (but for the times each sink stamps when it writes).
 */
public class WarehouseParityTest {
  private static final String PROJECT = "retail-analytics-prod";
  private static final Set<String> WRITE_TIMES = Set.of("ingested_at", "processed_at", "failed_at", "updated_at");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final java.util.concurrent.atomic.AtomicInteger RUNS = new java.util.concurrent.atomic.AtomicInteger();

  @Rule public final TemporaryFolder folder = new TemporaryFolder();
  private String duckDbPath;

  @After
  public void close() {
    if (duckDbPath != null) {
      DuckDbDatabase.closeIfOpen(duckDbPath);
    }
  }

  private static RawMessage message(String id, String payload, Duration after, Map<String, String> attributes) {
    return new RawMessage(payload.getBytes(StandardCharsets.UTF_8), id, T0.plus(after), attributes);
  }

  /** The first run: valid sales, a copy inside the dedupe window, and four kinds of bad message. */
  private static List<RawMessage> firstRun() {
    return List.of(
        message("m-1", json("t-1", "store-07", "2", "3.49", "1", "12.00"), Duration.ZERO, Map.of("store", "store-07")),
        message("m-2", json("t-2", "store-03", "1", "0.1", "2", "0.2"), Duration.standardSeconds(1), Map.of()),
        message("m-3", json("t-1", "store-07", "2", "3.49", "1", "12.00"), Duration.standardSeconds(30),
            Map.of("retry", "1")),
        message("m-4", "{\"transaction_id\":", Duration.standardSeconds(40), Map.of()),
        message("m-5", json("t-5", "store-07", "1", "1e309"), Duration.standardSeconds(41), Map.of()),
        message("m-6", json("t-\\udbff", "store-07", "1", "1.00"), Duration.standardSeconds(42), Map.of()),
        new RawMessage(new byte[] {(byte) 0xFF, 'x'}, "m-7", T0.plus(Duration.standardSeconds(43)), Map.of()));
  }

  /** Two hours later, after a restart: a producer's retry of t-2 under a new message id. */
  private static List<RawMessage> secondRun() {
    return List.of(message("m-8", json("t-2", "store-03", "1", "0.1", "2", "0.2"), Duration.standardHours(2),
        Map.of("retry", "2")));
  }

  /** The messages as a stream, one at a time in publish order, the watermark following them. */
  private static void run(List<RawMessage> messages, Warehouse warehouse, DedupeKeys keys, String tempDir) {
    TestPipeline pipeline = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    pipeline.getOptions().setTempLocation(tempDir);
    TestStream.Builder<RawMessage> stream = TestStream.create(RawMessageCoder.of());
    for (RawMessage m : messages) {
      stream = stream.addElements(TimestampedValue.of(m, m.publishTime())).advanceWatermarkTo(m.publishTime());
    }
    PCollection<RawMessage> input = pipeline.apply(stream.advanceWatermarkToInfinity());
    org.apache.beam.sdk.values.PCollectionList.of(RawIngestPipeline.ingest(input, warehouse))
        .and(StreamCleanPipeline.analyse(input, new com.salesanalytics.transforms.SalesAnalytics(
            CleanSales.streaming(Duration.standardMinutes(10), keys), new com.salesanalytics.transforms.KpiWindowing(
                Duration.standardMinutes(1), Duration.standardMinutes(2), Duration.standardSeconds(5))), warehouse))
        .apply(org.apache.beam.sdk.transforms.Flatten.pCollections())
        .apply(warehouse.writeDeadLetters());
    pipeline.run().waitUntilFinish();
  }

  @Test
  public void bigQueryAndDuckDbHoldTheSameRowsAfterTheSameEvents() throws Exception {
    FakeDatasetService.setUp();
    FakeJobService.setUp();
    FakeDatasetService datasets = new FakeDatasetService();
    String dataset = "parity_" + RUNS.incrementAndGet();
    datasets.createDataset(PROJECT, dataset, "europe-west1", "", null);
    BigQueryWarehouse bigQuery = BigQueryWarehouse.of(BigQueryTarget.parse(PROJECT + ":" + dataset), true)
        .withServices(new FakeBigQueryServices().withDatasetService(datasets).withJobService(new FakeJobService()));
    duckDbPath = folder.getRoot() + "/parity.duckdb";
    DuckDbWarehouse duckDb = new DuckDbWarehouse(duckDbPath);
    String temp = folder.newFolder("temp").getAbsolutePath();

    for (List<RawMessage> run : List.of(firstRun(), secondRun())) {
      run(run, bigQuery, DedupeKeys.perTransaction(), temp);
      run(run, duckDb, DedupeKeys.shards(16), temp);
    }

    for (SalesTable table : SalesTable.values()) {
      List<Map<String, Object>> fromBigQuery = new ArrayList<>();
      // A table the scenario never writes (the replay's) is not created on BigQuery (Terraform
      // creates it there) and empty on DuckDB, which creates every table.
      boolean created = datasets.getTable(BigQueryTarget.parse(PROJECT + ":" + dataset).table(table)) != null;
      for (TableRow row : created ? datasets.getAllRows(PROJECT, dataset, table.tableName()) : List.<TableRow>of()) {
        fromBigQuery.add(comparable(table, row));
      }
      List<Map<String, Object>> fromDuckDb = duckDbRows(table);
      sort(fromBigQuery);
      sort(fromDuckDb);
      assertEquals(table.tableName(), fromDuckDb, fromBigQuery);
    }
    assertEquals("sales_cleaned holds the late copy of t-2 in both", 3, duckDbRows(SalesTable.CLEANED).size());
    assertEquals(4, duckDbRows(SalesTable.DEAD_LETTER).size());
    assertEquals("one result per store, window and currency", 2, duckDbRows(SalesTable.STORE_KPIS).size());
    assertEquals("one result per publish minute", 2, duckDbRows(SalesTable.PIPELINE_HEALTH).size());
  }

  private List<Map<String, Object>> duckDbRows(SalesTable table) throws Exception {
    List<Map<String, Object>> rows = new ArrayList<>();
    try (Connection c = DuckDbDatabase.open(duckDbPath).readConnection(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT * FROM " + table.tableName())) {
      while (r.next()) {
        Map<String, Object> row = new TreeMap<>();
        for (TableFieldSchema field : table.fields()) {
          row.put(field.getName(), r.getObject(field.getName()));
        }
        rows.add(comparable(table, row));
      }
    }
    return rows;
  }

  /** Each value in one form whichever sink it came from: decimals by value, instants, JSON parsed. */
  private static Map<String, Object> comparable(SalesTable table, Map<String, Object> row) throws Exception {
    Map<String, Object> out = new TreeMap<>();
    for (TableFieldSchema field : table.fields()) {
      Object value = row.get(field.getName());
      if (WRITE_TIMES.contains(field.getName()) || value == null) {
        out.put(field.getName(), WRITE_TIMES.contains(field.getName()) ? "(time of write)" : null);
        continue;
      }
      out.put(field.getName(), switch (field.getType()) {
        case "NUMERIC" -> new BigDecimal(value.toString()).stripTrailingZeros().toPlainString();
        case "TIMESTAMP" -> value instanceof OffsetDateTime t
            ? new Instant(t.toInstant().toEpochMilli()) : com.salesanalytics.io.bigquery.TableRows.timestamp(value);
        case "JSON" -> JSON.readTree(value.toString());
        default -> value.toString();
      });
    }
    return out;
  }

  private static void sort(List<Map<String, Object>> rows) {
    rows.sort(java.util.Comparator.comparing(Object::toString));
  }
}
