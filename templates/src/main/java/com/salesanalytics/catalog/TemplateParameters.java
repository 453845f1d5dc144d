package com.salesanalytics.catalog;

import com.google.dataflow.v1beta3.ParameterMetadata;
import com.google.dataflow.v1beta3.ParameterMetadataEnumOption;
import com.google.dataflow.v1beta3.ParameterType;
import com.salesanalytics.options.TemplateParameter;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.Validation;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A template's parameters, read from its options interface: every getter marked
 * {@link TemplateParameter}, with name, help, default and optionality taken from the getter's own
 * Beam annotations (on any declaration of it in the interface's hierarchy).
 */
public final class TemplateParameters {
  /**
   * A regex as published in the metadata: anchored, since a form that tests it with search
   * semantics (JavaScript's RegExp.test) would otherwise accept any value containing a match.
   */
  static String anchored(String regex) {
    return "^(?:" + regex + ")$";
  }

  private TemplateParameters() {}

  /** One parameter. */
  public record Parameter(
      String name, TemplateParameter spec, String helpText, boolean required, @Nullable String defaultValue,
      List<String> enumValues) {

    public ParameterMetadata metadata() {
      ParameterMetadata.Builder metadata = ParameterMetadata.newBuilder()
          .setName(name)
          .setLabel(spec.label())
          .setHelpText(helpText)
          .setIsOptional(!required)
          .setParamType(spec.type())
          .addAllRegexes(Arrays.stream(spec.regexes()).map(TemplateParameters::anchored).toList());
      if (defaultValue != null) {
        metadata.setDefaultValue(defaultValue);
      }
      for (String value : enumValues) {
        metadata.addEnumOptions(ParameterMetadataEnumOption.newBuilder().setValue(value).setLabel(value));
      }
      return metadata.build();
    }

    /** Whether a raw command-line value is acceptable by the regexes (and enum values). Java's matches is anchored. */
    public boolean accepts(String value) {
      boolean byRegex = spec.regexes().length == 0 || List.of(spec.regexes()).stream().anyMatch(value::matches);
      return byRegex && (enumValues.isEmpty() || enumValues.contains(value));
    }
  }

  /** Required parameters first, then optional ones, each group by name. */
  public static List<Parameter> of(Class<? extends PipelineOptions> options) {
    Map<String, List<Method>> declarations = new LinkedHashMap<>();
    for (Class<?> type : hierarchy(options)) {
      for (Method method : type.getDeclaredMethods()) {
        propertyName(method).ifPresent(name -> declarations.computeIfAbsent(name, n -> new ArrayList<>()).add(method));
      }
    }
    List<Parameter> parameters = new ArrayList<>();
    declarations.forEach((name, methods) -> {
      TemplateParameter spec = find(methods, TemplateParameter.class);
      if (spec == null) {
        return;
      }
      Description description = find(methods, Description.class);
      Class<?> type = methods.get(0).getReturnType();
      List<String> enumValues = type.isEnum()
          ? java.util.Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name()).toList()
          : List.of();
      if (spec.type() == ParameterType.ENUM && enumValues.isEmpty()) {
        throw new IllegalStateException(name + " is an ENUM parameter but its getter does not return an enum");
      }
      parameters.add(new Parameter(name, spec, description == null ? spec.label() : description.value(),
          find(methods, Validation.Required.class) != null, defaultValue(methods), enumValues));
    });
    parameters.sort(Comparator.comparing((Parameter p) -> !p.required()).thenComparing(Parameter::name));
    return parameters;
  }

  private static Set<Class<?>> hierarchy(Class<?> root) {
    Set<Class<?>> all = new LinkedHashSet<>();
    Deque<Class<?>> todo = new ArrayDeque<>(List.of(root));
    while (!todo.isEmpty()) {
      Class<?> type = todo.pop();
      if (all.add(type)) {
        todo.addAll(List.of(type.getInterfaces()));
      }
    }
    return all;
  }

  private static java.util.Optional<String> propertyName(Method getter) {
    String name = getter.getName();
    if (getter.getParameterCount() != 0 || java.lang.reflect.Modifier.isStatic(getter.getModifiers())) {
      return java.util.Optional.empty();
    }
    String property = name.startsWith("get") && name.length() > 3 ? name.substring(3)
        : name.startsWith("is") && name.length() > 2 ? name.substring(2) : null;
    return property == null ? java.util.Optional.empty()
        : java.util.Optional.of(Character.toLowerCase(property.charAt(0)) + property.substring(1));
  }

  private static <A extends Annotation> @Nullable A find(List<Method> declarations, Class<A> type) {
    return declarations.stream().map(m -> m.getAnnotation(type)).filter(a -> a != null).findFirst().orElse(null);
  }

  /** The value of whichever {@code @Default.*} annotation the getter carries, as text. */
  private static @Nullable String defaultValue(List<Method> declarations) {
    for (Method method : declarations) {
      for (Annotation annotation : method.getAnnotations()) {
        if (annotation.annotationType().getEnclosingClass() == Default.class) {
          try {
            Object value = annotation.annotationType().getMethod("value").invoke(annotation);
            return value instanceof Double d ? BigDecimal.valueOf(d).stripTrailingZeros().toPlainString()
                : value instanceof Float f ? BigDecimal.valueOf(f).stripTrailingZeros().toPlainString()
                : String.valueOf(value);
          } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("unreadable default on " + method, e);
          }
        }
      }
    }
    return null;
  }
}
