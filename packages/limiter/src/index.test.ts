import { describe, expect, it } from "vitest";
import * as limiter from "./index.js";

describe("@bulwark/limiter exports", () => {
  it("matches the public list exactly", () => {
    expect(Object.keys(limiter).sort()).toEqual([
      "AUTH_LIMIT_MESSAGE",
      "BUILT_IN_POLICIES",
      "DEFAULT_HEADER_FORMAT",
      "DEFAULT_IPV6_SUBNET",
      "DEFAULT_KEY_PREFIX",
      "DEFAULT_MAX_KEYS",
      "DEFAULT_STORE_TIMEOUT_MS",
      "HEADER_FORMATS",
      "LIMITER_ERROR_CODES",
      "LIMITER_WARNING_CODES",
      "LOGIN_GUARD_DEFAULTS",
      "LimiterError",
      "STORE_ERROR_MODES",
      "UNKNOWN_CLIENT_KEY",
      "WRITE_METHODS",
      "buildRateLimitHeaders",
      "createLoginGuard",
      "createRateLimitError",
      "createRateLimiter",
    ]);
  });
});
