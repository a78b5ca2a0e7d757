/**
 * Layer specs: what each layer is (its shapes, its parameters' count, layout and initialization), apart from the code
 * that computes it, which the engines bind ({@code io.dpnet.nn.f32}, {@code io.dpnet.nn.f64}).
 */
package io.dpnet.nn.layer;
