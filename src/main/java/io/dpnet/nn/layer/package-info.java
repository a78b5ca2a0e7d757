/**
 * Layer specs and their bound layers. A bound layer reads its slice of the flat parameters, and in backward adds its
 * parameter gradients into the same slice of the flat gradient.
 */
package io.dpnet.nn.layer;
