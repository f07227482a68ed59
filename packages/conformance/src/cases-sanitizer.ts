import { MINIMAL_ROUTES } from "./cases-body.js";
import type { ConformanceCase, RequestSpec } from "./types.js";

const ECHO_OF = (body: unknown) => ({ body, files: [], clientIp: "127.0.0.1" });

function post(contentType: string, body: string): RequestSpec {
  return { method: "POST", path: "/api/items", headers: [["Content-Type", contentType]], body };
}

const MULTIPART = [
  "--s",
  'Content-Disposition: form-data; name="name"',
  "",
  "  <b>Tom</b> & Jerry ",
  "--s--",
  "",
].join("\r\n");

/** Cases for body sanitizing: every body kind and media type variant is sanitized. */
export const SANITIZER_CASES: readonly ConformanceCase[] = [
  {
    name: "sanitizes every body kind",
    setup: { options: {}, routes: MINIMAL_ROUTES },
    steps: [
      {
        request: post("application/json", '{"name":"  <b>Tom</b> & Jerry ","password":" <p> "}'),
        expect: { status: 200, json: ECHO_OF({ name: "Tom & Jerry", password: " <p> " }) },
      },
      {
        request: post(
          "Application/Problem+JSON; charset=utf-8",
          '{"name":"<img src=x onerror=alert(1)>Ada"}',
        ),
        expect: { status: 200, json: ECHO_OF({ name: "Ada" }) },
      },
      {
        request: post(
          "application/x-www-form-urlencoded",
          "name=++%3Cb%3ETom%3C%2Fb%3E+%26+Jerry+",
        ),
        expect: { status: 200, json: ECHO_OF({ name: "Tom & Jerry" }) },
      },
      {
        request: post("multipart/form-data; boundary=s", MULTIPART),
        expect: { status: 200, json: ECHO_OF({ name: "Tom & Jerry" }) },
      },
      {
        request: post(
          "application/json",
          '{"contacts":[{"notes":"<script>x()</script>hi"}],"n":5}',
        ),
        expect: { status: 200, json: ECHO_OF({ contacts: [{ notes: "hi" }], n: 5 }) },
      },
    ],
  },
  {
    name: "reports SQL patterns without changing them",
    setup: { options: {}, routes: MINIMAL_ROUTES },
    steps: [
      {
        request: post("application/json", `{"company":"x' OR '1'='1"}`),
        expect: { status: 200, json: ECHO_OF({ company: "x' OR '1'='1" }) },
      },
    ],
  },
  {
    name: "can turn the sanitizer off",
    setup: { options: { sanitizer: false }, routes: MINIMAL_ROUTES },
    steps: [
      {
        request: post("application/json", '{"name":" <b>Tom</b> "}'),
        expect: { status: 200, json: ECHO_OF({ name: " <b>Tom</b> " }) },
      },
    ],
  },
  {
    name: "rejects bodies past the sanitizer limits",
    setup: { options: { sanitizer: { maxDepth: 3, maxNodes: 10 } }, routes: MINIMAL_ROUTES },
    steps: [
      {
        request: post("application/json", '{"a":{"b":{"c":{"d":1}}}}'),
        expect: { status: 400, code: "BAD_REQUEST" },
      },
      {
        request: post("application/json", "[1,2,3,4,5,6,7,8,9,10,11]"),
        expect: { status: 413, code: "PAYLOAD_TOO_LARGE" },
      },
    ],
  },
];
