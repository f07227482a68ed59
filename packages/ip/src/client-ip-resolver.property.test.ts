import { isIP } from "node:net";
import { type CoreRequest, createCoreRequest, NOOP_LOGGER } from "@bulwark/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createClientIpResolver } from "./client-ip-resolver.js";
import { normalizeAddress } from "./normalize-address.js";
import type { TrustProxy } from "./trust-proxy.js";

const WATCHED = ["forwarded", "x-forwarded-for", "x-real-ip", "x-forwarded-proto"] as const;

/** Address-like text: real addresses in every spelling, near misses and plain noise. */
const addressText = fc.oneof(
  fc.ipV4(),
  fc.ipV6(),
  fc.ipV4().map((address) => `::ffff:${address}`),
  fc.tuple(fc.ipV4(), fc.integer({ min: 0, max: 70000 })).map(([a, port]) => `${a}:${port}`),
  fc.tuple(fc.ipV6(), fc.integer({ min: 0, max: 70000 })).map(([a, port]) => `[${a}]:${port}`),
  fc.ipV6().map((address) => `${address}%eth0`),
  fc.constantFrom("unknown", "_hidden", "", " ", "[", "]:", "::1.2.3.4", "0x7f.1", "2130706433"),
  fc.string({ maxLength: 40 }),
);

const headerValue = fc.oneof(
  fc.array(addressText, { maxLength: 6 }).map((entries) => entries.join(", ")),
  fc
    .array(fc.tuple(addressText, fc.constantFrom("http", "https", "HTTPS", "x")), { maxLength: 4 })
    .map((elements) =>
      elements.map(([address, proto]) => `for="${address}";proto=${proto}`).join(", "),
    ),
  fc.string({ maxLength: 120 }),
  fc.string({ unit: "binary", maxLength: 120 }),
);

const headers = fc.record(
  Object.fromEntries(
    WATCHED.map((name) => [
      name,
      fc.option(fc.oneof(headerValue, fc.array(headerValue, { maxLength: 3 })), { nil: undefined }),
    ]),
  ) as Record<(typeof WATCHED)[number], fc.Arbitrary<string | string[] | undefined>>,
  { requiredKeys: [] },
);

const remoteAddress = fc.option(addressText, { nil: undefined });

const trustProxy: fc.Arbitrary<TrustProxy> = fc.oneof(
  fc.constant(false),
  fc.constant(true),
  fc.integer({ min: 0, max: 5 }),
  fc.subarray(["loopback", "linklocal", "uniquelocal", "0.0.0.0/1", "2001:db8::/32", "::/0"]),
  fc.func(fc.boolean()),
);

function buildRequest(
  address: string | undefined,
  requestHeaders: Record<string, string | string[] | undefined>,
  encrypted: boolean,
): CoreRequest {
  const defined = Object.fromEntries(
    Object.entries(requestHeaders).filter(([, value]) => value !== undefined),
  );
  return createCoreRequest({
    method: "GET",
    url: "/",
    headers: defined,
    remoteAddress: address,
    encrypted,
  });
}

describe("createClientIpResolver properties", () => {
  it("returns the socket address with trustProxy false", () => {
    const resolver = createClientIpResolver({ trustProxy: false, logger: NOOP_LOGGER });
    fc.assert(
      fc.property(remoteAddress, headers, fc.boolean(), (address, requestHeaders, encrypted) => {
        const result = resolver.resolve(buildRequest(address, requestHeaders, encrypted));
        expect(result.address).toBe(normalizeAddress(address));
        expect(result.protocol).toBe(encrypted ? "https" : "http");
      }),
      { numRuns: 1000 },
    );
  });

  it("returns a valid normalised address", () => {
    fc.assert(
      fc.property(
        trustProxy,
        remoteAddress,
        headers,
        fc.boolean(),
        (trust, address, requestHeaders, encrypted) => {
          const resolver = createClientIpResolver({ trustProxy: trust, logger: NOOP_LOGGER });
          const result = resolver.resolve(buildRequest(address, requestHeaders, encrypted));
          if (result.address === undefined) {
            expect(normalizeAddress(address)).toBeUndefined();
            expect(result.hops).toEqual([]);
            return;
          }
          expect(isIP(result.address)).not.toBe(0);
          expect(normalizeAddress(result.address)).toBe(result.address);
          expect(result.hops.at(-1)).toBe(result.address);
          expect(result.hops[0]).toBe(normalizeAddress(address));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("never throws on any input", () => {
    const anyHeaders = fc.dictionary(
      fc.oneof(fc.constantFrom(...WATCHED), fc.string({ maxLength: 10 })),
      fc.oneof(
        fc.string({ unit: "binary" }),
        fc.array(fc.string({ unit: "binary" }), { maxLength: 3 }),
      ),
    );
    fc.assert(
      fc.property(
        trustProxy,
        fc.option(fc.string({ unit: "binary" }), { nil: undefined }),
        anyHeaders,
        fc.boolean(),
        (trust, address, requestHeaders, encrypted) => {
          const resolver = createClientIpResolver({ trustProxy: trust, logger: NOOP_LOGGER });
          expect(() =>
            resolver.resolve(buildRequest(address, requestHeaders, encrypted)),
          ).not.toThrow();
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("ignores client text before an appending proxy", () => {
    const resolver = createClientIpResolver({ trustProxy: ["10.0.0.0/8"], logger: NOOP_LOGGER });
    const publicIpv4 = fc.ipV4().filter((address) => !address.startsWith("10."));
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), publicIpv4, (clientText, client) => {
        const xffRequest = buildRequest(
          "10.0.0.1",
          { "x-forwarded-for": `${clientText}, ${client}` },
          false,
        );
        expect(resolver.resolve(xffRequest).address).toBe(normalizeAddress(client));

        const forwarded = `${clientText}, for=${client}`;
        const forwardedRequest = buildRequest("10.0.0.1", { forwarded }, false);
        const forwardedResolver = createClientIpResolver({
          trustProxy: ["10.0.0.0/8"],
          forwardedHeaders: ["forwarded"],
          logger: NOOP_LOGGER,
        });
        expect(forwardedResolver.resolve(forwardedRequest).address).toBe(normalizeAddress(client));
      }),
      { numRuns: 1000 },
    );
  });
});
