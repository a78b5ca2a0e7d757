/**
 * Saving and loading trained models through the Hadoop FileSystem API, in a versioned, checksummed, data-only
 * format (never Java serialization).
 */
package io.dpnet.model;
