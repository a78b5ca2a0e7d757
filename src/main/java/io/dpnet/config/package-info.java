/**
 * Recipes: a network and its training declared in HOCON files, over defaults that live in {@code conf/defaults.conf}
 * and in the jar.
 */
package io.dpnet.config;
