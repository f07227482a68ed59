import { idParamsSchema, loginSchema, paginationQuerySchema } from "@bulwark/schemas";
import { MINIMAL_ROUTES } from "./cases-body.js";
import { AUTH_LIMIT_MESSAGE } from "./cases-rate-limit.js";
import type { ConformanceCase, RequestSpec, RouteSpec } from "./types.js";

const CONTACT_ID = "3f1c2a9e-8b7d-4c6e-9a5f-2d1b0c9e8f7a";

/** Routes of the validation cases: a login route and contact routes with zod schemas. */
export const VALIDATION_ROUTES: readonly RouteSpec[] = [
  ...MINIMAL_ROUTES,
  {
    method: "POST",
    path: "/api/auth/login",
    behaviour: "echoParts",
    rateLimit: "auth",
    schemas: { body: loginSchema },
  },
  {
    method: "GET",
    path: "/api/contacts",
    behaviour: "echoParts",
    schemas: { query: paginationQuerySchema },
  },
  {
    method: "PUT",
    path: "/api/contacts/:id",
    behaviour: "echoParts",
    schemas: { params: idParamsSchema, body: loginSchema },
  },
];

function login(body: string, contentType = "application/json"): RequestSpec {
  return {
    method: "POST",
    path: "/api/auth/login",
    headers: [["Content-Type", contentType]],
    body,
  };
}

const VALID_LOGIN = '{"username":"alice","password":"correct horse battery"}';
const PARSED_LOGIN = { username: "alice", password: "correct horse battery" };

/** Cases for route validation with zod schemas, across body kinds, and its place in the order. */
export const VALIDATION_CASES: readonly ConformanceCase[] = [
  {
    name: "validates the login body",
    setup: { options: {}, routes: VALIDATION_ROUTES },
    steps: [
      {
        request: login(VALID_LOGIN),
        expect: { status: 200, json: { body: PARSED_LOGIN, query: {}, params: {} } },
      },
      {
        request: login("{}"),
        expect: { status: 400, code: "VALIDATION_FAILED", errorFields: ["username", "password"] },
      },
      {
        request: login('{"username":"al","password":"correct horse battery","admin":true}'),
        expect: { status: 400, code: "VALIDATION_FAILED", errorFields: ["username"] },
      },
      {
        request: login('[{"username":"alice"}]'),
        expect: { status: 400, code: "VALIDATION_FAILED", errorFields: ["body"] },
      },
    ],
  },
  {
    name: "matches the guide's validation body",
    setup: { options: {}, routes: VALIDATION_ROUTES },
    steps: [
      {
        request: login('{"username":"al","password":"x"}'),
        expect: {
          status: 400,
          json: {
            message: "Validation failed",
            code: "VALIDATION_FAILED",
            errors: [
              { field: "username", message: "Username must be at least 3 characters" },
              { field: "password", message: "Password must be at least 8 characters" },
            ],
          },
        },
      },
    ],
  },
  {
    name: "validates every body kind",
    setup: { options: {}, routes: VALIDATION_ROUTES },
    steps: [
      {
        request: login(
          "username=alice&password=correct+horse+battery",
          "application/x-www-form-urlencoded",
        ),
        expect: { status: 200, json: { body: PARSED_LOGIN, query: {}, params: {} } },
      },
      {
        request: login("username=alice", "application/x-www-form-urlencoded"),
        expect: { status: 400, code: "VALIDATION_FAILED", errorFields: ["password"] },
      },
      {
        request: login(
          '--b\r\nContent-Disposition: form-data; name="username"\r\n\r\nalice\r\n--b--\r\n',
          "multipart/form-data; boundary=b",
        ),
        expect: { status: 400, code: "VALIDATION_FAILED", errorFields: ["password"] },
      },
      {
        request: login(VALID_LOGIN, "application/vnd.api+json; charset=UTF-8"),
        expect: { status: 200, json: { body: PARSED_LOGIN, query: {}, params: {} } },
      },
      {
        request: login(VALID_LOGIN, "text/plain"),
        expect: { status: 415, code: "UNSUPPORTED_MEDIA_TYPE" },
      },
      {
        request: { method: "POST", path: "/api/auth/login" },
        expect: { status: 400, code: "VALIDATION_FAILED", errorFields: ["body"] },
      },
    ],
  },
  {
    name: "validates query and params",
    setup: { options: {}, routes: VALIDATION_ROUTES },
    steps: [
      {
        request: { method: "GET", path: "/api/contacts?limit=5&offset=10" },
        expect: { status: 200, json: { body: null, query: { limit: 5, offset: 10 }, params: {} } },
      },
      {
        request: { method: "GET", path: "/api/contacts" },
        expect: { status: 200, json: { body: null, query: { limit: 20, offset: 0 }, params: {} } },
      },
      {
        request: { method: "GET", path: "/api/contacts?limit=abc&offset=-1" },
        expect: {
          status: 400,
          code: "VALIDATION_FAILED",
          errorFields: ["query.limit", "query.offset"],
        },
      },
      {
        request: { method: "GET", path: "/api/contacts?limit=5&limit=6" },
        expect: { status: 400, code: "VALIDATION_FAILED", errorFields: ["query.limit"] },
      },
      {
        request: {
          method: "PUT",
          path: `/api/contacts/${CONTACT_ID}`,
          headers: [["Content-Type", "application/json"]],
          body: VALID_LOGIN,
        },
        expect: {
          status: 200,
          json: { body: PARSED_LOGIN, query: {}, params: { id: CONTACT_ID } },
        },
      },
      {
        request: {
          method: "PUT",
          path: "/api/contacts/42",
          headers: [["Content-Type", "application/json"]],
          body: "{}",
        },
        expect: {
          status: 400,
          code: "VALIDATION_FAILED",
          errorFields: ["params.id", "username", "password"],
        },
      },
    ],
  },
  {
    name: "limits before validating",
    setup: { options: {}, routes: VALIDATION_ROUTES },
    steps: [
      ...[1, 2, 3, 4, 5].map(() => ({
        request: login("{}"),
        expect: { status: 400, code: "VALIDATION_FAILED" },
      })),
      {
        request: login(VALID_LOGIN),
        expect: { status: 429, json: { message: AUTH_LIMIT_MESSAGE, code: "RATE_LIMITED" } },
      },
    ],
  },
];
