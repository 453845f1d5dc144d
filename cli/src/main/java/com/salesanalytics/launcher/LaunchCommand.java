package com.salesanalytics.launcher;

import com.google.api.gax.rpc.ApiException;
import com.google.dataflow.v1beta3.FlexTemplatesServiceClient;
import com.google.dataflow.v1beta3.FlexTemplatesServiceSettings;
import com.google.dataflow.v1beta3.Job;
import com.google.dataflow.v1beta3.LaunchFlexTemplateRequest;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import com.salesanalytics.catalog.PlatformNames;
import com.salesanalytics.catalog.SalesTemplate;
import com.salesanalytics.options.OptionChecks;
import com.salesanalytics.pipelines.Cli;
import java.io.IOException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code launch TEMPLATE --project=P --region=R --spec-bucket=B --version=V --param name=value ...
 * [--dry-run] [--update --job-name=NAME]}: launches a release of a template through the Dataflow
 * API, after checking the parameters against the template's metadata. Nothing is sent while any
 * check fails; {@code --dry-run} prints the request instead of sending it.
 */
public final class LaunchCommand {
  static final String USAGE = """
      Usage: java -jar sales-analytics.jar launch TEMPLATE --project=PROJECT --region=REGION \\
               --spec-bucket=BUCKET --version=VERSION --param NAME=VALUE [--param NAME=VALUE ...] \\
               [--job-name=NAME] [--update] [--dry-run] [--service-account=EMAIL] [--temp-location=gs://...] \\
               [--staging-location=gs://...] [--max-workers=N] [--streaming-mode=EXACTLY_ONCE|AT_LEAST_ONCE] \\
               [--subnetwork=regions/R/subnetworks/S] [--public-ips] [--label KEY=VALUE ...] \\
               [--kms-key=projects/P/locations/L/keyRings/R/cryptoKeys/K]
      Launches gs://BUCKET/templates/VERSION/TEMPLATE.json. --update replaces the running streaming job
      --job-name with the new release, keeping its state. Jobs run as the template's own account
      (TEMPLATE@PROJECT.iam.gserviceaccount.com) with private IPs in the subnetwork Terraform creates
      (regions/REGION/subnetworks/sales-dataflow) unless --service-account or --subnetwork name others.
      --kms-key encrypts the job with a customer-managed key (Terraform's kms_key_name); without it,
      Google-managed encryption.""";

  private final Supplier<FlexTemplatesServiceSettings> settings;

  public LaunchCommand(Supplier<FlexTemplatesServiceSettings> settings) {
    this.settings = settings;
  }

  public static void execute(String[] args) {
    new LaunchCommand(LaunchCommand::defaultSettings).run(args);
  }

  private static FlexTemplatesServiceSettings defaultSettings() {
    try {
      return FlexTemplatesServiceSettings.newBuilder().build();
    } catch (IOException e) {
      throw new Cli.Failure("cannot set up the Dataflow client: " + e.getMessage());
    }
  }

  public void run(String[] args) {
    if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
      System.out.println(USAGE);
      if (args.length == 0) {
        throw new IllegalArgumentException("launch: name a template, e.g. launch sales-backfill ...");
      }
      return;
    }
    if (args[0].startsWith("--")) {
      // Options before the template would be read as a template named "--project=...".
      throw new IllegalArgumentException("launch: name a template first, e.g. launch sales-backfill --project=...");
    }
    LaunchSpec spec = parse(args);
    List<String> problems = LaunchRequests.problems(spec.template(), spec.parameters());
    if (!problems.isEmpty()) {
      problems.subList(0, problems.size() - 1).forEach(p -> System.err.println("error: " + p));
      throw new IllegalArgumentException(problems.get(problems.size() - 1));
    }
    LaunchFlexTemplateRequest request = LaunchRequests.build(spec);
    if (Boolean.parseBoolean(flag(args, "--dry-run"))) {
      System.out.print(json(request));
      return;
    }
    Job job = send(request);
    System.out.println("launched " + job.getName() + " (" + job.getId() + ") in " + spec.region()
        + ": https://console.cloud.google.com/dataflow/jobs/" + spec.region() + "/" + job.getId()
        + "?project=" + spec.project());
  }

  private Job send(LaunchFlexTemplateRequest request) {
    try (FlexTemplatesServiceClient client = FlexTemplatesServiceClient.create(settings.get())) {
      return client.launchFlexTemplate(request).getJob();
    } catch (ApiException e) {
      throw new Cli.Failure("Dataflow refused the launch: " + e.getStatusCode().getCode() + ": " + firstLine(e.getMessage()));
    } catch (IOException e) {
      throw new Cli.Failure("cannot reach Dataflow: " + firstLine(e.getMessage()));
    }
  }

  static String json(LaunchFlexTemplateRequest request) {
    try {
      return JsonFormat.printer().print(request) + "\n";
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("a launch request always prints", e);
    }
  }

  private static String firstLine(String message) {
    return message == null ? "no message" : message.lines().findFirst().orElse("").strip();
  }

  /** The launch the arguments describe, without checking the template parameters. */
  public static LaunchSpec parse(String[] args) {
    SalesTemplate template = SalesTemplate.byId(args[0]);
    Map<String, String> options = new LinkedHashMap<>();
    Map<String, String> parameters = new LinkedHashMap<>();
    Map<String, String> labels = new LinkedHashMap<>();
    for (int i = 1; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--param") || arg.equals("--label")) {
        if (i + 1 >= args.length) {
          throw OptionChecks.invalid(arg.substring(2), "needs NAME=VALUE after it");
        }
        keyValue(arg.substring(2), args[++i], arg.equals("--param") ? parameters : labels);
      } else if (arg.startsWith("--param=") || arg.startsWith("--label=")) {
        keyValue(arg.substring(2, 7), arg.substring(8), arg.startsWith("--param=") ? parameters : labels);
      } else if (arg.startsWith("--")) {
        int equals = arg.indexOf('=');
        options.put(equals > 0 ? arg.substring(0, equals) : arg, equals > 0 ? arg.substring(equals + 1) : "true");
      } else {
        throw new IllegalArgumentException("launch: unexpected argument '" + arg + "'; parameters go as --param NAME=VALUE");
      }
    }
    List<String> known = List.of("--project", "--region", "--spec-bucket", "--version", "--job-name", "--update",
        "--dry-run", "--service-account", "--temp-location", "--staging-location", "--max-workers", "--streaming-mode",
        "--subnetwork", "--public-ips", "--kms-key");
    options.keySet().stream().filter(o -> !known.contains(o)).findFirst().ifPresent(o -> {
      throw new IllegalArgumentException(o + ": not an option of launch; see launch --help");
    });
    boolean update = Boolean.parseBoolean(options.getOrDefault("--update", "false"));
    String jobName = options.get("--job-name");
    if (update && jobName == null) {
      throw OptionChecks.invalid("update", "needs --job-name naming the running job to replace");
    }
    if (update && PlatformNames.JOBS_RUN_BY_TERRAFORM.contains(jobName)) {
      throw OptionChecks.invalid("update", jobName + " is the job Terraform runs; update it with terraform apply"
          + " -var template_version=" + options.getOrDefault("--version", "VERSION") + " (see docs/operations.md)");
    }
    if (update && !template.streaming()) {
      throw OptionChecks.invalid("update", template.id() + " is a batch template; only streaming jobs are updated");
    }
    String streamingMode = options.get("--streaming-mode");
    if (streamingMode != null && !List.of("EXACTLY_ONCE", "AT_LEAST_ONCE").contains(streamingMode)) {
      throw OptionChecks.invalid("streaming-mode", "expected EXACTLY_ONCE or AT_LEAST_ONCE, got '" + streamingMode + "'");
    }
    String project = required(options, "--project", "[a-z][a-z0-9-]{4,28}[a-z0-9]", "a project id such as retail-analytics-prod");
    String region = required(options, "--region", "[a-z]+-[a-z]+[0-9]{1,2}", "a region such as europe-west1");
    return new LaunchSpec(template, project, region,
        required(options, "--spec-bucket", "[a-z0-9][a-z0-9._-]{1,221}[a-z0-9]", "a bucket name (no gs://)"),
        required(options, "--version", "[0-9A-Za-z][0-9A-Za-z._-]*", "a release such as 1.4.2"),
        jobName != null ? checked("--job-name", jobName, "[a-z]([-a-z0-9]{0,1022}[a-z0-9])?", "lower-case letters, digits, hyphens")
            : template.id() + "-" + ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")),
        update, parameters, options.getOrDefault("--service-account", PlatformNames.serviceAccount(template, project)),
        gcs(options, "--temp-location"),
        gcs(options, "--staging-location"), maxWorkers(options.get("--max-workers")), streamingMode,
        options.getOrDefault("--subnetwork", PlatformNames.subnetwork(region)),
        Boolean.parseBoolean(options.getOrDefault("--public-ips", "false")), labels, kmsKey(options.get("--kms-key")));
  }

  private static void keyValue(String option, String text, Map<String, String> into) {
    int equals = text.indexOf('=');
    if (equals < 1) {
      throw OptionChecks.invalid(option, "expected NAME=VALUE, got '" + text + "'");
    }
    into.put(text.substring(0, equals), text.substring(equals + 1));
  }

  private static String required(Map<String, String> options, String name, String regex, String expected) {
    String value = options.get(name);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + ": missing; expected " + expected);
    }
    return checked(name, value, regex, expected);
  }

  private static String checked(String name, String value, String regex, String expected) {
    if (!value.matches(regex)) {
      throw new IllegalArgumentException(name + ": expected " + expected + ", got '" + value + "'");
    }
    return value;
  }

  private static String gcs(Map<String, String> options, String name) {
    String value = options.get(name);
    return value == null ? null : checked(name, value, "gs://[a-z0-9][a-z0-9._-]{1,221}[a-z0-9](/.*)?", "a gs:// path");
  }

  /** A key, not a key version: Dataflow takes the key and uses its primary version. */
  private static String kmsKey(String value) {
    return value == null ? null : checked("--kms-key", value,
        "projects/[a-z][a-z0-9-]{4,28}[a-z0-9]/locations/[a-z0-9-]+/keyRings/[A-Za-z0-9_-]{1,63}/cryptoKeys/[A-Za-z0-9_-]{1,63}",
        "a Cloud KMS key such as projects/P/locations/REGION/keyRings/R/cryptoKeys/K");
  }

  private static Integer maxWorkers(String value) {
    return value == null ? null : Integer.valueOf(checked("--max-workers", value, "[1-9][0-9]{0,3}", "a number of workers from 1"));
  }

  private static String flag(String[] args, String name) {
    for (String arg : args) {
      if (arg.equals(name) || arg.equals(name + "=true")) {
        return "true";
      }
    }
    return "false";
  }
}
