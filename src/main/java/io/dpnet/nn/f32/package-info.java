/**
 * The engine that computes a network in float32: bound layers over whole mini-batches, losses and the network's
 * buffers. This source is the one to read and edit: the build generates its float64 twin, {@code io.dpnet.nn.f64},
 * from it (pom.xml, "engine-f64"), replacing {@code float} by {@code double} and dropping the {@code f} of literals. So
 * write values that must stay double (sums of losses) as {@code double}, cast results of {@code Math} to
 * {@code (float)}, and reach bit tricks through {@code BranchFree}'s overloads.
 */
package io.dpnet.nn.f32;
