import { describe, expect, it } from "vitest";
import { formatServerUrl } from "./crm-server.js";

describe("formatServerUrl", () => {
  it.each([
    [false, "127.0.0.1", 3000, "http://127.0.0.1:3000"],
    [true, "crm.example.com", 443, "https://crm.example.com:443"],
    [false, "::1", 8080, "http://[::1]:8080"],
  ])("formats %s %s %s", (https, host, port, url) => {
    expect(formatServerUrl(https, host, port)).toBe(url);
  });
});
