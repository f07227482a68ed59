import { describe, expect, it } from "vitest";
import { buildPermissionsPolicy } from "./permissions-policy.js";

describe("buildPermissionsPolicy", () => {
  it("serialises allowlists", () => {
    expect(
      buildPermissionsPolicy({
        camera: [],
        geolocation: ["self", "https://maps.example.com"],
        fullscreen: ["*"],
        "publickey-credentials-get": ["self"],
      }),
    ).toBe(
      'camera=(), geolocation=(self "https://maps.example.com"), fullscreen=*, publickey-credentials-get=(self)',
    );
  });

  it("returns undefined for false", () => {
    expect(buildPermissionsPolicy(false)).toBeUndefined();
  });

  it.each([
    ["null", null],
    ["string", "camera=()"],
    ["empty object", {}],
    ["upper-case feature", { Camera: [] }],
    ["feature with space", { "camera x": [] }],
    ["allowlist string", { camera: "self" }],
    ["allowlist null", { camera: null }],
    ["quoted self", { camera: ["'self'"] }],
    ["origin with path", { camera: ["https://a.example/path"] }],
    ["origin with slash", { camera: ["https://a.example/"] }],
    ["origin with quote", { camera: ['https://a.example"'] }],
    ["non-http origin", { camera: ["ftp://a.example"] }],
    ["star with others", { camera: ["*", "self"] }],
    ["number entry", { camera: [1] }],
  ])("rejects %s", (_case, option) => {
    expect(() => buildPermissionsPolicy(option)).toThrow(
      expect.objectContaining({ code: "ERR_HEADERS_INVALID_PERMISSIONS_POLICY" }),
    );
  });
});
