package com.salesanalytics.terraform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.monitoring.dashboard.v1.Dashboard;
import com.google.monitoring.v3.AlertPolicy;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Terraform monitoring as Cloud Monitoring receives it, for one sample deployment: the dashboard
 * rendered the way {@code templatefile} renders it, and each alert policy block as the API's
 * {@code AlertPolicy}. Both are parsed with Google's own messages, which reject unknown fields and
 * enum values.
 */
final class Monitoring {
  static final String PROJECT = "retail-analytics-prod";
  static final List<String> NOTIFICATION_CHANNELS = List.of("projects/" + PROJECT + "/notificationChannels/1234567890");
  static final String TEMPLATE_CALL =
      "${templatefile(\"${path.module}/monitoring/dashboard.json.tftpl\", local.dashboard_variables)}";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern INTERPOLATION = Pattern.compile("\\$\\{([^}]*)}");
  private static final Pattern REFERENCE = Pattern.compile("(var|local)\\.([a-z0-9_]+)");
  /** Arguments and blocks Terraform handles itself; they never reach the API. */
  private static final Set<String> TERRAFORM_ONLY =
      Set.of("project", "provider", "count", "for_each", "depends_on", "lifecycle", "timeouts");

  private Monitoring() {}

  /** One query of a chart or an alert: a Monitoring filter with its aggregations, or PromQL. */
  record Query(String where, String filter, List<String> aligners, List<String> groupByFields, String promql) {
    boolean isPromql() {
      return promql != null;
    }

    String text() {
      return isPromql() ? promql : filter;
    }
  }

  // ---- the dashboard -------------------------------------------------------------------------

  /** The dashboard JSON Terraform sends: the template file rendered with local.dashboard_variables. */
  static String renderedDashboard() {
    List<Terraform.Block> dashboards = Terraform.resources("google_monitoring_dashboard");
    assertEquals(1, dashboards.size(), "one dashboard per deployment");
    assertEquals(TEMPLATE_CALL, dashboards.get(0).text("dashboard_json"),
        "the check renders the dashboard the way this call does");
    JsonNode variables = resolve(Terraform.local("dashboard_variables"), "local.dashboard_variables");
    try {
      return render(Files.readString(Terraform.MODULE.resolve("monitoring/dashboard.json.tftpl")), variables);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * What templatefile does with a template that only interpolates its variables: each
   * {@code ${name}} becomes the variable's value as a string (numbers as Terraform prints them);
   * an unknown name is an error, as in Terraform. Directives ({@code %{...}}) are not rendered here.
   */
  static String render(String template, JsonNode variables) {
    assertTrue(!template.contains("%{"), "template directives are not rendered by the check; keep to ${name}");
    Matcher m = INTERPOLATION.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1).trim();
      JsonNode value = variables.get(name);
      assertNotNull(value, "the template uses ${" + name + "}, which the templatefile call does not pass");
      assertTrue(value.isValueNode(), "${" + name + "} is not a string or number");
      m.appendReplacement(out, Matcher.quoteReplacement(text(value)));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** Parses dashboard JSON with Cloud Monitoring's Dashboard message; unknown fields fail. */
  static Dashboard parseDashboard(String json) throws InvalidProtocolBufferException {
    Dashboard.Builder dashboard = Dashboard.newBuilder();
    JsonFormat.parser().merge(json, dashboard);
    return dashboard.build();
  }

  static Dashboard dashboard() {
    try {
      return parseDashboard(renderedDashboard());
    } catch (InvalidProtocolBufferException e) {
      throw new AssertionError("the rendered dashboard is not a valid Cloud Monitoring dashboard: " + e.getMessage(), e);
    }
  }

  /** Every query of every chart, wherever it sits in the layout. */
  static List<Query> dashboardQueries(Dashboard dashboard) {
    List<Query> queries = new ArrayList<>();
    for (Message query : find(dashboard, com.google.monitoring.dashboard.v1.TimeSeriesQuery.getDescriptor())) {
      var q = (com.google.monitoring.dashboard.v1.TimeSeriesQuery) query;
      String where = "dashboard query " + queries.size();
      if (q.hasTimeSeriesFilter()) {
        var filter = q.getTimeSeriesFilter();
        List<com.google.monitoring.dashboard.v1.Aggregation> aggregations = new ArrayList<>();
        aggregations.add(filter.getAggregation());
        if (filter.hasSecondaryAggregation()) {
          aggregations.add(filter.getSecondaryAggregation());
        }
        queries.add(new Query(where, filter.getFilter(),
            aggregations.stream().map(a -> a.getPerSeriesAligner().name()).toList(),
            aggregations.stream().flatMap(a -> a.getGroupByFieldsList().stream()).toList(), null));
      } else if (!q.getPrometheusQuery().isEmpty()) {
        queries.add(new Query(where, null, List.of(), List.of(), q.getPrometheusQuery()));
      } else {
        throw new AssertionError(where + ": only time series filters and PromQL are checked: " + q);
      }
    }
    return queries;
  }

  // ---- the alert policies --------------------------------------------------------------------

  /** The AlertPolicy the provider would send for a google_monitoring_alert_policy block. */
  static AlertPolicy alertPolicy(Terraform.Block block) throws InvalidProtocolBufferException {
    ObjectNode body = block.body().deepCopy();
    TERRAFORM_ONLY.forEach(body::remove);
    JsonNode json = asProtoJson(resolve(body, block.where()), AlertPolicy.getDescriptor(), block.where());
    AlertPolicy.Builder policy = AlertPolicy.newBuilder();
    JsonFormat.parser().merge(json.toString(), policy);
    return policy.build();
  }

  static List<AlertPolicy> alertPolicies() {
    List<AlertPolicy> policies = new ArrayList<>();
    for (Terraform.Block block : Terraform.resources("google_monitoring_alert_policy")) {
      try {
        policies.add(alertPolicy(block));
      } catch (InvalidProtocolBufferException e) {
        throw new AssertionError(block.where() + " is not a valid alert policy: " + e.getMessage(), e);
      }
    }
    return policies;
  }

  static List<Query> alertQueries(AlertPolicy policy) {
    List<Query> queries = new ArrayList<>();
    for (AlertPolicy.Condition condition : policy.getConditionsList()) {
      String where = policy.getDisplayName() + " / " + condition.getDisplayName();
      if (condition.hasConditionThreshold()) {
        var threshold = condition.getConditionThreshold();
        queries.add(new Query(where, threshold.getFilter(),
            threshold.getAggregationsList().stream().map(a -> a.getPerSeriesAligner().name()).toList(),
            threshold.getAggregationsList().stream().flatMap(a -> a.getGroupByFieldsList().stream()).toList(), null));
      } else if (condition.hasConditionPrometheusQueryLanguage()) {
        queries.add(new Query(where, null, List.of(), List.of(), condition.getConditionPrometheusQueryLanguage().getQuery()));
      } else {
        throw new AssertionError(where + ": only threshold and PromQL conditions are checked");
      }
    }
    return queries;
  }

  /**
   * Terraform's HCL for an API message, turned into the message's JSON: a nested block is a list
   * in HCL and a single message in the API, so one-element lists become the element wherever the
   * field is not repeated. A name the message does not have fails here, with the message's name.
   */
  static JsonNode asProtoJson(JsonNode hcl, Descriptor message, String where) {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    for (Iterator<Map.Entry<String, JsonNode>> it = hcl.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      FieldDescriptor field = message.findFieldByName(entry.getKey());
      assertNotNull(field, where + ": " + message.getFullName() + " has no field " + entry.getKey());
      JsonNode value = entry.getValue();
      boolean nestedMessage = field.getJavaType() == FieldDescriptor.JavaType.MESSAGE && !field.isMapField()
          && !field.getMessageType().getFullName().startsWith("google.protobuf.");
      if (!field.isRepeated() && value.isArray()) {
        assertEquals(1, value.size(), where + ": " + entry.getKey() + " may appear once");
        value = value.get(0);
      }
      if (nestedMessage && field.isRepeated()) {
        ArrayNode list = json.putArray(entry.getKey());
        value.forEach(v -> list.add(asProtoJson(v, field.getMessageType(), where + "." + entry.getKey())));
      } else if (nestedMessage) {
        json.set(entry.getKey(), asProtoJson(value, field.getMessageType(), where + "." + entry.getKey()));
      } else {
        json.set(entry.getKey(), value);
      }
    }
    return json;
  }

  // ---- Terraform values for the sample deployment --------------------------------------------

  /**
   * A value with its references to variables and locals replaced, as Terraform would for the
   * sample deployment: project and notification channels as given here, every other variable at
   * its default. A string that is a single reference takes the referenced value's type.
   */
  static JsonNode resolve(JsonNode node, String where) {
    if (node.isTextual()) {
      String text = node.asText();
      Matcher whole = Pattern.compile("^\\$\\{\\s*((?:var|local)\\.[a-z0-9_]+)\\s*}$").matcher(text);
      if (whole.matches()) {
        return value(whole.group(1), where);
      }
      Matcher m = INTERPOLATION.matcher(text);
      StringBuilder out = new StringBuilder();
      while (m.find()) {
        m.appendReplacement(out, Matcher.quoteReplacement(text(value(m.group(1).trim(), where))));
      }
      m.appendTail(out);
      return JsonNodeFactory.instance.textNode(out.toString());
    }
    if (node.isArray()) {
      ArrayNode array = JsonNodeFactory.instance.arrayNode();
      node.forEach(n -> array.add(resolve(n, where)));
      return array;
    }
    if (node.isObject()) {
      ObjectNode object = JsonNodeFactory.instance.objectNode();
      node.fields().forEachRemaining(f -> object.set(f.getKey(), resolve(f.getValue(), where + "." + f.getKey())));
      return object;
    }
    return node;
  }

  private static JsonNode value(String reference, String where) {
    Matcher ref = REFERENCE.matcher(reference);
    if (!ref.matches()) {
      throw new AssertionError(where + ": the check cannot evaluate ${" + reference + "}; use a variable or a local");
    }
    String name = ref.group(2);
    if (ref.group(1).equals("local")) {
      return resolve(Terraform.local(name), "local." + name);
    }
    return switch (name) {
      case "project_id" -> JsonNodeFactory.instance.textNode(PROJECT);
      case "notification_channels" -> JSON.valueToTree(NOTIFICATION_CHANNELS);
      default -> {
        JsonNode defaultValue = variable(name).get("default");
        assertTrue(defaultValue != null && !defaultValue.isNull(), where + ": var." + name + " has no default");
        yield defaultValue;
      }
    };
  }

  /** The body of {@code variable "name" { ... }}. */
  static JsonNode variable(String name) {
    for (JsonNode file : Terraform.module()) {
      JsonNode variables = file.get("variable");
      if (variables != null && variables.has(name)) {
        return variables.get(name).get(0);
      }
    }
    throw new AssertionError("no variable " + name);
  }

  /** A value as Terraform interpolates it into a string. */
  private static String text(JsonNode value) {
    if (value.isNumber()) {
      return value.decimalValue().stripTrailingZeros().toPlainString();
    }
    assertTrue(value.isValueNode(), "only strings and numbers can be interpolated into a string: " + value);
    return value.asText();
  }

  /** Every message of one type anywhere inside a message. */
  static List<Message> find(Message root, Descriptor type) {
    List<Message> found = new ArrayList<>();
    if (root.getDescriptorForType().equals(type)) {
      found.add(root);
      return found;
    }
    root.getAllFields().forEach((field, value) -> {
      if (field.getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
        return;
      }
      if (field.isRepeated()) {
        for (Object element : (List<?>) value) {
          if (element instanceof Message m) {
            found.addAll(find(m, type));
          }
        }
      } else {
        found.addAll(find((Message) value, type));
      }
    });
    return found;
  }
}
