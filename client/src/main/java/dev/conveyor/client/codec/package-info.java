/**
 * Encryption of Temporal payloads: an AES-GCM {@link io.temporal.payload.codec.PayloadCodec} with
 * named keys, and the data converter every Conveyor client and worker uses. It may touch the
 * workflows module's data converter, the Temporal SDK and the JDK's cryptography only; it never
 * logs a key.
 */
package dev.conveyor.client.codec;
