import type { IncomingMessage } from "node:http";

/** Most request body bytes read and thrown away after an error response, before the socket is closed. */
export const DISCARD_LIMIT_BYTES = 16 * 1024 * 1024;

/**
 * Reads and throws away the rest of a request body that an error response left unread, and
 * destroys the socket once more than `DISCARD_LIMIT_BYTES` arrive.
 *
 * Closing the socket at once would reset the connection while the client is still sending, and a
 * reset can make the client drop the error response it has not read yet. Reading on keeps the
 * response deliverable, and the cap keeps a client that never stops from holding the server.
 * Node would otherwise drain an untouched body with no cap at all.
 */
export function discardUnreadBody(req: IncomingMessage, limitBytes = DISCARD_LIMIT_BYTES): void {
  if (req.complete || req.destroyed) return;

  let discarded = 0;
  req.removeAllListeners("data");
  req.unpipe();
  req.on("data", (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > limitBytes) req.socket.destroy();
  });
  req.resume();
}
