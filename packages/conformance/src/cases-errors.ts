import { MINIMAL_ROUTES } from "./cases-body.js";
import type { AppSetup, ConformanceCase } from "./types.js";

const MINIMAL: AppSetup = { options: {}, routes: MINIMAL_ROUTES };

/** Fake secret that the throwing route puts in its error message; it must never reach a client. */
export const THROWN_SECRET = "hunter2-db-password";

/** Cases for the error contract, unknown routes, HEAD and OPTIONS. */
export const ERROR_CASES: readonly ConformanceCase[] = [
  {
    name: "answers unknown routes with 404",
    setup: MINIMAL,
    steps: [
      {
        request: { method: "GET", path: "/api/nothing" },
        expect: { status: 404, code: "NOT_FOUND" },
      },
      { request: { method: "GET", path: "/" }, expect: { status: 404, code: "NOT_FOUND" } },
      {
        request: { method: "PATCH", path: "/api/items" },
        expect: { status: 404, code: "NOT_FOUND" },
      },
      {
        request: {
          method: "POST",
          path: "/api/nothing",
          headers: [["Content-Type", "application/json"]],
          body: '{"n":1}',
        },
        expect: { status: 404, code: "NOT_FOUND" },
      },
    ],
  },
  {
    name: "rejects malformed percent-encoding",
    setup: MINIMAL,
    steps: [
      {
        request: {
          method: "PUT",
          path: "/api/items/%E0%A4%A",
          headers: [["Content-Type", "application/json"]],
          body: "{}",
        },
        expect: { status: 400, code: "BAD_REQUEST" },
      },
    ],
  },
  {
    name: "hides errors of throwing handlers",
    setup: MINIMAL,
    steps: [
      {
        request: { method: "GET", path: "/api/boom" },
        expect: { status: 500, code: "INTERNAL_ERROR" },
      },
    ],
  },
  {
    name: "answers HEAD like GET without body",
    setup: MINIMAL,
    steps: [
      { request: { method: "HEAD", path: "/api/items" }, expect: { status: 200, text: "" } },
      { request: { method: "HEAD", path: "/api/nothing" }, expect: { status: 404, text: "" } },
    ],
  },
  {
    name: "answers OPTIONS without a route with 404",
    setup: MINIMAL,
    steps: [
      {
        request: { method: "OPTIONS", path: "/api/items" },
        expect: { status: 404, code: "NOT_FOUND" },
      },
      { request: { method: "OPTIONS", path: "*" }, expect: { status: 404, code: "NOT_FOUND" } },
    ],
  },
  {
    name: "keeps serving after an error",
    setup: MINIMAL,
    steps: [
      {
        request: { method: "GET", path: "/api/boom" },
        expect: { status: 500, code: "INTERNAL_ERROR" },
      },
      {
        request: { method: "GET", path: "/api/items" },
        expect: { status: 200, json: { ok: true } },
      },
    ],
  },
];
