package com.salesanalytics.options;

import com.google.dataflow.v1beta3.ParameterType;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an option getter as a Flex Template parameter and says how the Dataflow console should
 * render it. Name, help text, default and optionality come from the getter itself ({@code
 * @Description}, {@code @Default.*}, {@code @Validation.Required}), so the metadata generated from
 * it cannot drift from the options.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface TemplateParameter {
  /** The form label. */
  String label();

  /** What the console offers for the value (a subscription picker, a bucket browser, ...). */
  ParameterType type() default ParameterType.TEXT;

  /** Values must fully match one of these (checked by the console and again at launch). */
  String[] regexes() default {};

  /** A realistic value, used in the docs' gcloud examples and checked against the regexes. */
  String example();

  /** A plausible wrong value the regexes must reject (checked by a test); empty if none applies. */
  String counterexample() default "";
}
