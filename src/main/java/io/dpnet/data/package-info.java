/**
 * Reads labelled data (MNIST IDX, CSV, LIBSVM) from any Hadoop file system, or the bundled MNIST subset, into flat
 * {@link DataBlock}s. Malformed input fails at read time with an {@link InvalidDataException} whose
 * one-line message names the file, the line and the problem; {@link DataCheck} checks data against a network.
 */
package io.dpnet.data;
