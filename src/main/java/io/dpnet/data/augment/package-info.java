/**
 * Seeded, reproducible distortion of 8-bit grayscale digit images (random affine transforms and elastic
 * distortions) to generate training sets of any size. {@link io.dpnet.data.augment.Augmenter} makes generated sample
 * i from (seed, i, source image) alone, so a set generated across partitions equals one generated in a single loop.
 */
package io.dpnet.data.augment;
