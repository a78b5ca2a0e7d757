/**
 * The engine that computes a network in float64, generated at build time from {@code io.dpnet.nn.f32}, whose source
 * is the one to read and edit (see its package comment). Only this file lives in src/main/java; the classes are in
 * target/generated-sources/f64.
 */
package io.dpnet.nn.f64;
