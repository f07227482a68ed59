import { describe, expect, it } from "vitest";
import { createFakeClock } from "../test/helpers.js";
import { createThrottledLog } from "./throttled-log.js";

describe("createThrottledLog", () => {
  it("logs each code once a minute", () => {
    const clock = createFakeClock();
    const lines: Record<string, unknown>[] = [];
    const push = (context: Record<string, unknown>) => void lines.push(context);
    const log = createThrottledLog({ debug: push, info: push, warn: push, error: push }, clock.now);

    log("ERR_A", { attempt: 1 }, "failed");
    log("ERR_A", { attempt: 2 }, "failed");
    log("ERR_B", { attempt: 3 }, "failed");
    clock.advance(59_999);
    log("ERR_A", { attempt: 4 }, "failed");
    clock.advance(1);
    log("ERR_A", { attempt: 5 }, "failed");

    expect(lines).toEqual([
      { attempt: 1, code: "ERR_A", suppressed: 0 },
      { attempt: 3, code: "ERR_B", suppressed: 0 },
      { attempt: 5, code: "ERR_A", suppressed: 2 },
    ]);
  });

  it("survives a throwing logger", () => {
    const fail = () => {
      throw new Error("closed");
    };
    const log = createThrottledLog({ debug: fail, info: fail, warn: fail, error: fail }, Date.now);
    expect(() => log("ERR_A", {}, "failed")).not.toThrow();
  });
});
