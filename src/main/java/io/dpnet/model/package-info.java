/**
 * Model files and training checkpoints through the Hadoop FileSystem API, in a versioned, checksummed, data-only
 * format (never Java serialization), each written to a temporary name and renamed into place.
 */
package io.dpnet.model;
