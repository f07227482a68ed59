import { describe, expect, it } from "vitest";
import { BODY_CASES } from "./cases-body.js";
import { CLIENT_IP_CASES } from "./cases-client-ip.js";
import { ERROR_CASES, THROWN_SECRET } from "./cases-errors.js";
import { HEADER_CASES } from "./cases-headers.js";
import { RATE_LIMIT_CASES } from "./cases-rate-limit.js";
import { SANITIZER_CASES } from "./cases-sanitizer.js";
import { VALIDATION_CASES } from "./cases-validation.js";
import { normalizeResponse } from "./normalize.js";
import { runCase } from "./run-case.js";
import type { ConformanceCase, CreateApp, ExpectedResponse, ReceivedResponse } from "./types.js";

/** Every conformance case, in the order the suites run them. */
export const CONFORMANCE_CASES: readonly ConformanceCase[] = [
  ...BODY_CASES,
  ...ERROR_CASES,
  ...CLIENT_IP_CASES,
  ...HEADER_CASES,
  ...RATE_LIMIT_CASES,
  ...SANITIZER_CASES,
  ...VALIDATION_CASES,
];

/** Headers that no response may carry, because they name the framework or server software. */
const FORBIDDEN_HEADERS = ["x-powered-by", "server"];

/**
 * Defines one Vitest test per conformance case: each starts a fresh app with `createApp`, sends the
 * case's requests over real sockets on 127.0.0.1 and checks every response against the case.
 * Every response is also checked for what no response may carry: framework headers, and error
 * bodies that are not the JSON error contract or that leak a stack trace or an error message.
 *
 * @example
 * describeConformance("express", createExpressApp);
 */
export function describeConformance(
  name: string,
  createApp: CreateApp,
  cases: readonly ConformanceCase[] = CONFORMANCE_CASES,
): void {
  describe(`${name} conformance`, () => {
    for (const testCase of cases) {
      it(testCase.name, async () => {
        const responses = await runCase(createApp, testCase);
        testCase.steps.forEach((step, index) => {
          const response = responses[index] as ReceivedResponse;
          const label = `${testCase.name}, step ${index + 1} (${step.request.method} ${step.request.path})`;
          checkExpected(response, step.expect, label);
          checkInvariants(response, step.request.method, label);
          if (testCase.setup.options.securityHeaders !== false)
            checkSecurityHeaders(response, label);
        });
      });
    }
  });
}

/**
 * Defines one Vitest test per case that runs the case against every app in `apps` and fails with a
 * diff when any normalised response (status, headers but Date, Connection and Keep-Alive, body)
 * differs from the first app's.
 *
 * @example
 * describeDifferential("adapters", { express: createExpressApp, fastify: createFastifyApp });
 */
export function describeDifferential(
  name: string,
  apps: Readonly<Record<string, CreateApp>>,
  cases: readonly ConformanceCase[] = CONFORMANCE_CASES,
): void {
  const entries = Object.entries(apps);
  describe(`${name} differential`, () => {
    it("compares at least two apps", () => {
      expect(entries.length).toBeGreaterThanOrEqual(2);
    });

    for (const testCase of cases) {
      it(testCase.name, async () => {
        const [baselineName, createBaseline] = entries[0] as [string, CreateApp];
        const baseline = (await runCase(createBaseline, testCase)).map(normalizeResponse);
        for (const [otherName, createOther] of entries.slice(1)) {
          const other = (await runCase(createOther, testCase)).map(normalizeResponse);
          expect(other, `${otherName} answered differently from ${baselineName}`).toEqual(baseline);
        }
      });
    }
  });
}

function checkExpected(
  response: ReceivedResponse,
  expected: ExpectedResponse,
  label: string,
): void {
  expect(response.status, `${label}: status`).toBe(expected.status);
  for (const [header, value] of Object.entries(expected.headers ?? {})) {
    if (value instanceof RegExp) {
      expect(response.headers[header], `${label}: header ${header}`).toMatch(value);
    } else {
      expect(response.headers[header], `${label}: header ${header}`).toEqual(value);
    }
  }
  if (expected.code !== undefined) {
    expect(parseJson(response.body, label), `${label}: error code`).toMatchObject({
      code: expected.code,
    });
  }
  if (expected.errorFields !== undefined) {
    const body = parseJson(response.body, label) as { errors?: { field: string }[] };
    expect(
      body.errors?.map((entry) => entry.field),
      `${label}: error fields`,
    ).toEqual(expected.errorFields);
  }
  if (expected.json !== undefined) {
    expect(parseJson(response.body, label), `${label}: body`).toEqual(expected.json);
  }
  if (expected.text !== undefined) expect(response.body, `${label}: body`).toBe(expected.text);
  if (expected.sentFewerBytesThan !== undefined) {
    expect(response.bytesSent, `${label}: bytes sent`).toBeLessThan(expected.sentFewerBytesThan);
  }
}

function checkInvariants(response: ReceivedResponse, method: string, label: string): void {
  for (const header of FORBIDDEN_HEADERS) {
    expect(response.headers[header], `${label}: header ${header}`).toBeUndefined();
  }
  expect(response.body, `${label}: body`).not.toContain(THROWN_SECRET);
  if (response.status < 400 || method === "HEAD") return;

  expect(response.headers["content-type"], `${label}: error Content-Type`).toBe(
    "application/json; charset=utf-8",
  );
  const body = parseJson(response.body, label) as Record<string, unknown>;
  expect(Object.keys(body).sort(), `${label}: error body keys`).toEqual(
    "errors" in body ? ["code", "errors", "message"] : ["code", "message"],
  );
  expect(typeof body.message, `${label}: error message`).toBe("string");
  expect(response.body, `${label}: body`).not.toMatch(/\bat .+:\d+:\d+|FST_|<html/i);
}

function checkSecurityHeaders(response: ReceivedResponse, label: string): void {
  expect(response.headers["x-frame-options"], `${label}: X-Frame-Options`).toBe("DENY");
  expect(response.headers["x-content-type-options"], `${label}: X-Content-Type-Options`).toBe(
    "nosniff",
  );
  expect(response.headers["content-security-policy"], `${label}: CSP`).toMatch(/default-src/);
  expect(response.headers["referrer-policy"], `${label}: Referrer-Policy`).toBeDefined();
}

function parseJson(text: string, label: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`${label}: body is not JSON: ${text.slice(0, 200)}`);
  }
}
