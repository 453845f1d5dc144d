package com.salesanalytics.catalog;

import com.salesanalytics.options.OptionChecks;
import com.salesanalytics.pipelines.Cli;
import java.util.HashMap;
import java.util.Map;

/**
 * What a template's image runs: parses the launch parameters as the template's options, rejects a
 * value its metadata's regexes would reject (the console checks them too, gcloud and the REST API
 * do not), then runs the pipeline.
 */
public final class TemplateLauncher {
  private TemplateLauncher() {}

  public static void launch(SalesTemplate template, String[] args) {
    checkAgainstMetadata(template, args);
    Cli.parse(template.id(), template.description(), args, template.optionsInterface()).ifPresent(template::run);
  }

  static void checkAgainstMetadata(SalesTemplate template, String[] args) {
    Map<String, String> given = new HashMap<>();
    for (String arg : args) {
      int equals = arg.indexOf('=');
      if (arg.startsWith("--") && equals > 2) {
        given.put(arg.substring(2, equals), arg.substring(equals + 1));
      }
    }
    for (TemplateParameters.Parameter parameter : TemplateParameters.of(template.optionsInterface())) {
      String value = given.get(parameter.name());
      if (value != null && !parameter.accepts(value)) {
        String expected = parameter.enumValues().isEmpty()
            ? parameter.spec().label().toLowerCase(java.util.Locale.ROOT) + " such as " + parameter.spec().example()
            : "one of " + String.join(", ", parameter.enumValues());
        throw OptionChecks.invalid(parameter.name(), "expected " + expected + ", got '" + value + "'");
      }
    }
  }
}
