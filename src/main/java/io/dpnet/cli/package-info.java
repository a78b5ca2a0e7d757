/**
 * The command line ({@code train}, {@code evaluate}, {@code predict}): parses options, loads recipes and data, wires
 * the trainer to Spark, and reports progress, metrics and errors. Nothing below depends on it.
 */
package io.dpnet.cli;
