/**
 * The network as math, with no Spark, files or command line: specs that infer shapes and lay parameters out in one
 * flat vector, and networks bound to an engine of one {@link io.dpnet.nn.Precision} that run forward and backward over
 * whole mini-batches through BLAS, reusing buffers.
 */
package io.dpnet.nn;
