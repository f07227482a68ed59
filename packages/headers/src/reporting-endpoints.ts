import { describeValue, isPlainObject } from "@bulwark/core";
import { HeadersError } from "./errors.js";

/** Reporting API endpoints by name, each an absolute URL: `{ csp: "https://example.com/csp" }`. */
export type ReportingEndpointsOptions = Readonly<Record<string, string>>;

// Endpoint names are Structured Fields dictionary keys (RFC 8941 section 3.2).
const ENDPOINT_NAME = /^[a-z*][a-z0-9_.*-]*$/;
// The URL parser lets characters such as '"' through in a host, so hosts are checked too.
const PLAIN_HOST = /^(?:[a-z0-9-]+(?:\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])$/;

function invalidEndpoint(message: string): HeadersError {
  return new HeadersError("ERR_HEADERS_INVALID_REPORTING_ENDPOINT", message);
}

/**
 * Builds a Reporting-Endpoints value such as `csp="https://example.com/csp"`, which names the
 * endpoints that the CSP report-to directive refers to. Returns undefined for `false` or
 * undefined. Throws `ERR_HEADERS_INVALID_REPORTING_ENDPOINT`.
 */
export function buildReportingEndpoints(option: unknown): string | undefined {
  if (option === false || option === undefined) return undefined;
  if (!isPlainObject(option) || Object.keys(option).length === 0) {
    throw invalidEndpoint(
      `reportingEndpoints must be a non-empty object of names and URLs, got ${describeValue(option)}. Use { csp: "https://example.com/csp-reports" }.`,
    );
  }

  const members: string[] = [];
  for (const [name, url] of Object.entries(option)) {
    if (!ENDPOINT_NAME.test(name)) {
      throw invalidEndpoint(
        `reportingEndpoints has the invalid name ${describeValue(name)}. Use lower-case letters, digits, "_", "-" and ".", starting with a letter.`,
      );
    }
    // The parsed URL is written back in its serialised form, which percent-encodes quotes and
    // spaces outside the host, so the value cannot end the Structured Fields string early.
    const parsed = typeof url === "string" && URL.canParse(url) ? new URL(url) : undefined;
    const isHttp = parsed?.protocol === "https:" || parsed?.protocol === "http:";
    if (parsed === undefined || !isHttp || !PLAIN_HOST.test(parsed.hostname)) {
      throw invalidEndpoint(
        `reportingEndpoints.${name} must be an absolute http or https URL, got ${describeValue(url)}.`,
      );
    }
    members.push(`${name}="${parsed.href}"`);
  }
  return members.join(", ");
}
