import type { StackSettings, UploadedFile } from "@bulwark/core";
import type { Request } from "express";

declare global {
  namespace Express {
    interface Request {
      /** Client address as the stack resolved it; undefined when no address is known. */
      clientIp?: string | undefined;
      /** Id of this request, for logs and audit entries. */
      requestId?: string;
      /** Files of a multipart body, held in memory. */
      files?: readonly UploadedFile[];
    }
  }
}

const STATE = Symbol.for("@bulwark/express.state");

/** Per-request state that `bulwark(options)` leaves for the middleware that runs after it. */
export interface RequestState {
  readonly settings: StackSettings;
}

/** Stores the stack state on a request. */
export function setRequestState(req: Request, state: RequestState): void {
  (req as unknown as Record<symbol, RequestState>)[STATE] = state;
}

/** Returns the stack state of a request, or undefined when `bulwark(options)` did not run. */
export function getRequestState(req: Request): RequestState | undefined {
  return (req as unknown as Record<symbol, RequestState | undefined>)[STATE];
}
