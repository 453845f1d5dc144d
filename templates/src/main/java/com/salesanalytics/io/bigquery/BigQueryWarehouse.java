package com.salesanalytics.io.bigquery;

import com.google.api.services.bigquery.model.Clustering;
import com.google.api.services.bigquery.model.TableFieldSchema;
import com.google.api.services.bigquery.model.TableRow;
import com.google.api.services.bigquery.model.TableSchema;
import com.google.api.services.bigquery.model.TimePartitioning;
import com.salesanalytics.io.BackfillReplace;
import com.salesanalytics.io.BackfillWrite;
import com.salesanalytics.io.DeadLetterReplayQuery;
import com.salesanalytics.io.UniqueSalesQuery;
import com.salesanalytics.io.RefusedRows;
import com.salesanalytics.io.SalesRows;
import com.salesanalytics.io.SalesTable;
import com.salesanalytics.io.Warehouse;
import com.salesanalytics.model.CleanedSale;
import com.salesanalytics.model.DeadLetter;
import com.salesanalytics.model.DeadLetterReplay;
import com.salesanalytics.model.DeadLetterSelection;
import com.salesanalytics.model.PipelineHealth;
import com.salesanalytics.model.RawMessage;
import com.salesanalytics.model.SaleLine;
import com.salesanalytics.model.StoreKpi;
import com.salesanalytics.model.TimeRange;
import com.salesanalytics.model.coders.CleanedSaleCoder;
import com.salesanalytics.model.coders.DeadLetterCoder;
import com.salesanalytics.model.coders.RawMessageCoder;
import com.salesanalytics.transforms.SalesMetrics;
import java.util.List;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VoidCoder;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryDynamicReadDescriptor;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO.Write.CreateDisposition;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO.Write.Method;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO.Write.WriteDisposition;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryServices;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryServicesImpl;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryStorageApiInsertError;
import org.apache.beam.sdk.io.gcp.bigquery.RowMutationInformation;
import org.apache.beam.sdk.io.gcp.bigquery.TableRowJsonCoder;
import org.apache.beam.sdk.io.gcp.bigquery.WriteResult;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * BigQuery through the Storage Write API: exactly-once by default, at-least-once on request
 * (cheaper, lower latency; duplicates then possible on retries). Tables are created on first write
 * if absent, with day partitioning and clustering; Terraform normally creates them first.
 */
public final class BigQueryWarehouse implements Warehouse {
  private static final Logger LOG = LoggerFactory.getLogger(BigQueryWarehouse.class);
  /** How often streaming writes commit under exactly-once: the latency/cost trade-off. */
  static final Duration TRIGGERING_FREQUENCY = Duration.standardSeconds(5);

  private final BigQueryTarget target;
  private final boolean exactlyOnce;
  private final @Nullable BigQueryServices services;

  private BigQueryWarehouse(BigQueryTarget target, boolean exactlyOnce, @Nullable BigQueryServices services) {
    this.target = target;
    this.exactlyOnce = exactlyOnce;
    this.services = services;
  }

  public static BigQueryWarehouse of(BigQueryTarget target, boolean exactlyOnce) {
    return new BigQueryWarehouse(target, exactlyOnce, null);
  }

  public boolean exactlyOnce() {
    return exactlyOnce;
  }

  /** The same warehouse through other BigQuery services, as BigQueryIO allows (e.g. Beam's fakes). */
  public BigQueryWarehouse withServices(BigQueryServices services) {
    return new BigQueryWarehouse(target, exactlyOnce, services);
  }

  @Override
  public PTransform<PCollection<RawMessage>, PCollection<DeadLetter>> writeRaw() {
    return streamTo(SalesTable.RAW, m -> TableRows.of(SalesRows.raw(m, Instant.now())),
        (row, reason, at) -> RefusedRows.raw(TableRows.rawMessage(row), reason, at),
        SalesMetrics.RAW_WRITTEN);
  }

  @Override
  public PTransform<PCollection<CleanedSale>, PCollection<DeadLetter>> writeCleaned() {
    return streamTo(SalesTable.CLEANED, s -> TableRows.of(SalesRows.cleaned(s, Instant.now())),
        (row, reason, at) -> RefusedRows.cleaned(row, (String) row.get("message_id"),
            TableRows.timestamp(row.get("publish_time")), reason, at), SalesMetrics.CLEANED_WRITTEN);
  }

  @Override
  public PTransform<PCollection<SaleLine>, PCollection<DeadLetter>> writeLineItems() {
    return streamTo(SalesTable.LINE_ITEMS, l -> TableRows.of(SalesRows.line(l, Instant.now())),
        (row, reason, at) -> RefusedRows.derived(SalesTable.LINE_ITEMS, row, (String) row.get("message_id"),
            TableRows.timestamp(row.get("publish_time")), reason, at), SalesMetrics.LINE_ITEMS_WRITTEN);
  }

  @Override
  public PTransform<PCollection<StoreKpi>, PCollection<DeadLetter>> writeStoreKpis() {
    return upsertTo(SalesTable.STORE_KPIS, k -> TableRows.of(SalesRows.storeKpi(k)),
        k -> changeSequence(k.updatedAt(), k.paneIndex()), SalesMetrics.KPIS_WRITTEN);
  }

  @Override
  public PTransform<PCollection<PipelineHealth>, PCollection<DeadLetter>> writeHealth() {
    return upsertTo(SalesTable.PIPELINE_HEALTH, h -> TableRows.of(SalesRows.health(h)),
        h -> changeSequence(h.updatedAt(), h.paneIndex()), SalesMetrics.HEALTH_WRITTEN);
  }

  /**
   * BigQuery's {@code _CHANGE_SEQUENCE_NUMBER} (hexadecimal; of two rows with one key the higher
   * is kept): the newer result wins, as on DuckDB (see {@link SalesTable.Writes#LATEST_RESULT}),
   * and a result replayed late changes nothing. One 64-bit section, update time in milliseconds
   * then pane index in the low 20 bits, because Beam's fake BigQuery parses a single section.
   */
  static String changeSequence(Instant updatedAt, long paneIndex) {
    return Long.toHexString((updatedAt.getMillis() << PANE_BITS) | Math.min(paneIndex, (1L << PANE_BITS) - 1))
        .toUpperCase(java.util.Locale.ROOT);
  }

  private static final int PANE_BITS = 20;

  /**
   * A result table through the Storage Write API's change data capture: each row an UPSERT on the
   * table's primary key, which needs the at-least-once method (a repeated upsert changes nothing).
   */
  private <T> PTransform<PCollection<T>, PCollection<DeadLetter>> upsertTo(SalesTable table,
      SerializableFunction<T, TableRow> format, SerializableFunction<T, String> sequence, String writtenCounter) {
    return storageWrite(table, format, (row, reason, at) -> RefusedRows.derived(table, row, null, null, reason, at),
        writtenCounter, sequence);
  }

  @Override
  public PTransform<PCollection<DeadLetter>, PDone> writeDeadLetters() {
    PTransform<PCollection<DeadLetter>, PCollection<DeadLetter>> write =
        streamTo(SalesTable.DEAD_LETTER, d -> TableRows.of(SalesRows.deadLetter(d)),
            (row, reason, at) -> {
              // The last resort refused: fail the bundle (Beam retries it, the job shows the error)
              // rather than lose the message; as the DuckDB warehouse does.
              throw new IllegalStateException("sales_dead_letter refused a row (" + reason + "); dead letter id "
                  + row.get("dead_letter_id") + ", message id " + row.get("message_id"));
            },
            SalesMetrics.DEAD_LETTERS_WRITTEN);
    return new PTransform<>() {
      @Override
      public PDone expand(PCollection<DeadLetter> letters) {
        letters.apply("StreamToBigQuery", write);
        return PDone.in(letters.getPipeline());
      }
    };
  }

  /**
   * Loads the backfill into a staging table (one per range, truncated on each run), then replaces
   * the range in sales_cleaned with one script (see {@link BackfillReplace}). A load that fails
   * fails the job; nothing is half-replaced.
   */
  @Override
  public PTransform<PCollection<CleanedSale>, BackfillWrite> replaceCleaned(@Nullable TimeRange publishRange) {
    String stagingName = BackfillReplace.stagingTableName(SalesTable.CLEANED.tableName(), publishRange);
    String script = BackfillReplace.bigQueryScript(target.sqlName(SalesTable.CLEANED.tableName()),
        target.sqlName(stagingName), SalesTable.CLEANED.fields(), publishRange);
    return new PTransform<>() {
      @Override
      public BackfillWrite expand(PCollection<CleanedSale> sales) {
        PCollection<Void> replaced = stageThenRun(sales, SalesTable.CLEANED, stagingName,
            s -> TableRows.of(SalesRows.cleaned(s, Instant.now())), "LoadStagingTable", "ReplaceRangeInSalesCleaned",
            script);
        return BackfillWrite.of(noRowLevelFailures(sales), replaced);
      }
    };
  }

  /**
   * Where the read-back query's results go: {@code <dataset>_tmp}, which Terraform creates with
   * tables expiring after a day, since Beam's dynamic read leaves them behind.
   */
  public static String queryResultsDataset(BigQueryTarget target) {
    return target.dataset() + "_tmp";
  }

  /** A load job takes all rows or fails the job: no row is refused alone. */
  private static PCollection<DeadLetter> noRowLevelFailures(PCollection<?> values) {
    return values.getPipeline().apply("NoRowLevelLoadFailures", Create.empty(DeadLetterCoder.of()));
  }

  /**
   * Loads the backfill's lines into a staging table (one per range, truncated on each run), then
   * adds those whose delivery and line are not there yet ({@link BackfillReplace#newLineItemsScript}).
   */
  @Override
  public PTransform<PCollection<SaleLine>, BackfillWrite> addLineItems(@Nullable TimeRange publishRange) {
    String stagingName = BackfillReplace.stagingTableName(SalesTable.LINE_ITEMS.tableName(), publishRange);
    String script = BackfillReplace.newLineItemsScript(target.sqlName(SalesTable.LINE_ITEMS.tableName()),
        target.sqlName(stagingName), SalesTable.LINE_ITEMS.fields());
    return new PTransform<>() {
      @Override
      public BackfillWrite expand(PCollection<SaleLine> lines) {
        PCollection<Void> added = stageThenRun(lines, SalesTable.LINE_ITEMS, stagingName,
            l -> TableRows.of(SalesRows.line(l, Instant.now())), "LoadLineItemStaging", "AddNewLineItems", script);
        return BackfillWrite.of(noRowLevelFailures(lines), added);
      }
    };
  }

  /**
   * Runs {@link UniqueSalesQuery} per range as a query job whose result Beam reads through the
   * Storage Read API ({@code BigQueryIO.readDynamically}, which takes its queries at run time, after
   * the backfill's writes), results in {@link #queryResultsDataset}; rows are put together per sale.
   */
  @Override
  public PTransform<PCollection<TimeRange>, PCollection<CleanedSale>> readUniqueSales() {
    String sales = target.sqlName(SalesTable.CLEANED_UNIQUE_VIEW);
    String lines = target.sqlName(SalesTable.LINE_ITEMS_UNIQUE_VIEW);
    BigQueryIO.DynamicRead<TableRow> configured = queryResults();
    return new PTransform<>() {
      @Override
      public PCollection<CleanedSale> expand(PCollection<TimeRange> ranges) {
        return ranges
            .apply("Query", MapElements.into(TypeDescriptor.of(BigQueryDynamicReadDescriptor.class))
                .via(range -> BigQueryDynamicReadDescriptor.query(UniqueSalesQuery.sql(sales, lines, range,
                    t -> "TIMESTAMP '" + BackfillReplace.utc(t) + "'", column -> column), false, false)))
            .apply("ReadQueryResult", configured)
            .apply("KeyBySale", WithKeys.of((TableRow row) -> (String) row.get("transaction_id"))
                .withKeyType(TypeDescriptors.strings()))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), TableRowJsonCoder.of()))
            .apply("RowsPerSale", GroupByKey.create())
            .apply("ToSale", MapElements.into(TypeDescriptor.of(CleanedSale.class))
                .via((KV<String, Iterable<TableRow>> sale) -> TableRows.uniqueSale(sale.getValue())))
            .setCoder(CleanedSaleCoder.of());
      }
    };
  }

  /**
   * Loads the backfill's dead letters into a staging table (one per range, truncated on each run),
   * then adds those not recorded yet with one statement ({@link BackfillReplace#newDeadLettersSql}).
   */
  @Override
  public PTransform<PCollection<DeadLetter>, PDone> writeBackfillDeadLetters(@Nullable TimeRange publishRange) {
    String stagingName = BackfillReplace.stagingTableName(SalesTable.DEAD_LETTER.tableName(), publishRange);
    String sql = BackfillReplace.newDeadLettersSql(target.sqlName(SalesTable.DEAD_LETTER.tableName()),
        target.sqlName(stagingName), SalesTable.DEAD_LETTER.fields(), publishRange, true);
    return new PTransform<>() {
      @Override
      public PDone expand(PCollection<DeadLetter> letters) {
        stageThenRun(letters, SalesTable.DEAD_LETTER, stagingName, d -> TableRows.of(SalesRows.deadLetter(d)),
            "LoadDeadLetterStaging", "AddNewDeadLetters", sql);
        return PDone.in(letters.getPipeline());
      }
    };
  }

  /**
   * The backfill's way to write a table: load the values into a staging table of the table's
   * layout (truncated on each run; a failed load fails the job), then, once the load has succeeded,
   * run {@code sql} on it as one query job ({@link RunBackfillScriptFn}), which drops the staging table.
   */
  private <T> PCollection<Void> stageThenRun(PCollection<T> values, SalesTable layout, String stagingName,
      SerializableFunction<T, TableRow> format, String loadStep, String runStep, String sql) {
    BigQueryIO.Write<T> load = BigQueryIO.<T>write()
        .to(target.table(stagingName))
        .withFormatFunction(format)
        .withSchema(new TableSchema().setFields(stagingFields(layout)))
        .withMethod(Method.FILE_LOADS)
        .withCreateDisposition(CreateDisposition.CREATE_IF_NEEDED)
        .withWriteDisposition(WriteDisposition.WRITE_TRUNCATE);
    BigQueryServices jobs = services != null ? services : new BigQueryServicesImpl();
    return values.apply(loadStep, withServices(load)).getSuccessfulTableLoads()
        .apply(runStep, ParDo.of(new RunBackfillScriptFn(jobs, target, stagingName, sql)))
        .setCoder(VoidCoder.of());
  }

  /** A staging table's columns: the table's, with JSON as text (a load job takes JSON text for a string). */
  public static List<TableFieldSchema> stagingFields(SalesTable table) {
    return table.fields().stream()
        .map(f -> "JSON".equals(f.getType()) ? f.clone().setType("STRING") : f)
        .toList();
  }

  /**
   * Runs {@link DeadLetterReplayQuery} as a query job whose result Beam reads through the Storage
   * Read API, as {@link #readUniqueSales} does, results in {@link #queryResultsDataset}.
   */
  @Override
  public PTransform<PBegin, PCollection<KV<String, RawMessage>>> readDeadLettersToReplay(
      DeadLetterSelection selection) {
    String sql = replaySelectionSql(target.sqlName(SalesTable.DEAD_LETTER.tableName()),
        target.sqlName(SalesTable.RAW.tableName()), target.sqlName(SalesTable.DEAD_LETTER_REPLAYS.tableName()),
        selection);
    BigQueryIO.DynamicRead<TableRow> configured = queryResults();
    return new PTransform<>() {
      @Override
      public PCollection<KV<String, RawMessage>> expand(PBegin begin) {
        return begin
            .apply("Query", Create.of(BigQueryDynamicReadDescriptor.query(sql, false, false)))
            .apply("ReadQueryResult", configured)
            .apply("ToMessage", ParDo.of(new DoFn<TableRow, KV<String, RawMessage>>() {
              @ProcessElement
              public void process(@Element TableRow row, OutputReceiver<KV<String, RawMessage>> out) {
                RawMessage message = DeadLetterReplayQuery.messageToReplay((String) row.get("message_id"),
                    (String) row.get("stage"), (String) row.get("error_message"), TableRows.storedMessage(row, "raw_"),
                    TableRows.storedMessage(row, "letter_"));
                if (message != null) {
                  out.outputWithTimestamp(KV.of((String) row.get("dead_letter_id"), message), message.publishTime());
                }
              }
            }))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), RawMessageCoder.of()));
      }
    };
  }

  /** Where a replay stages its outcomes before adding the new ones. */
  public static final String REPLAYS_STAGING = "sales_dead_letter_replays_staging";

  /** Reads the results of queries given at run time, their tables in {@link #queryResultsDataset}. */
  private BigQueryIO.DynamicRead<TableRow> queryResults() {
    BigQueryIO.DynamicRead<TableRow> read = BigQueryIO.readDynamicallyTableRows()
        .withQueryTempProject(target.project())
        .withQueryTempDataset(queryResultsDataset(target));
    return services == null ? read : read.withTestServices(services);
  }

  /** {@link DeadLetterReplayQuery} in BigQuery's dialect: JSON columns read as text. */
  public static String replaySelectionSql(String deadLetters, String raw, String replays,
      DeadLetterSelection selection) {
    return DeadLetterReplayQuery.sql(deadLetters, raw, replays, selection,
        t -> "TIMESTAMP '" + BackfillReplace.utc(t) + "'", column -> column, column -> "TO_JSON_STRING(" + column + ")");
  }

  /**
   * Loads the replay outcomes into a staging table (truncated on each run), then adds those not
   * recorded yet with one statement ({@link BackfillReplace#newReplaysSql}).
   */
  @Override
  public PTransform<PCollection<DeadLetterReplay>, PDone> recordReplays() {
    String stagingName = REPLAYS_STAGING;
    String sql = BackfillReplace.newReplaysSql(target.sqlName(SalesTable.DEAD_LETTER_REPLAYS.tableName()),
        target.sqlName(stagingName), SalesTable.DEAD_LETTER_REPLAYS.fields(), true);
    return new PTransform<>() {
      @Override
      public PDone expand(PCollection<DeadLetterReplay> replays) {
        stageThenRun(replays, SalesTable.DEAD_LETTER_REPLAYS, stagingName,
            r -> TableRows.of(SalesRows.deadLetterReplay(r)), "LoadReplayStaging", "AddNewReplays", sql);
        return PDone.in(replays.getPipeline());
      }
    };
  }

  /** Storage Read API with the range pushed down, so only the range's partitions are scanned. */
  @Override
  public PTransform<PBegin, PCollection<RawMessage>> readRaw(TimeRange range) {
    BigQueryIO.TypedRead<TableRow> read = BigQueryIO.readTableRows()
        .from(target.table(SalesTable.RAW))
        .withMethod(BigQueryIO.TypedRead.Method.DIRECT_READ)
        .withSelectedFields(List.of("payload", "payload_base64", "message_id", "publish_time", "attributes"))
        .withRowRestriction(rowRestriction(range));
    BigQueryIO.TypedRead<TableRow> configured = services == null ? read : read.withTestServices(services);
    return new PTransform<>() {
      @Override
      public PCollection<RawMessage> expand(PBegin begin) {
        return begin.apply("ReadSalesRaw", configured)
            .apply("ToRawMessage", ParDo.of(new DoFn<TableRow, RawMessage>() {
              @ProcessElement
              public void process(@Element TableRow row, OutputReceiver<RawMessage> out) {
                RawMessage message = TableRows.rawMessage(row);
                out.outputWithTimestamp(message, message.publishTime());
              }
            }))
            .setCoder(RawMessageCoder.of());
      }
    };
  }

  public static String rowRestriction(TimeRange range) {
    return "publish_time >= TIMESTAMP '" + range.from() + "' AND publish_time < TIMESTAMP '" + range.to() + "'";
  }

  /** How a row BigQuery refused becomes a dead letter. */
  interface Refusal extends java.io.Serializable {
    DeadLetter deadLetter(TableRow row, String reason, Instant failedAt);
  }

  private <T> PTransform<PCollection<T>, PCollection<DeadLetter>> streamTo(
      SalesTable table, SerializableFunction<T, TableRow> format, Refusal refusal, String writtenCounter) {
    return storageWrite(table, format, refusal, writtenCounter, null);
  }

  /**
   * Appends through the Storage Write API (exactly-once unless configured otherwise), or, given an
   * {@code upsertSequence}, upserts on the table's key; either way the refused rows come back as
   * dead letters.
   */
  private <T> PTransform<PCollection<T>, PCollection<DeadLetter>> storageWrite(SalesTable table,
      SerializableFunction<T, TableRow> format, Refusal refusal, String writtenCounter,
      @Nullable SerializableFunction<T, String> upsertSequence) {
    return new PTransform<>() {
      @Override
      public PCollection<DeadLetter> expand(PCollection<T> values) {
        BigQueryIO.Write<T> write = BigQueryIO.<T>write()
            .to(target.table(table))
            .withFormatFunction(format)
            .withSchema(table.schema())
            .withTimePartitioning(new TimePartitioning().setType("DAY").setField(table.partitionField()))
            .withCreateDisposition(CreateDisposition.CREATE_IF_NEEDED)
            .withWriteDisposition(WriteDisposition.WRITE_APPEND);
        if (!table.clusteringFields().isEmpty()) {
          write = write.withClustering(new Clustering().setFields(table.clusteringFields()));
        }
        if (upsertSequence != null) {
          write = write.withMethod(Method.STORAGE_API_AT_LEAST_ONCE)
              .withPrimaryKey(table.rowKey())
              .withRowMutationInformationFn(value ->
                  RowMutationInformation.of(RowMutationInformation.MutationType.UPSERT, upsertSequence.apply(value)));
        } else {
          write = write.withMethod(exactlyOnce ? Method.STORAGE_WRITE_API : Method.STORAGE_API_AT_LEAST_ONCE);
          if (exactlyOnce && values.isBounded() == PCollection.IsBounded.UNBOUNDED) {
            write = write.withTriggeringFrequency(TRIGGERING_FREQUENCY).withAutoSharding();
          }
        }
        WriteResult result = values
            .apply("CountRows", ParDo.of(new CountFn<T>(writtenCounter)))
            .setCoder(values.getCoder())
            .apply("StorageWrite", withServices(write));
        return result.getFailedStorageApiInserts()
            .apply("RefusedRowsToDeadLetters", ParDo.of(new RefusedToDeadLetterFn(refusal)))
            .setCoder(DeadLetterCoder.of());
      }
    };
  }

  private <T> BigQueryIO.Write<T> withServices(BigQueryIO.Write<T> write) {
    return services == null ? write : write.withTestServices(services);
  }

  /** Counts rows handed to BigQuery; refused ones are counted again as write failures. */
  private static final class CountFn<T> extends DoFn<T, T> {
    private final Counter counter;

    CountFn(String name) {
      this.counter = SalesMetrics.counter(name);
    }

    @ProcessElement
    public void process(@Element T value, OutputReceiver<T> out) {
      counter.inc();
      out.output(value);
    }
  }

  private static final class RefusedToDeadLetterFn extends DoFn<BigQueryStorageApiInsertError, DeadLetter> {
    private final Refusal refusal;
    private final Counter failures = SalesMetrics.counter(SalesMetrics.WRITE_FAILURES);

    RefusedToDeadLetterFn(Refusal refusal) {
      this.refusal = refusal;
    }

    @ProcessElement
    public void process(@Element BigQueryStorageApiInsertError error, OutputReceiver<DeadLetter> out) {
      failures.inc();
      String reason = error.getErrorMessage() == null ? "refused by BigQuery" : error.getErrorMessage();
      out.output(refusal.deadLetter(error.getRow(), reason, Instant.now()));
    }
  }
}
