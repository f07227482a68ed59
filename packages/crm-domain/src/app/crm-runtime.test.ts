import { describe, expect, it } from "vitest";
import { loadCrmAppConfig } from "./app-config.js";
import { createCrmRuntime, selectRoutePolicies } from "./crm-runtime.js";

const ENV = { NODE_ENV: "test", JWT_SECRET: "k3Yq8vZ2pW7rT1mN5bX9cF4hJ6dL0sGa" };

describe("createCrmRuntime", () => {
  it("leaves stack policies to the stack", async () => {
    const runtime = await createCrmRuntime(loadCrmAppConfig(ENV), { scryptCost: 2 ** 14 });
    try {
      const byRoute = Object.fromEntries(
        runtime.crm.routes.map((route) => [
          `${route.method} ${route.path}`,
          selectRoutePolicies(route),
        ]),
      );
      expect(byRoute["POST /api/auth/login"]).toEqual(["auth"]);
      expect(byRoute["POST /api/contacts/bulk"]).toEqual(["expensive"]);
      expect(byRoute["GET /api/exports/contacts.csv"]).toEqual(["expensive"]);
      expect(byRoute["GET /api/contacts"]).toEqual([]);
      expect(runtime.stackOptions.stackLimits).toEqual({
        policies: ["api", "write"],
        excludePaths: ["/api/health"],
      });
      expect(runtime.seed).toEqual({ seeded: false });
    } finally {
      await runtime.close();
    }
  });

  it("seeds demo users when asked", async () => {
    const runtime = await createCrmRuntime(loadCrmAppConfig(ENV), {
      scryptCost: 2 ** 14,
      seed: { contactCount: 2 },
    });
    try {
      expect(runtime.seed.seeded).toBe(true);
      if (runtime.seed.seeded) {
        expect(runtime.seed.logins.map((login) => login.role)).toEqual([
          "admin",
          "manager",
          "agent",
          "viewer",
        ]);
      }
    } finally {
      await runtime.close();
    }
  });

  it("closes twice without error", async () => {
    const runtime = await createCrmRuntime(loadCrmAppConfig(ENV), { scryptCost: 2 ** 14 });
    await runtime.close();
    await expect(runtime.close()).resolves.toBeUndefined();
  });
});
