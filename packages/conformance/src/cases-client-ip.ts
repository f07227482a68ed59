import { MINIMAL_ROUTES } from "./cases-body.js";
import type { ConformanceCase, RequestSpec } from "./types.js";

const QUIET = ["WARN_IP_UNTRUSTED_FORWARDED_HEADER", "WARN_IP_MIXED_FORWARDED_HEADERS"];

function echoFrom(headers: readonly (readonly [string, string])[]): RequestSpec {
  return {
    method: "POST",
    path: "/api/items",
    headers: [["Content-Type", "application/json"], ...headers],
    body: "{}",
  };
}

function echoing(clientIp: string) {
  return { status: 200, json: { body: {}, files: [], clientIp } };
}

/** Cases for client IP resolution: forwarding headers with and without a trusted proxy. */
export const CLIENT_IP_CASES: readonly ConformanceCase[] = [
  {
    name: "ignores X-Forwarded-For from untrusted peers",
    setup: { options: { disabledWarnings: QUIET }, routes: MINIMAL_ROUTES },
    steps: [
      { request: echoFrom([["X-Forwarded-For", "203.0.113.9"]]), expect: echoing("127.0.0.1") },
      { request: echoFrom([["Forwarded", "for=203.0.113.9"]]), expect: echoing("127.0.0.1") },
      { request: echoFrom([["X-Real-IP", "203.0.113.9"]]), expect: echoing("127.0.0.1") },
    ],
  },
  {
    name: "reads X-Forwarded-For from trusted proxies",
    setup: {
      options: { clientIp: { trustProxy: "loopback" }, disabledWarnings: QUIET },
      routes: MINIMAL_ROUTES,
    },
    steps: [
      { request: echoFrom([["X-Forwarded-For", "203.0.113.9"]]), expect: echoing("203.0.113.9") },
      {
        // The client wrote the leftmost entry itself; the proxy appended what it saw.
        request: echoFrom([["X-Forwarded-For", "6.6.6.6, 203.0.113.9"]]),
        expect: echoing("203.0.113.9"),
      },
      {
        request: echoFrom([["X-Forwarded-For", "2001:DB8:0:0::7"]]),
        expect: echoing("2001:db8::7"),
      },
      { request: echoFrom([["X-Forwarded-For", "not-an-ip"]]), expect: echoing("127.0.0.1") },
      { request: echoFrom([]), expect: echoing("127.0.0.1") },
    ],
  },
  {
    name: "trusts only the configured proxies",
    setup: {
      options: { clientIp: { trustProxy: ["10.0.0.0/8"] }, disabledWarnings: QUIET },
      routes: MINIMAL_ROUTES,
    },
    steps: [
      { request: echoFrom([["X-Forwarded-For", "203.0.113.9"]]), expect: echoing("127.0.0.1") },
    ],
  },
];
