/** Losses over class labels; the cross-entropies take logits and fuse their activation for stability. */
package io.dpnet.nn.loss;
