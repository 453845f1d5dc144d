package com.salesanalytics.local;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** A PNG of a demo run from its progress lines: events/s in and stored (left), freshness p50/p99 (right). */
final class DemoChart {
  private DemoChart() {}

  static void write(List<DemoProcess.Progress> lines, String title, Path png) throws IOException {
    XYChart chart = new XYChartBuilder().width(1000).height(520).title(title)
        .xAxisTitle("seconds since the pipeline started").yAxisTitle("events/s").build();
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    chart.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
    chart.setYAxisGroupTitle(1, "freshness, s (creation -> row visible)");

    List<Double> at = new ArrayList<>();
    List<Double> in = new ArrayList<>();
    List<Double> stored = new ArrayList<>();
    List<Double> p50At = new ArrayList<>();
    List<Double> p50 = new ArrayList<>();
    List<Double> p99 = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      DemoProcess.Progress before = lines.get(i - 1);
      DemoProcess.Progress now = lines.get(i);
      double seconds = now.seconds() - before.seconds();
      if (seconds <= 0) {
        continue;
      }
      at.add((double) now.seconds());
      in.add((now.eventsIn() - before.eventsIn()) / seconds);
      stored.add((now.cleanedBranchDone() - before.cleanedBranchDone()) / seconds);
      if (!Double.isNaN(now.freshP99())) {
        p50At.add((double) now.seconds());
        p50.add(now.freshP50());
        p99.add(now.freshP99());
      }
    }
    if (at.isEmpty()) {
      throw new IOException("too few progress lines to draw");
    }
    series(chart, "events in /s", at, in, 0, new Color(0x1f77b4));
    series(chart, "clean outcomes stored /s", at, stored, 0, new Color(0x2ca02c));
    if (!p50At.isEmpty()) {
      series(chart, "freshness p50", p50At, p50, 1, new Color(0xff7f0e));
      series(chart, "freshness p99", p50At, p99, 1, new Color(0xd62728));
    }
    Files.createDirectories(png.toAbsolutePath().getParent());
    BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
  }

  private static void series(XYChart chart, String name, List<Double> x, List<Double> y, int axis, Color color) {
    XYSeries series = chart.addSeries(name, x, y);
    series.setYAxisGroup(axis);
    series.setMarker(SeriesMarkers.NONE);
    series.setLineColor(color);
  }
}
