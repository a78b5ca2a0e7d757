package io.dpnet.spark.secure;

import java.io.InputStream;
import java.io.OutputStream;

/**
 * A connection's streams once its handshake is done: the socket's own when the link does not encrypt, sealed records
 * when it does. Neither buffers for the caller, who wraps them as it would the socket's; closing either closes the
 * socket.
 */
public record SecureStreams(InputStream in, OutputStream out) {
}
