/**
 * Labelled data from any Hadoop file system: readers (MNIST IDX, CSV, LIBSVM, the bundled MNIST subset) into flat
 * {@link DataBlock}s, and sharded IDX sets (a manifest and shard files, as {@code generate} writes them) read whole or
 * streamed. Malformed input fails at read time with an {@link InvalidDataException} whose one-line message names the
 * file, the line and the problem; {@link DataCheck} checks data against a network.
 */
package io.dpnet.data;
