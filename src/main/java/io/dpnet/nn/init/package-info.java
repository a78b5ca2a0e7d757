/** Weight initializers (Xavier, He, small Gaussian, uniform), seeded for reproducible runs. */
package io.dpnet.nn.init;
