/**
 * Optimizers that turn a mean gradient into an update of the flat parameters (SGD with L2 and momentum, Adam), their
 * state for checkpoints, and learning-rate schedules.
 */
package io.dpnet.nn.optim;
