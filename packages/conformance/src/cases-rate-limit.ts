import { MINIMAL_ROUTES } from "./cases-body.js";
import type { ConformanceCase, ConformanceStep, RouteSpec } from "./types.js";

/** The 429 message of the `auth` policy. */
export const AUTH_LIMIT_MESSAGE = "Too many login attempts, please try again after 15 minutes.";

/** Routes of the rate-limit cases: the minimal routes plus a login, a health and an export route. */
export const RATE_LIMIT_ROUTES: readonly RouteSpec[] = [
  ...MINIMAL_ROUTES,
  { method: "POST", path: "/api/auth/login", behaviour: "ok", rateLimit: "auth" },
  { method: "GET", path: "/api/health", behaviour: "ok" },
  { method: "POST", path: "/api/exports", behaviour: "ok", rateLimit: ["expensive", "write"] },
];

const QUIET = ["WARN_IP_UNTRUSTED_FORWARDED_HEADER"];
const SECONDS = /^[1-9][0-9]*$/;

function login(): ConformanceStep["request"] {
  return {
    method: "POST",
    path: "/api/auth/login",
    headers: [["Content-Type", "application/json"]],
    body: '{"username":"alice","password":"wrong"}',
  };
}

function get(path: string, headers: readonly (readonly [string, string])[] = []) {
  return { method: "GET", path, headers };
}

function allowed(remaining: number, limit: number): ConformanceStep["expect"] {
  return {
    status: 200,
    headers: {
      "ratelimit-limit": String(limit),
      "ratelimit-remaining": String(remaining),
      "ratelimit-reset": SECONDS,
      "retry-after": undefined,
    },
  };
}

function limited(limit: number, message?: string): ConformanceStep["expect"] {
  return {
    status: 429,
    code: "RATE_LIMITED",
    headers: {
      "retry-after": SECONDS,
      "ratelimit-limit": String(limit),
      "ratelimit-remaining": "0",
    },
    ...(message === undefined ? {} : { json: { message, code: "RATE_LIMITED" } }),
  };
}

/** Cases for the stack and route limiters, client keys and 429 responses. */
export const RATE_LIMIT_CASES: readonly ConformanceCase[] = [
  {
    name: "limits login to five attempts",
    setup: { options: {}, routes: RATE_LIMIT_ROUTES },
    steps: [
      ...[4, 3, 2, 1, 0].map((remaining) => ({ request: login(), expect: allowed(remaining, 5) })),
      { request: login(), expect: limited(5, AUTH_LIMIT_MESSAGE) },
      { request: login(), expect: limited(5, AUTH_LIMIT_MESSAGE) },
    ],
  },
  {
    name: "limits API and write requests",
    setup: {
      options: { rateLimit: { policies: { api: { points: 3 }, write: { points: 1 } } } },
      routes: RATE_LIMIT_ROUTES,
    },
    steps: [
      { request: get("/api/items"), expect: allowed(2, 3) },
      {
        request: {
          method: "POST",
          path: "/api/items",
          headers: [["Content-Type", "application/json"]],
          body: "{}",
        },
        expect: allowed(0, 1),
      },
      {
        // The API policy comes first and spends its last point; then the write policy rejects.
        request: {
          method: "POST",
          path: "/api/items",
          headers: [["Content-Type", "application/json"]],
          body: "{}",
        },
        expect: limited(1),
      },
      { request: get("/api/items"), expect: limited(3) },
      { request: get("/api/nothing"), expect: limited(3) },
      {
        request: { method: "OPTIONS", path: "/api/items" },
        expect: { status: 404, code: "NOT_FOUND" },
      },
    ],
  },
  {
    name: "rejects before reading the body",
    setup: {
      options: { rateLimit: { policies: { write: { points: 1 } } } },
      routes: RATE_LIMIT_ROUTES,
    },
    steps: [
      {
        request: {
          method: "POST",
          path: "/api/items",
          headers: [["Content-Type", "application/json"]],
          body: "{}",
        },
        expect: { status: 200 },
      },
      {
        request: {
          method: "POST",
          path: "/api/items",
          headers: [["Content-Type", "text/plain"]],
          body: "x",
        },
        expect: limited(1),
      },
    ],
  },
  {
    name: "leaves excluded and outside paths alone",
    setup: {
      options: {
        rateLimit: { policies: { api: { points: 1 } } },
        stackLimits: { excludePaths: ["/api/health"] },
      },
      routes: RATE_LIMIT_ROUTES,
    },
    steps: [
      {
        request: get("/api/health"),
        expect: { status: 200, headers: { "ratelimit-limit": undefined } },
      },
      { request: get("/api/health"), expect: { status: 200 } },
      { request: get("/api/items"), expect: allowed(0, 1) },
      {
        request: get("/outside"),
        expect: { status: 404, headers: { "ratelimit-limit": undefined } },
      },
    ],
  },
  {
    name: "counts every spelling of a path",
    setup: {
      options: { rateLimit: { policies: { api: { points: 3 } } } },
      routes: RATE_LIMIT_ROUTES,
    },
    steps: [
      {
        request: get("/API/items"),
        expect: { status: 404, headers: { "ratelimit-remaining": "2" } },
      },
      {
        request: get("/api//items/"),
        expect: { status: 404, headers: { "ratelimit-remaining": "1" } },
      },
      { request: get("/api/items"), expect: allowed(0, 3) },
      { request: get("/api/items"), expect: limited(3) },
    ],
  },
  {
    name: "stacks route and stack limiters",
    setup: {
      options: { rateLimit: { policies: { expensive: { points: 2 }, write: { points: 10 } } } },
      routes: RATE_LIMIT_ROUTES,
    },
    steps: [
      { request: { method: "POST", path: "/api/exports" }, expect: allowed(1, 2) },
      { request: { method: "POST", path: "/api/exports" }, expect: allowed(0, 2) },
      { request: { method: "POST", path: "/api/exports" }, expect: limited(2) },
    ],
  },
  {
    name: "ignores spoofed X-Forwarded-For when limiting",
    setup: {
      options: { rateLimit: { policies: { api: { points: 1 } } }, disabledWarnings: QUIET },
      routes: RATE_LIMIT_ROUTES,
    },
    steps: [
      { request: get("/api/items", [["X-Forwarded-For", "198.51.100.1"]]), expect: allowed(0, 1) },
      { request: get("/api/items", [["X-Forwarded-For", "198.51.100.2"]]), expect: limited(1) },
    ],
  },
  {
    name: "keys clients behind a trusted proxy",
    setup: {
      options: {
        clientIp: { trustProxy: "loopback" },
        rateLimit: { policies: { api: { points: 1 } } },
      },
      routes: RATE_LIMIT_ROUTES,
    },
    steps: [
      { request: get("/api/items", [["X-Forwarded-For", "198.51.100.1"]]), expect: allowed(0, 1) },
      { request: get("/api/items", [["X-Forwarded-For", "198.51.100.2"]]), expect: allowed(0, 1) },
      {
        request: get("/api/items", [["X-Forwarded-For", "6.6.6.6, 198.51.100.1"]]),
        expect: limited(1),
      },
    ],
  },
  {
    name: "keys IPv6 clients by subnet",
    setup: {
      options: {
        clientIp: { trustProxy: "loopback" },
        rateLimit: { policies: { api: { points: 2 } } },
      },
      routes: RATE_LIMIT_ROUTES,
    },
    steps: [
      {
        request: get("/api/items", [["X-Forwarded-For", "2001:db8:0:1::1"]]),
        expect: allowed(1, 2),
      },
      {
        request: get("/api/items", [["X-Forwarded-For", "2001:db8:0:1:ffff::2"]]),
        expect: allowed(0, 2),
      },
      { request: get("/api/items", [["X-Forwarded-For", "2001:db8:0:1::3"]]), expect: limited(2) },
      {
        request: get("/api/items", [["X-Forwarded-For", "2001:db8:0:2::1"]]),
        expect: allowed(1, 2),
      },
    ],
  },
];
