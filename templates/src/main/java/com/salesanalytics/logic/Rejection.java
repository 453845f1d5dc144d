package com.salesanalytics.logic;

import com.salesanalytics.model.ErrorCode;
import com.salesanalytics.model.Stage;

/** Why a payload is not a valid sale: a code, the stage that found it and a sentence naming the field. */
public record Rejection(ErrorCode code, Stage stage, String message) {

  static Rejection parse(String message) {
    return new Rejection(ErrorCode.INVALID_JSON, Stage.PARSE, message);
  }

  static Rejection validate(ErrorCode code, String message) {
    return new Rejection(code, Stage.VALIDATE, message);
  }

  /** An exception the step did not expect, kept with its class and the step it escaped from. */
  public static Rejection internal(Stage stage, String step, Throwable error) {
    String detail = error.getMessage() == null ? "" : ": " + SaleParser.abbreviate(error.getMessage().strip());
    return new Rejection(ErrorCode.INTERNAL_ERROR, stage,
        "unexpected " + error.getClass().getName() + " in " + step + detail);
  }
}
