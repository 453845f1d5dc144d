package com.salesanalytics.dashboard;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * The API's JSON: snake_case names like the tables' columns, timestamps in RFC 3339 (UTC), and
 * decimals as strings, because a JSON number becomes a double in JavaScript and money must stay exact.
 */
final class JsonBody {
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .registerModule(new SimpleModule("dashboard")
          .addSerializer(BigDecimal.class, new JsonSerializer<>() {
            @Override
            public void serialize(BigDecimal value, JsonGenerator out, SerializerProvider provider) throws IOException {
              out.writeString(value.toPlainString());
            }
          })
          .addSerializer(Instant.class, new JsonSerializer<>() {
            @Override
            public void serialize(Instant value, JsonGenerator out, SerializerProvider provider) throws IOException {
              out.writeString(value.toString());
            }
          }));

  private JsonBody() {}

  static byte[] of(Object value) throws JsonProcessingException {
    return MAPPER.writeValueAsBytes(value);
  }
}
