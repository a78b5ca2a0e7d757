package io.dpnet.cli;

import io.dpnet.model.OutputFiles;
import io.dpnet.train.EpochReport;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.LookupPaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** PNG charts drawn with JFreeChart: training curves for {@code train --plot}, the confusion matrix for evaluate. */
final class Charts {
    private static final int WIDTH = 900;
    private static final int HEIGHT = 700;

    private Charts() {
    }

    /**
     * Loss (top) and accuracy (bottom) per epoch: on the training batches, and on the test and validation sets where
     * there are.
     */
    static void writeTrainingCurves(List<EpochReport> history, String uri, Configuration conf) throws IOException {
        XYSeries trainLoss = new XYSeries("train loss (running mean)");
        XYSeries testLoss = new XYSeries("test loss");
        XYSeries validationLoss = new XYSeries("validation loss");
        XYSeries trainAccuracy = new XYSeries("train accuracy (running mean)");
        XYSeries testAccuracy = new XYSeries("test accuracy");
        XYSeries validationAccuracy = new XYSeries("validation accuracy");
        for (EpochReport r : history) {
            trainLoss.add(r.epoch(), r.loss());
            trainAccuracy.add(r.epoch(), 100 * r.trainAccuracy());
            if (!Double.isNaN(r.testAccuracy())) {
                testLoss.add(r.epoch(), r.testLoss());
                testAccuracy.add(r.epoch(), 100 * r.testAccuracy());
            }
            if (!Double.isNaN(r.validationAccuracy())) {
                validationLoss.add(r.epoch(), r.validationLoss());
                validationAccuracy.add(r.epoch(), 100 * r.validationAccuracy());
            }
        }
        NumberAxis epochs = new NumberAxis("epoch");
        epochs.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(epochs);
        plot.add(linePlot("loss", trainLoss, testLoss, validationLoss), 1);
        plot.add(linePlot("accuracy (%)", trainAccuracy, testAccuracy, validationAccuracy), 1);
        write(new JFreeChart("Training", JFreeChart.DEFAULT_TITLE_FONT, plot, true), uri, conf);
    }

    /** Training, test and validation series, the last two only when they hold points. */
    private static XYPlot linePlot(String label, XYSeries train, XYSeries test, XYSeries validation) {
        XYSeriesCollection series = new XYSeriesCollection(train);
        // The same colour for the same data set in both panels: training batches orange, test blue, validation green.
        List<Color> colours = new ArrayList<>(List.of(new Color(0xE6, 0x7E, 0x22)));
        if (test.getItemCount() > 0) {
            series.addSeries(test);
            colours.add(new Color(0x1F, 0x5F, 0xBF));
        }
        if (validation.getItemCount() > 0) {
            series.addSeries(validation);
            colours.add(new Color(0x2E, 0x8B, 0x57));
        }
        NumberAxis axis = new NumberAxis(label);
        axis.setAutoRangeIncludesZero(false);
        XYLineAndShapeRenderer lines = new XYLineAndShapeRenderer(true, true);
        for (int i = 0; i < colours.size(); i++) {
            lines.setSeriesPaint(i, colours.get(i));
        }
        XYPlot plot = new XYPlot(series, null, axis, lines);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        return plot;
    }

    /** The confusion matrix as a heat map, true class down and predicted class across, each cell with its count. */
    static void writeConfusionMatrix(long[][] matrix, String uri, Configuration conf) throws IOException {
        int classes = matrix.length;
        double[][] cells = new double[3][classes * classes];
        long max = 1;
        for (long[] row : matrix) {
            for (long v : row) {
                max = Math.max(max, v);
            }
        }
        String[] names = new String[classes];
        for (int t = 0; t < classes; t++) {
            names[t] = Integer.toString(t);
            for (int p = 0; p < classes; p++) {
                int i = t * classes + p;
                cells[0][i] = p;
                cells[1][i] = t;
                // A log scale, so that the few errors show beside the many correct answers.
                cells[2][i] = Math.log1p(matrix[t][p]) / Math.log1p(max);
            }
        }
        DefaultXYZDataset data = new DefaultXYZDataset();
        data.addSeries("count", cells);
        SymbolAxis predicted = new SymbolAxis("predicted class", names);
        SymbolAxis actual = new SymbolAxis("true class", names);
        actual.setInverted(true);
        XYBlockRenderer renderer = new XYBlockRenderer();
        LookupPaintScale scale = new LookupPaintScale(0, 1.0001, Color.WHITE);
        for (int k = 0; k <= 20; k++) {
            float shade = 1f - 0.8f * k / 20f;
            scale.add(k / 20.0, new Color(shade, shade, 1f));
        }
        renderer.setPaintScale(scale);
        XYPlot plot = new XYPlot(data, predicted, actual, renderer);
        Font font = new Font(Font.SANS_SERIF, Font.PLAIN, classes > 20 ? 8 : 12);
        for (int t = 0; t < classes; t++) {
            for (int p = 0; p < classes; p++) {
                XYTextAnnotation count = new XYTextAnnotation(Long.toString(matrix[t][p]), p, t);
                count.setFont(font);
                plot.addAnnotation(count);
            }
        }
        JFreeChart chart = new JFreeChart("Confusion matrix", JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        NumberAxis shadeAxis = new NumberAxis("log(1 + count), relative");
        PaintScaleLegend legend = new PaintScaleLegend(scale, shadeAxis);
        legend.setPosition(RectangleEdge.RIGHT);
        chart.addSubtitle(legend);
        write(chart, uri, conf);
    }

    private static void write(JFreeChart chart, String uri, Configuration conf) throws IOException {
        // Charts are drawn off-screen: a display must not be needed, on a cluster's driver least of all.
        System.setProperty("java.awt.headless", "true");
        chart.setBackgroundPaint(Color.WHITE);
        OutputFiles.writeAtomically(uri, conf, true, out -> ChartUtils.writeChartAsPNG(out, chart, WIDTH, HEIGHT));
    }
}
