package com.salesanalytics.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.dataflow.v1beta3.ParameterMetadata;
import com.google.dataflow.v1beta3.ParameterType;
import com.google.dataflow.v1beta3.TemplateMetadata;
import com.google.protobuf.util.JsonFormat;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The checked-in metadata/*.json, validated against Google's definition (the Dataflow API's
 * TemplateMetadata message, unknown fields rejected) and against the options Beam actually parses.
 */
class TemplateMetadataTest {
  static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();

  static TemplateMetadata checkedIn(SalesTemplate template) throws Exception {
    TemplateMetadata.Builder metadata = TemplateMetadata.newBuilder();
    JsonFormat.parser().merge(Files.readString(ROOT.resolve("metadata/" + template.id() + ".json")), metadata);
    return metadata.build();
  }

  /** --name=example for each required parameter: the smallest valid launch. */
  static List<String> requiredArgs(TemplateMetadata metadata, String leaveOut) {
    List<String> args = new ArrayList<>();
    for (ParameterMetadata p : metadata.getParametersList()) {
      if (!p.getIsOptional() && !p.getName().equals(leaveOut)) {
        args.add("--" + p.getName() + "=" + example(p));
      }
    }
    return args;
  }

  static String example(ParameterMetadata parameter) {
    return java.util.Arrays.stream(SalesTemplate.values())
        .flatMap(t -> TemplateParameters.of(t.optionsInterface()).stream())
        .filter(p -> p.name().equals(parameter.getName())).findFirst()
        .orElseThrow().spec().example();
  }

  @ParameterizedTest
  @EnumSource(SalesTemplate.class)
  void theFileIsValidTemplateMetadataForTheDataflowApi(SalesTemplate template) throws Exception {
    TemplateMetadata metadata = checkedIn(template);
    assertFalse(metadata.getName().isBlank());
    assertFalse(metadata.getDescription().isBlank());
    assertEquals(template.streaming(), metadata.getStreaming());
    if (template.streaming()) {
      assertTrue(metadata.getSupportsExactlyOnce() && metadata.getSupportsAtLeastOnce());
      assertEquals("EXACTLY_ONCE", metadata.getDefaultStreamingMode());
    }
    for (ParameterMetadata p : metadata.getParametersList()) {
      assertFalse(p.getLabel().isBlank(), p.getName());
      assertFalse(p.getHelpText().isBlank(), p.getName());
      assertNotEquals(ParameterType.UNRECOGNIZED, p.getParamType(), p.getName());
    }
  }

  @ParameterizedTest
  @EnumSource(SalesTemplate.class)
  void anUnknownFieldInMetadataIsRejected(SalesTemplate template) throws Exception {
    String text = Files.readString(ROOT.resolve("metadata/" + template.id() + ".json"))
        .replaceFirst("\"name\":", "\"nmae\": \"typo\", \"name\":");
    assertThrows(com.google.protobuf.InvalidProtocolBufferException.class,
        () -> JsonFormat.parser().merge(text, TemplateMetadata.newBuilder()));
  }

  @ParameterizedTest
  @EnumSource(SalesTemplate.class)
  void everyRegexCompilesAcceptsTheExampleAndRejectsTheCounterexample(SalesTemplate template) {
    for (TemplateParameters.Parameter p : TemplateParameters.of(template.optionsInterface())) {
      for (String regex : p.spec().regexes()) {
        Pattern.compile(regex);
      }
      assertTrue(p.accepts(p.spec().example()), p.name() + " rejects its own example " + p.spec().example());
      if (!p.spec().counterexample().isEmpty()) {
        assertFalse(p.accepts(p.spec().counterexample()), p.name() + " accepts " + p.spec().counterexample());
      }
    }
  }

  @ParameterizedTest
  @EnumSource(SalesTemplate.class)
  void thePublishedRegexesHoldForTheWholeValueEvenWhereAConsoleSearchesWithThem(SalesTemplate template)
      throws Exception {
    // A UI that tests a regex with search semantics (JavaScript's RegExp.test) accepts any value that
    // merely contains a match, unless the regex is anchored.
    java.util.Map<String, TemplateParameters.Parameter> byName = new java.util.HashMap<>();
    TemplateParameters.of(template.optionsInterface()).forEach(q -> byName.put(q.name(), q));
    for (var parameter : checkedIn(template).getParametersList()) {
      TemplateParameters.Parameter p = byName.get(parameter.getName());
      for (String regex : parameter.getRegexesList()) {
        String wrapped = "not " + p.spec().example() + " at all";
        assertFalse(Pattern.compile(regex).matcher(wrapped).find(), parameter.getName() + ": " + regex
            + " finds a match in '" + wrapped + "'");
        assertTrue(Pattern.compile(regex).matcher(p.spec().example()).find(), parameter.getName());
      }
    }
  }

  @ParameterizedTest
  @EnumSource(SalesTemplate.class)
  void requiredParametersAreExactlyWhatBeamRequires(SalesTemplate template) throws Exception {
    TemplateMetadata metadata = checkedIn(template);
    Class<? extends PipelineOptions> options = template.optionsInterface();
    PipelineOptionsFactory.fromArgs(requiredArgs(metadata, "").toArray(String[]::new)).withValidation().as(options);
    for (ParameterMetadata p : metadata.getParametersList()) {
      if (!p.getIsOptional()) {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> PipelineOptionsFactory
            .fromArgs(requiredArgs(metadata, p.getName()).toArray(String[]::new)).withValidation().as(options));
        assertTrue(missing.getMessage().contains("--" + p.getName()), missing.getMessage());
      }
    }
  }

  @ParameterizedTest
  @EnumSource(SalesTemplate.class)
  void everyParameterIsAnOptionWithTheDefaultBeamGivesIt(SalesTemplate template) throws Exception {
    TemplateMetadata metadata = checkedIn(template);
    PipelineOptions parsed = PipelineOptionsFactory.fromArgs(requiredArgs(metadata, "").toArray(String[]::new))
        .as(template.optionsInterface());
    for (ParameterMetadata p : metadata.getParametersList()) {
      Method getter = template.optionsInterface().getMethod("get" + Character.toUpperCase(p.getName().charAt(0))
          + p.getName().substring(1));
      Object value = getter.invoke(parsed);
      if (p.getIsOptional()) {
        String actual = value == null ? "" : value instanceof Double d
            ? BigDecimal.valueOf(d).stripTrailingZeros().toPlainString() : value.toString();
        assertEquals(p.getDefaultValue(), actual, p.getName() + "'s default");
      }
    }
  }

  @ParameterizedTest
  @EnumSource(SalesTemplate.class)
  void enumParametersListEveryValueTheOptionAccepts(SalesTemplate template) throws Exception {
    for (ParameterMetadata p : checkedIn(template).getParametersList()) {
      if (p.getParamType() == ParameterType.ENUM) {
        Method getter = template.optionsInterface().getMethod("get" + Character.toUpperCase(p.getName().charAt(0))
            + p.getName().substring(1));
        List<String> constants = java.util.Arrays.stream(getter.getReturnType().getEnumConstants())
            .map(Object::toString).toList();
        assertEquals(constants, p.getEnumOptionsList().stream().map(o -> o.getValue()).toList());
      }
    }
  }
}
