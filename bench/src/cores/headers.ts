// Compares the per-response work of @bulwark/headers with helmet 8's middleware: picking or
// building the header list and setting each header on a response. Both sides set headers on
// the same minimal response object, so neither pays for Node's ServerResponse.
import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { createSecurityHeaders } from "@bulwark/headers";
import helmet from "helmet";
import { compareThroughput, type RatioRow, toRatioRows } from "../harness.js";

interface FakeResponse {
  readonly headers: Map<string, string>;
  readonly locals: { cspNonce?: string };
  setHeader(name: string, value: string): void;
  removeHeader(name: string): void;
}

function createFakeResponse(): FakeResponse {
  const headers = new Map<string, string>();
  return {
    headers,
    locals: {},
    setHeader: (name, value) => headers.set(name.toLowerCase(), value),
    removeHeader: (name) => headers.delete(name.toLowerCase()),
  };
}

const request = { method: "GET", url: "/", headers: {} } as IncomingMessage;
const next = () => {};

function runHelmet(middleware: ReturnType<typeof helmet>, withNonce: boolean): () => void {
  return () => {
    const response = createFakeResponse();
    // helmet leaves nonce creation to the app, which usually does it in a middleware before it.
    if (withNonce) response.locals.cspNonce = randomBytes(16).toString("base64");
    middleware(request, response as unknown as ServerResponse, next);
  };
}

function runBulwark(builder: ReturnType<typeof createSecurityHeaders>): () => void {
  return () => {
    const response = createFakeResponse();
    const { headers } = builder.forResponse({ https: true });
    for (let index = 0; index < headers.length; index += 1) {
      const header = headers[index];
      if (header !== undefined) response.setHeader(header[0], header[1]);
    }
    for (const name of builder.removeHeaders) response.removeHeader(name);
  };
}

/** Runs both groups and returns their rows, helmet first as the baseline. */
export async function run(): Promise<RatioRow[]> {
  const options = { operations: 200_000, rounds: 5 };

  const plain = await compareThroughput(
    [
      { name: "helmet 8 defaults", run: runHelmet(helmet(), false) },
      {
        name: "bulwark strict, no nonce",
        run: runBulwark(
          createSecurityHeaders({ contentSecurityPolicy: { directives: { scriptSrc: ["self"] } } }),
        ),
      },
      { name: "bulwark guide", run: runBulwark(createSecurityHeaders({ preset: "guide" })) },
    ],
    options,
  );

  const nonceHelmet = helmet({
    contentSecurityPolicy: {
      directives: {
        scriptSrc: [
          "'self'",
          (_request, response) =>
            `'nonce-${(response as unknown as FakeResponse).locals.cspNonce}'`,
        ],
      },
    },
  });
  const nonce = await compareThroughput(
    [
      { name: "helmet 8, nonce directive", run: runHelmet(nonceHelmet, true) },
      { name: "bulwark strict, nonce", run: runBulwark(createSecurityHeaders()) },
    ],
    options,
  );

  return [
    ...toRatioRows("headers per response", plain),
    ...toRatioRows("headers with nonce", nonce),
  ];
}
