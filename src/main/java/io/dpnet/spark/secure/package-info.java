/**
 * Authentication, and encryption if asked, of one TCP connection of the barrier exchange, with the JDK's HMAC-SHA256
 * and AES-GCM alone. {@code LinkSecurity.fromSpark} follows the application: its secret when {@code spark.authenticate}
 * is on (salted with the session's token), the session's token otherwise; encrypted when Spark encrypts its RPC or has
 * SSL on. Neither key nor token ever crosses the wire. Unencrypted, a link is proven at its start only: the bytes after
 * the handshake are the socket's own, readable and, by someone who can inject into the TCP stream, alterable, as
 * Spark's own RPC is with authentication alone.
 *
 * <p>Keys. root = HKDF-Extract(salt, key), where the salt is the session's token when the key is the application's
 * secret and empty otherwise; kAuth = HKDF-Expand(root, "dpnet exchange v1 authentication"), kEnc = HKDF-Expand(root,
 * "dpnet exchange v1 encryption"), 32 bytes each.
 *
 * <p>Handshake (L is the label's UTF-8 after its 4-byte length; Nc, Ns 32 random bytes each):
 * <ol>
 *   <li>client to server: "DPNX", version 1, mode (0 plain, 1 encrypted), Nc. The server refuses wrong magic as soon
 *       as its 4 bytes are in, and another version or mode once the rest is.</li>
 *   <li>server to client: Ns.</li>
 *   <li>client to server: Pc = HMAC(kAuth, "client" | "DPNX" | version | mode | L | Nc | Ns). The server compares in
 *       constant time and hangs up on a mismatch.</li>
 *   <li>server to client: Ps = HMAC(kAuth, "server" | the same). The client compares in constant time.</li>
 * </ol>
 * The client proves itself first, unlike a server-first exchange: the listening port is open to anyone, and a server
 * that answered every greeting with a MAC would hand strangers a value to test guesses of a weak secret against. The
 * mode is inside the MACs, so nobody between can talk the ends out of encryption. The role string keeps a proof from
 * being reflected back; the nonces keep one from being replayed. Each read waits only for what is left of the socket's
 * timeout as the handshake began, so a silent or trickling peer is dropped within that time.
 *
 * <p>Records (encrypted mode): prk = HKDF-Extract(Nc | Ns, kEnc); each direction's AES-256 key = HKDF-Expand(prk, L |
 * "c2s" or "s2c"). A record is a 4-byte big-endian length n, 16 &le; n &le; 64 KiB + 16, then AES-GCM ciphertext and
 * its 16-byte tag, the length header as associated data; record i of a direction has the IV 0x00000000 | i (8 bytes
 * big-endian), and the counter never wraps. A length out of bounds is refused before its body is read; a record
 * tampered with, reordered, replayed or cut short is an IOException. The stream may end only between records; the
 * exchange's own framing tells a premature end from a finished one.
 */
package io.dpnet.spark.secure;
