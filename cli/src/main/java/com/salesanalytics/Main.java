package com.salesanalytics;

import com.salesanalytics.catalog.CatalogCommand;
import com.salesanalytics.dashboard.DashboardCommand;
import com.salesanalytics.launcher.LaunchCommand;
import com.salesanalytics.local.Benchmark;
import com.salesanalytics.local.DemoPipeline;
import com.salesanalytics.pipelines.BackfillPipeline;
import com.salesanalytics.pipelines.Cli;
import com.salesanalytics.pipelines.RawIngestPipeline;
import com.salesanalytics.pipelines.ReplayDeadLettersPipeline;
import com.salesanalytics.pipelines.SimulatorPipeline;
import com.salesanalytics.pipelines.StreamCleanPipeline;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code java -jar sales-analytics.jar COMMAND [--option=value ...]}: one jar, every pipeline. */
public final class Main {
  private record Entry(Cli.Command command, String summary) {}

  private static final Map<String, Entry> COMMANDS = new LinkedHashMap<>();

  static {
    COMMANDS.put("demo", new Entry(DemoPipeline::execute,
        "simulator -> raw-ingest + stream-clean on this machine, into DuckDB, with progress"));
    COMMANDS.put("dashboard", new Entry(DashboardCommand::execute,
        "the sales dashboard (page + JSON API) over a finished DuckDB file, read-only"));
    COMMANDS.put("raw-ingest", new Entry(RawIngestPipeline::execute, "messages -> sales_raw, untouched"));
    COMMANDS.put("stream-clean", new Entry(StreamCleanPipeline::execute,
        "messages -> validate, dedupe, totals -> sales_cleaned + sales_dead_letter"));
    COMMANDS.put("backfill", new Entry(BackfillPipeline::execute,
        "sales_raw (publish-time range) or files -> sales_cleaned, re-runnable"));
    COMMANDS.put("replay-dead-letters", new Entry(ReplayDeadLettersPipeline::execute,
        "dead letters (error codes, failed_at range) -> clean logic again -> sales_cleaned, re-runnable"));
    COMMANDS.put("simulator", new Entry(SimulatorPipeline::execute,
        "realistic sales -> Pub/Sub topic or JSON-lines file"));
    COMMANDS.put("catalog", new Entry(CatalogCommand::execute,
        "the Flex Templates: list, one template's parameters, regenerate metadata/docs, write spec files"));
    COMMANDS.put("launch", new Entry(LaunchCommand::execute,
        "launch a released template on Dataflow, parameters checked first (--dry-run prints the request)"));
    COMMANDS.put("bench", new Entry(Benchmark::execute,
        "events/s of the clean chain (plain loop vs Beam, one core) and of the demo"));
  }

  private Main() {}

  public static void main(String[] args) {
    System.exit(dispatch(args));
  }

  static int dispatch(String[] args) {
    if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
      System.out.println(usage());
      return args.length == 0 ? 2 : 0;
    }
    Entry entry = COMMANDS.get(args[0]);
    if (entry == null) {
      System.err.println("error: unknown command '" + args[0] + "'; expected one of " + String.join(", ", COMMANDS.keySet()));
      return 2;
    }
    return Cli.run(entry.command(), Arrays.copyOfRange(args, 1, args.length));
  }

  static String usage() {
    StringBuilder out = new StringBuilder("Usage: java -jar sales-analytics.jar COMMAND [--option=value ...]\n\nCommands:\n");
    COMMANDS.forEach((name, entry) -> out.append(String.format("  %-19s %s%n", name, entry.summary())));
    out.append("\nEach command lists its options with --help.");
    return out.toString();
  }
}
