package com.salesanalytics.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.GrpcTransportChannel;
import com.google.api.gax.rpc.FixedTransportChannelProvider;
import com.google.dataflow.v1beta3.FlexTemplatesServiceGrpc;
import com.google.dataflow.v1beta3.FlexTemplatesServiceSettings;
import com.google.dataflow.v1beta3.Job;
import com.google.dataflow.v1beta3.LaunchFlexTemplateParameter;
import com.google.dataflow.v1beta3.LaunchFlexTemplateRequest;
import com.google.dataflow.v1beta3.LaunchFlexTemplateResponse;
import com.google.dataflow.v1beta3.StreamingMode;
import com.google.dataflow.v1beta3.WorkerIPAddressConfiguration;
import com.google.protobuf.util.JsonFormat;
import com.salesanalytics.Console;
import com.salesanalytics.pipelines.Cli;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The launcher against an in-process Dataflow FlexTemplatesService (Google's published gRPC stubs). */
class LaunchCommandTest {
  private final List<LaunchFlexTemplateRequest> received = new CopyOnWriteArrayList<>();
  private volatile Status failWith;
  private Server server;
  private ManagedChannel channel;
  private FlexTemplatesServiceSettings settings;

  @BeforeEach
  void startFakeDataflow() throws Exception {
    String name = InProcessServerBuilder.generateName();
    server = InProcessServerBuilder.forName(name).directExecutor()
        .addService(new FlexTemplatesServiceGrpc.FlexTemplatesServiceImplBase() {
          @Override
          public void launchFlexTemplate(LaunchFlexTemplateRequest request,
              StreamObserver<LaunchFlexTemplateResponse> response) {
            received.add(request);
            if (failWith != null) {
              response.onError(failWith.asRuntimeException());
              return;
            }
            response.onNext(LaunchFlexTemplateResponse.newBuilder().setJob(Job.newBuilder()
                .setId("2026-11-24_02_15_00-1234567890").setName(request.getLaunchParameter().getJobName())).build());
            response.onCompleted();
          }
        }).build().start();
    channel = InProcessChannelBuilder.forName(name).directExecutor().build();
    settings = FlexTemplatesServiceSettings.newBuilder()
        .setTransportChannelProvider(FixedTransportChannelProvider.create(GrpcTransportChannel.create(channel)))
        .setCredentialsProvider(NoCredentialsProvider.create())
        .build();
  }

  @AfterEach
  void stop() {
    channel.shutdownNow();
    server.shutdownNow();
  }

  private Console.Outcome launch(String... args) {
    return Console.capture(() -> Cli.run(new LaunchCommand(() -> settings)::run, args));
  }

  private static final String[] STREAM_CLEAN = {
    "sales-stream-clean", "--project=retail-analytics-prod", "--region=europe-west1",
    "--spec-bucket=retail-analytics-prod-dataflow-templates", "--version=1.4.2",
    "--param", "inputSubscription=projects/retail-analytics-prod/subscriptions/sales-stream-clean",
    "--param", "outputDataset=retail-analytics-prod:sales_data", "--param", "dedupeWindowMinutes=15",
    "--service-account=sales-stream-clean@retail-analytics-prod.iam.gserviceaccount.com",
    "--temp-location=gs://retail-analytics-prod-dataflow-temp/tmp", "--max-workers=6",
    "--streaming-mode=AT_LEAST_ONCE", "--job-name=sales-stream-clean-prod"};

  @Test
  void theApiReceivesTheTemplatesSpecPathParametersAndEnvironment() {
    Console.Outcome outcome = launch(STREAM_CLEAN);
    assertEquals(0, outcome.status(), outcome.toString());
    assertEquals(1, received.size());
    LaunchFlexTemplateRequest request = received.get(0);
    assertEquals("retail-analytics-prod", request.getProjectId());
    assertEquals("europe-west1", request.getLocation());
    LaunchFlexTemplateParameter launch = request.getLaunchParameter();
    assertEquals("sales-stream-clean-prod", launch.getJobName());
    assertEquals("gs://retail-analytics-prod-dataflow-templates/templates/1.4.2/sales-stream-clean.json",
        launch.getContainerSpecGcsPath());
    assertEquals("projects/retail-analytics-prod/subscriptions/sales-stream-clean", launch.getParametersOrThrow("inputSubscription"));
    assertEquals("15", launch.getParametersOrThrow("dedupeWindowMinutes"));
    assertEquals(3, launch.getParametersCount());
    assertEquals("sales-stream-clean@retail-analytics-prod.iam.gserviceaccount.com",
        launch.getEnvironment().getServiceAccountEmail());
    assertEquals(6, launch.getEnvironment().getMaxWorkers());
    assertEquals(StreamingMode.STREAMING_MODE_AT_LEAST_ONCE, launch.getEnvironment().getStreamingMode());
    assertEquals(WorkerIPAddressConfiguration.WORKER_IP_PRIVATE, launch.getEnvironment().getIpConfiguration());
    assertTrue(launch.getEnvironment().getEnableStreamingEngine());
    assertEquals(false, launch.getUpdate());
    assertTrue(outcome.out().contains("https://console.cloud.google.com/dataflow/jobs/europe-west1/"
        + "2026-11-24_02_15_00-1234567890?project=retail-analytics-prod"), outcome.out());
  }

  @Test
  void withoutASubnetworkTheJobRunsInTheSubnetworkTerraformProvisions() {
    // Private IPs by default need a subnetwork with Private Google Access: the default network's has none.
    assertEquals(0, launch(STREAM_CLEAN).status());
    assertEquals("regions/europe-west1/subnetworks/sales-dataflow",
        received.get(0).getLaunchParameter().getEnvironment().getSubnetwork());
  }

  @Test
  void withoutAServiceAccountTheJobRunsAsItsTemplatesOwnAccount() {
    String[] args = java.util.Arrays.stream(STREAM_CLEAN).filter(a -> !a.startsWith("--service-account="))
        .toArray(String[]::new);
    assertEquals(0, launch(args).status());
    assertEquals("sales-stream-clean@retail-analytics-prod.iam.gserviceaccount.com",
        received.get(0).getLaunchParameter().getEnvironment().getServiceAccountEmail());
  }

  @Test
  void aCustomerManagedKeyIsSentAsTheJobsKmsKey() {
    String key = "projects/retail-kms/locations/europe-west1/keyRings/sales/cryptoKeys/sales-data";
    String[] args = java.util.Arrays.copyOf(STREAM_CLEAN, STREAM_CLEAN.length + 1);
    args[args.length - 1] = "--kms-key=" + key;
    assertEquals(0, launch(args).status());
    assertEquals(key, received.get(0).getLaunchParameter().getEnvironment().getKmsKeyName());
  }

  @Test
  void withoutAKeyTheJobKeepsGoogleManagedEncryption() {
    assertEquals(0, launch(STREAM_CLEAN).status());
    assertEquals("", received.get(0).getLaunchParameter().getEnvironment().getKmsKeyName());
  }

  @Test
  void aKeyVersionInsteadOfAKeyIsOneLineNamingTheOptionAndNothingIsSent() {
    String[] args = java.util.Arrays.copyOf(STREAM_CLEAN, STREAM_CLEAN.length + 1);
    args[args.length - 1] = "--kms-key=projects/retail-kms/locations/europe-west1/keyRings/sales/cryptoKeys/sales-data/cryptoKeyVersions/3";
    Console.Outcome outcome = launch(args);
    assertEquals(2, outcome.status());
    assertEquals(List.of(), received);
    assertEquals(1, outcome.err().lines().count(), outcome.err());
    assertTrue(outcome.err().contains("--kms-key"), outcome.err());
  }

  @Test
  void badParametersAreEachReportedInOneLineAndNothingIsSent() {
    Console.Outcome outcome = launch("sales-backfill", "--project=retail-analytics-prod", "--region=europe-west1",
        "--spec-bucket=b-templates", "--version=1.4.2", "--param", "from=yesterday", "--param", "dataset=sales_data",
        "--param", "to=2026-11-24");
    assertEquals(2, outcome.status());
    assertEquals(List.of(), received);
    List<String> lines = outcome.err().lines().toList();
    assertEquals(3, lines.size(), outcome.err());
    assertTrue(lines.get(0).startsWith("error: --param dataset: sales-backfill has no such parameter"), lines.get(0));
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("error: --param outputDataset: required by sales-backfill")), outcome.err());
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("error: --param from: 'yesterday' is not a valid")), outcome.err());
  }

  @Test
  void aDryRunPrintsTheRequestAsJsonAndSendsNothing() throws Exception {
    String[] args = java.util.Arrays.copyOf(STREAM_CLEAN, STREAM_CLEAN.length + 1);
    args[args.length - 1] = "--dry-run";
    Console.Outcome outcome = launch(args);
    assertEquals(0, outcome.status(), outcome.toString());
    assertEquals(List.of(), received);
    LaunchFlexTemplateRequest.Builder printed = LaunchFlexTemplateRequest.newBuilder();
    JsonFormat.parser().merge(outcome.out(), printed);
    assertEquals(LaunchRequests.build(LaunchCommand.parse(STREAM_CLEAN)), printed.build());
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"europe-west10", "europe-west12", "us-east5",
    "northamerica-northeast2", "me-central2"})
  void everyRealRegionIsAccepted(String region) {
    String[] args = STREAM_CLEAN.clone();
    args[2] = "--region=" + region;
    Console.Outcome outcome = launch(args);
    assertEquals(0, outcome.status(), outcome.toString());
    assertEquals(region, received.get(0).getLocation());
  }

  @Test
  void anUpdateReplacesTheNamedRunningJob() {
    String[] args = java.util.Arrays.copyOf(STREAM_CLEAN, STREAM_CLEAN.length + 1);
    args[args.length - 1] = "--update";
    assertEquals(0, launch(args).status());
    assertTrue(received.get(0).getLaunchParameter().getUpdate());
    assertEquals("sales-stream-clean-prod", received.get(0).getLaunchParameter().getJobName());
  }

  @Test
  void anUpdateOfAJobTerraformRunsIsRefusedAndNothingIsSent() {
    // Terraform would find the job it tracks in JOB_STATE_UPDATED, drop it from its state and
    // launch a second job of the same name, which Dataflow refuses: Terraform updates its own jobs.
    Console.Outcome outcome = launch("sales-stream-clean", "--project=retail-analytics-prod", "--region=europe-west1",
        "--spec-bucket=b-templates", "--version=1.4.2", "--update", "--job-name=sales-stream-clean",
        "--param", "inputSubscription=projects/retail-analytics-prod/subscriptions/sales-stream-clean",
        "--param", "outputDataset=retail-analytics-prod:sales_data");
    assertEquals(2, outcome.status());
    assertEquals(List.of(), received);
    assertEquals("error: --update: sales-stream-clean is the job Terraform runs; update it with terraform apply"
        + " -var template_version=1.4.2 (see docs/operations.md)", outcome.err().strip());
  }

  @Test
  void anUpdateWithoutTheRunningJobsNameIsRefused() {
    Console.Outcome outcome = launch("sales-stream-clean", "--project=retail-analytics-prod", "--region=europe-west1",
        "--spec-bucket=b-templates", "--version=1.4.2", "--update");
    assertEquals(2, outcome.status());
    assertEquals("error: --update: needs --job-name naming the running job to replace", outcome.err().strip());
  }

  @Test
  void permissionDeniedComesBackAsOneClearLineAndExitStatusOne() {
    failWith = Status.PERMISSION_DENIED.withDescription(
        "Permission 'dataflow.jobs.create' denied on project 'retail-analytics-prod'");
    Console.Outcome outcome = launch(STREAM_CLEAN);
    assertEquals(1, outcome.status());
    assertEquals(1, received.size());
    assertEquals(1, outcome.err().strip().lines().count(), outcome.err());
    assertTrue(outcome.err().startsWith("error: Dataflow refused the launch: PERMISSION_DENIED: "), outcome.err());
    assertTrue(outcome.err().contains("dataflow.jobs.create"), outcome.err());
  }

  @Test
  void anInvalidArgumentFromTheApiComesBackAsOneLine() {
    failWith = Status.INVALID_ARGUMENT.withDescription("Template file gs://b/templates/9.9.9/sales-stream-clean.json not found");
    Console.Outcome outcome = launch(STREAM_CLEAN);
    assertEquals(1, outcome.status());
    assertTrue(outcome.err().startsWith("error: Dataflow refused the launch: INVALID_ARGUMENT: "), outcome.err());
    assertEquals(1, outcome.err().strip().lines().count());
  }
}
