package com.salesanalytics.dashboard;

/** A request the API refuses (HTTP 400); the message is one line naming the parameter. */
final class BadRequest extends Exception {
  BadRequest(String message) {
    super(message);
  }
}
