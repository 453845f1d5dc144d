package com.salesanalytics.io.bigquery;

import com.google.api.services.bigquery.model.TableReference;
import com.salesanalytics.io.SalesTable;
import java.io.Serializable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The dataset that holds the sales tables, given as {@code PROJECT:DATASET} or {@code PROJECT.DATASET}. */
public record BigQueryTarget(String project, String dataset) implements Serializable {
  /**
   * PROJECT:DATASET or PROJECT.DATASET. Project ids: 6-30 chars (optionally domain-scoped); dataset
   * ids: letters, digits, underscores. Also the template parameter's regex.
   */
  public static final String SPEC_REGEX =
      "((?:[a-z][a-z0-9.-]*:)?[a-z][a-z0-9-]{4,28}[a-z0-9])[:.]([A-Za-z0-9_]{1,1024})";
  public static final Pattern FORMAT = Pattern.compile(SPEC_REGEX);

  public static BigQueryTarget parse(String spec) {
    Matcher m = FORMAT.matcher(spec == null ? "" : spec.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException("expected PROJECT:DATASET (e.g. my-project:sales_data), got '" + spec + "'");
    }
    return new BigQueryTarget(m.group(1), m.group(2));
  }

  public TableReference table(String tableName) {
    return new TableReference().setProjectId(project).setDatasetId(dataset).setTableId(tableName);
  }

  public TableReference table(SalesTable table) {
    return table(table.tableName());
  }

  /** The table's name in GoogleSQL, back-quoted. */
  public String sqlName(String tableName) {
    return "`" + project + "." + dataset + "." + tableName + "`";
  }
}
