import { describe, expect, it } from "vitest";
import * as app from "./index.js";

describe("@bulwark/crm-fastify exports", () => {
  it("matches the public list exactly", () => {
    expect(Object.keys(app).sort()).toEqual(["buildFastifyApp", "createApp"]);
  });
});
