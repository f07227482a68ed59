import { describe, expect, it } from "vitest";
import * as ip from "./index.js";

describe("@bulwark/ip exports", () => {
  it("matches the public list exactly", () => {
    expect(Object.keys(ip).sort()).toEqual([
      "DEFAULT_FORWARDED_HEADERS",
      "DEFAULT_IPV6_SUBNET",
      "IP_ERROR_CODES",
      "IP_WARNING_CODES",
      "IpError",
      "MAX_ADDRESS_LENGTH",
      "NAMED_PROXY_RANGES",
      "createClientIpResolver",
      "ipKey",
      "normalizeAddress",
      "resolveClientIp",
      "resolveProtocol",
    ]);
  });
});
