import type { AppSetup, ConformanceCase, RequestSpec, RouteSpec } from "./types.js";

/** Routes of the minimal app that the body and error cases run against. */
export const MINIMAL_ROUTES: readonly RouteSpec[] = [
  { method: "GET", path: "/api/items", behaviour: "ok" },
  { method: "POST", path: "/api/items", behaviour: "echo" },
  { method: "PUT", path: "/api/items/:id", behaviour: "echo" },
  { method: "DELETE", path: "/api/items/:id", behaviour: "echo" },
  { method: "GET", path: "/api/boom", behaviour: "throw" },
];

const MINIMAL: AppSetup = { options: {}, routes: MINIMAL_ROUTES };
const ECHO_OF = (body: unknown) => ({ body, files: [], clientIp: "127.0.0.1" });

function postJson(body: string, contentType = "application/json"): RequestSpec {
  return { method: "POST", path: "/api/items", headers: [["Content-Type", contentType]], body };
}

function multipartBody(boundary: string): string {
  return [
    `--${boundary}`,
    'Content-Disposition: form-data; name="name"',
    "",
    "Ada",
    `--${boundary}`,
    'Content-Disposition: form-data; name="file"; filename="notes.txt"',
    "Content-Type: text/plain",
    "",
    "hello",
    `--${boundary}--`,
    "",
  ].join("\r\n");
}

const ACCEPTED_JSON_TYPES = [
  "application/json",
  "Application/JSON",
  "application/json; charset=utf-8",
  "application/json;charset=UTF-8",
  "application/json ; charset=utf-8",
  'application/json; charset="utf-8"',
  "application/vnd.api+json",
  "application/problem+json; charset=utf-8",
];

const REJECTED_TYPES: readonly [contentType: string, status: number, code: string][] = [
  ["text/plain", 415, "UNSUPPORTED_MEDIA_TYPE"],
  ["text/json", 415, "UNSUPPORTED_MEDIA_TYPE"],
  ["application/jsonp", 415, "UNSUPPORTED_MEDIA_TYPE"],
  ["application/xml", 415, "UNSUPPORTED_MEDIA_TYPE"],
  ["application/json; charset=latin1", 415, "UNSUPPORTED_MEDIA_TYPE"],
  ["application/json, text/plain", 400, "BAD_REQUEST"],
  ["json", 400, "BAD_REQUEST"],
  ["application/json; charset", 400, "BAD_REQUEST"],
];

/** Cases for body parsing, limits, media types and encodings. */
export const BODY_CASES: readonly ConformanceCase[] = [
  {
    name: "parses a JSON body",
    setup: MINIMAL,
    steps: [
      {
        request: postJson('{"name":"Ada","tags":["a"]}'),
        expect: { status: 200, json: ECHO_OF({ name: "Ada", tags: ["a"] }) },
      },
    ],
  },
  {
    name: "parses JSON media type variants",
    setup: MINIMAL,
    steps: ACCEPTED_JSON_TYPES.map((contentType) => ({
      request: postJson('{"n":1}', contentType),
      expect: { status: 200, json: ECHO_OF({ n: 1 }) },
    })),
  },
  {
    name: "rejects unsupported media types",
    setup: MINIMAL,
    steps: REJECTED_TYPES.map(([contentType, status, code]) => ({
      request: postJson('{"n":1}', contentType),
      expect: { status, code },
    })),
  },
  {
    name: "rejects duplicate Content-Type lines",
    setup: MINIMAL,
    steps: [
      {
        request: {
          method: "POST",
          path: "/api/items",
          headers: [
            ["Content-Type", "application/json"],
            ["Content-Type", "text/plain"],
          ],
          body: '{"n":1}',
        },
        expect: { status: 400, code: "BAD_REQUEST" },
      },
    ],
  },
  {
    name: "rejects a body without Content-Type",
    setup: MINIMAL,
    steps: [
      {
        request: { method: "POST", path: "/api/items", body: '{"n":1}' },
        expect: { status: 415, code: "UNSUPPORTED_MEDIA_TYPE" },
      },
      {
        request: { method: "DELETE", path: "/api/items/7", body: '{"n":1}' },
        expect: { status: 415, code: "UNSUPPORTED_MEDIA_TYPE" },
      },
    ],
  },
  {
    name: "refuses compressed bodies",
    setup: MINIMAL,
    steps: ["gzip", "deflate", "br", "GZIP", "identity, gzip"].map((coding) => ({
      request: {
        method: "POST",
        path: "/api/items",
        headers: [
          ["Content-Type", "application/json"],
          ["Content-Encoding", coding],
        ],
        body: '{"n":1}',
      },
      expect: { status: 415, code: "UNSUPPORTED_MEDIA_TYPE" },
    })),
  },
  {
    name: "accepts identity Content-Encoding",
    setup: MINIMAL,
    steps: [
      {
        request: {
          method: "POST",
          path: "/api/items",
          headers: [
            ["Content-Type", "application/json"],
            ["Content-Encoding", "identity"],
          ],
          body: '{"n":1}',
        },
        expect: { status: 200, json: ECHO_OF({ n: 1 }) },
      },
    ],
  },
  {
    name: "rejects malformed JSON",
    setup: MINIMAL,
    steps: ['{"name":', "{'a':1}", "[1,]", "\u0000"].map((body) => ({
      request: postJson(body),
      expect: { status: 400, code: "MALFORMED_JSON" },
    })),
  },
  {
    name: "rejects prototype keys in JSON",
    setup: MINIMAL,
    steps: ['{"__proto__":{"admin":true}}', '{"a":{"constructor":{"prototype":{"x":1}}}}'].map(
      (body) => ({ request: postJson(body), expect: { status: 400, code: "BAD_REQUEST" } }),
    ),
  },
  {
    name: "parses JSON scalars and empty bodies",
    setup: MINIMAL,
    steps: [
      { request: postJson("42"), expect: { status: 200, json: ECHO_OF(42) } },
      { request: postJson(""), expect: { status: 200, json: ECHO_OF(null) } },
    ],
  },
  {
    name: "parses a chunked JSON body",
    setup: MINIMAL,
    steps: [
      {
        request: { ...postJson('{"name":"Ada Lovelace"}'), chunked: 5 },
        expect: { status: 200, json: ECHO_OF({ name: "Ada Lovelace" }) },
      },
    ],
  },
  {
    name: "parses a urlencoded body",
    setup: MINIMAL,
    steps: [
      {
        request: postJson("name=Ada&tag=a&tag=b&__proto__=x", "application/x-www-form-urlencoded"),
        expect: {
          status: 200,
          // The sanitizer drops the __proto__ field.
          json: ECHO_OF({ name: "Ada", tag: ["a", "b"] }),
        },
      },
    ],
  },
  {
    name: "parses a multipart body",
    setup: MINIMAL,
    steps: [
      {
        request: postJson(multipartBody("x1y2"), "multipart/form-data; boundary=x1y2"),
        expect: {
          status: 200,
          json: {
            body: { name: "Ada" },
            files: [{ field: "file", filename: "notes.txt", size: 5 }],
            clientIp: "127.0.0.1",
          },
        },
      },
      {
        request: postJson(multipartBody("x1y2"), "multipart/form-data"),
        expect: { status: 400, code: "BAD_REQUEST" },
      },
    ],
  },
  {
    name: "rejects oversized bodies by Content-Length",
    setup: MINIMAL,
    steps: [
      {
        request: {
          method: "POST",
          path: "/api/items",
          headers: [
            ["Content-Type", "application/json"],
            ["Content-Length", String(10 * 1024 * 1024 + 1)],
          ],
          body: "{}",
        },
        expect: { status: 413, code: "PAYLOAD_TOO_LARGE" },
      },
    ],
  },
  {
    name: "applies configured body limits",
    setup: { options: { bodyLimits: { json: 16, urlencoded: 8 } }, routes: MINIMAL_ROUTES },
    steps: [
      {
        request: postJson('{"a":"0123456789"}'),
        expect: { status: 413, code: "PAYLOAD_TOO_LARGE" },
      },
      {
        request: postJson('{"a":"01234"}'),
        expect: { status: 200, json: ECHO_OF({ a: "01234" }) },
      },
      {
        request: { ...postJson('{"a":"0123456789"}'), chunked: 4 },
        expect: { status: 413, code: "PAYLOAD_TOO_LARGE" },
      },
      {
        request: postJson("name=Ada+Lovelace", "application/x-www-form-urlencoded"),
        expect: { status: 413, code: "PAYLOAD_TOO_LARGE" },
      },
    ],
  },
  {
    name: "stops a growing chunked body",
    setup: MINIMAL,
    steps: [
      {
        request: {
          method: "POST",
          path: "/api/items",
          headers: [["Content-Type", "application/json"]],
          growingBodyBytes: 256 * 1024 * 1024,
        },
        expect: { status: 413, code: "PAYLOAD_TOO_LARGE", sentFewerBytesThan: 256 * 1024 * 1024 },
      },
    ],
  },
  {
    name: "ignores bodies of GET requests",
    setup: MINIMAL,
    steps: [
      {
        request: {
          method: "GET",
          path: "/api/items",
          headers: [["Content-Type", "text/plain"]],
          body: "x",
        },
        expect: { status: 200, json: { ok: true } },
      },
    ],
  },
];
