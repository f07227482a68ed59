import { describe, expect, it } from "vitest";
import { buildInjectionEvent } from "./injection-event.js";

const CONTEXT = {
  clientIp: "203.0.113.9",
  method: "POST",
  route: "/api/contacts",
  requestId: "r-1",
};

describe("buildInjectionEvent", () => {
  it("keeps only SQL findings", () => {
    const event = buildInjectionEvent(CONTEXT, [
      { path: "name", rule: "html.removed" },
      { path: "notes", rule: "sql.union_select" },
    ]);
    expect(event).toMatchObject({
      type: "injection.suspected",
      clientIp: "203.0.113.9",
      route: "/api/contacts",
      details: { findings: [{ path: "notes", rule: "sql.union_select" }] },
    });
  });

  it("returns undefined without SQL findings", () => {
    expect(buildInjectionEvent(CONTEXT, [{ path: "a", rule: "key.dropped" }])).toBeUndefined();
  });
});
