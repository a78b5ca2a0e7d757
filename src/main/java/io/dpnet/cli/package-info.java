/**
 * The command line ({@code train}, {@code evaluate}, {@code predict}, {@code summary}, {@code generate},
 * {@code export}): parses options, loads recipes and data, hands them to the Spark entry point, and reports progress,
 * metrics, charts and errors. Nothing below depends on it.
 */
package io.dpnet.cli;
