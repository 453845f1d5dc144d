package com.salesanalytics.catalog;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A bad parameter is refused at launch, before anything runs, in one line naming it. */
class TemplateLauncherTest {

  private static List<String> validRequiredArgs(SalesTemplate template, String except) {
    List<String> args = new ArrayList<>();
    for (TemplateParameters.Parameter p : TemplateParameters.of(template.optionsInterface())) {
      if (p.required() && !p.name().equals(except)) {
        args.add("--" + p.name() + "=" + p.spec().example());
      }
    }
    return args;
  }

  @ParameterizedTest
  @EnumSource(SalesTemplate.class)
  void everyCounterexampleIsRefusedNamingTheParameterAndWhatItExpected(SalesTemplate template) {
    for (TemplateParameters.Parameter p : TemplateParameters.of(template.optionsInterface())) {
      if (p.spec().counterexample().isEmpty()) {
        continue;
      }
      List<String> args = validRequiredArgs(template, p.name());
      args.add("--" + p.name() + "=" + p.spec().counterexample());
      IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
          () -> TemplateLauncher.launch(template, args.toArray(String[]::new)), p.name());
      assertTrue(refused.getMessage().startsWith("--" + p.name() + ": expected "), refused.getMessage());
      assertTrue(refused.getMessage().contains("got '" + p.spec().counterexample() + "'"), refused.getMessage());
      assertTrue(refused.getMessage().lines().count() == 1, refused.getMessage());
    }
  }

  @ParameterizedTest
  @EnumSource(SalesTemplate.class)
  void aMissingRequiredParameterIsRefusedNamingIt(SalesTemplate template) {
    for (TemplateParameters.Parameter p : TemplateParameters.of(template.optionsInterface())) {
      if (p.required()) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
            () -> TemplateLauncher.launch(template, validRequiredArgs(template, p.name()).toArray(String[]::new)));
        assertTrue(refused.getMessage().contains("--" + p.name()), refused.getMessage());
      }
    }
  }
}
