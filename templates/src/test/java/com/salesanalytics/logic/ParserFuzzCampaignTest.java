package com.salesanalytics.logic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.salesanalytics.model.ErrorCode;
import java.util.EnumSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import net.jqwik.api.RandomGenerator;
import net.jqwik.api.sessions.JqwikSession;
import org.junit.jupiter.api.Test;

/**
 * The long fuzzing run: payloads drawn from {@link SaleFuzzInputs} with a fixed seed, each
 * cleaned and checked as {@link CleaningPropertiesTest} checks one (exactly one outcome, nothing
 * thrown, exact money, one-line reasons), and a tally per outcome. The suite draws 20,000;
 * {@code mvn -B -o -Pfuzz -pl templates test} draws 1,000,000 ({@code -Dfuzz.inputs=N},
 * {@code -Dfuzz.seed=S} to change them) and prints the tally.
 */
class ParserFuzzCampaignTest {
  /** The codes a payload can earn; WRITE_FAILED and INTERNAL_ERROR come from sinks and bugs. */
  private static final Set<ErrorCode> INPUT_CODES = EnumSet.range(ErrorCode.INVALID_JSON, ErrorCode.INVALID_CURRENCY);

  @Test
  void everyFuzzedPayloadHasExactlyOneSafeOutcomeAndTheInputsReachEveryCode() {
    long inputs = Long.getLong("fuzz.inputs", 20_000);
    long seed = Long.getLong("fuzz.seed", 20_261_125);
    Map<String, Long> outcomes = new TreeMap<>();
    JqwikSession.start();
    try {
      RandomGenerator<String> payloads = SaleFuzzInputs.anyPayload().generator(1_000, true);
      Random random = new Random(seed);
      for (long i = 0; i < inputs; i++) {
        String payload = payloads.next(random).value();
        CleanResult result;
        try {
          result = CleaningPropertiesTest.checkOutcome(payload);
        } catch (RuntimeException escaped) {
          throw new AssertionError("input " + i + " (seed " + seed + ") escaped: " + payload, escaped);
        }
        String outcome = result instanceof CleanResult.Rejected rejected ? rejected.rejection().code().name() : "CLEAN";
        outcomes.merge(outcome, 1L, Long::sum);
      }
    } finally {
      JqwikSession.finish();
    }
    System.out.printf("fuzz: %,d inputs, seed %d, 0 escapes, outcomes %s%n", inputs, seed, outcomes);

    assertEquals(inputs, outcomes.values().stream().mapToLong(Long::longValue).sum(), "one outcome per input");
    assertTrue(outcomes.containsKey("CLEAN"), "some fuzzed payloads are valid sales: " + outcomes);
    for (ErrorCode code : INPUT_CODES) {
      assertTrue(outcomes.containsKey(code.name()), "the inputs reach " + code + ": " + outcomes);
    }
  }
}
