import { MINIMAL_ROUTES } from "./cases-body.js";
import type { ConformanceCase } from "./types.js";

/** The CSP of the reference CRM apps, from the `guide` preset of @bulwark/headers. */
export const GUIDE_CSP =
  "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data: https:; font-src 'self' data:; connect-src 'self'";

const GUIDE_HEADERS = {
  "content-security-policy": GUIDE_CSP,
  "x-frame-options": "DENY",
  "x-content-type-options": "nosniff",
  "x-xss-protection": "1; mode=block",
  "referrer-policy": "strict-origin-when-cross-origin",
  "strict-transport-security": undefined,
};

/** Cases for security headers: presets, errors, HSTS behind a trusted HTTPS proxy. */
export const HEADER_CASES: readonly ConformanceCase[] = [
  {
    name: "sets the guide headers everywhere",
    setup: { options: { securityHeaders: { preset: "guide" } }, routes: MINIMAL_ROUTES },
    steps: [
      {
        request: { method: "GET", path: "/api/items" },
        expect: { status: 200, headers: GUIDE_HEADERS },
      },
      {
        request: { method: "GET", path: "/api/nothing" },
        expect: { status: 404, headers: GUIDE_HEADERS },
      },
      {
        request: { method: "GET", path: "/api/boom" },
        expect: { status: 500, headers: GUIDE_HEADERS },
      },
      {
        request: { method: "HEAD", path: "/api/items" },
        expect: { status: 200, headers: GUIDE_HEADERS },
      },
      {
        request: {
          method: "POST",
          path: "/api/items",
          headers: [["Content-Type", "application/json"]],
          body: "{",
        },
        expect: { status: 400, code: "MALFORMED_JSON", headers: GUIDE_HEADERS },
      },
    ],
  },
  {
    name: "sends a fresh CSP nonce by default",
    setup: { options: {}, routes: MINIMAL_ROUTES },
    steps: [{ request: { method: "GET", path: "/api/items" }, expect: { status: 200 } }],
  },
  {
    name: "sends HSTS behind a trusted HTTPS proxy",
    setup: {
      options: { clientIp: { trustProxy: "loopback" }, securityHeaders: { preset: "guide" } },
      routes: MINIMAL_ROUTES,
    },
    steps: [
      {
        request: { method: "GET", path: "/api/items", headers: [["X-Forwarded-Proto", "https"]] },
        expect: {
          status: 200,
          headers: { "strict-transport-security": "max-age=31536000; includeSubDomains" },
        },
      },
      {
        request: { method: "GET", path: "/api/items" },
        expect: { status: 200, headers: { "strict-transport-security": undefined } },
      },
    ],
  },
  {
    name: "ignores X-Forwarded-Proto from untrusted peers",
    setup: { options: { securityHeaders: { preset: "guide" } }, routes: MINIMAL_ROUTES },
    steps: [
      {
        request: { method: "GET", path: "/api/items", headers: [["X-Forwarded-Proto", "https"]] },
        expect: { status: 200, headers: { "strict-transport-security": undefined } },
      },
    ],
  },
  {
    name: "can turn security headers off",
    setup: { options: { securityHeaders: false }, routes: MINIMAL_ROUTES },
    steps: [
      {
        request: { method: "GET", path: "/api/items" },
        expect: {
          status: 200,
          headers: { "content-security-policy": undefined, "x-frame-options": undefined },
        },
      },
    ],
  },
];
