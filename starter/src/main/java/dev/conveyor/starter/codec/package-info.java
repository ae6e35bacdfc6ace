/**
 * Payload encryption in the starter: the data converter of its Temporal client, and the codec
 * server the Temporal UI and the {@code temporal} CLI call to read encrypted payloads ({@code POST
 * /codec/encode} and {@code /codec/decode}). It may touch the client module's codec and the
 * starter's settings; who may call the endpoint is the security package's concern.
 */
package dev.conveyor.starter.codec;
