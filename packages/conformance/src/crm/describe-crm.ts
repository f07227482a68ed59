import { describe, expect, it } from "vitest";
import type { ReceivedResponse } from "../types.js";
import { CRM_CASES } from "./cases-crm.js";
import { createCrmSession } from "./crm-session.js";
import { normalizeCrmTranscript } from "./normalize-crm.js";
import type { CrmCase, StartCrmApp } from "./types.js";

async function runCrmCase(start: StartCrmApp, testCase: CrmCase): Promise<ReceivedResponse[]> {
  const app = await start();
  const transcript: ReceivedResponse[] = [];
  try {
    await testCase.run(createCrmSession(app, transcript));
    return transcript;
  } finally {
    await app.close();
  }
}

/**
 * Defines one Vitest test per CRM case against a reference app: each starts a fresh app, runs the
 * case's requests over real sockets on 127.0.0.1 and checks every response. Every response must
 * also carry the security headers and no framework header.
 *
 * @example
 * describeCrmConformance("crm-express", () => startCrmApp(createApp));
 */
export function describeCrmConformance(
  name: string,
  start: StartCrmApp,
  cases: readonly CrmCase[] = CRM_CASES,
): void {
  describe(`${name} CRM conformance`, () => {
    for (const testCase of cases) {
      it(testCase.name, async () => {
        const transcript = await runCrmCase(start, testCase);
        for (const response of transcript) {
          expect(response.headers["x-frame-options"]).toBe("DENY");
          expect(response.headers["x-content-type-options"]).toBe("nosniff");
          expect(response.headers["x-powered-by"]).toBeUndefined();
        }
      });
    }
  });
}

/**
 * Defines one Vitest test per CRM case that runs it against every app and fails with a diff when
 * a normalised transcript (ids, tokens and times replaced) differs from the first app's.
 *
 * @example
 * describeCrmDifferential({ express: startExpress, fastify: startFastify });
 */
export function describeCrmDifferential(
  apps: Readonly<Record<string, StartCrmApp>>,
  cases: readonly CrmCase[] = CRM_CASES,
): void {
  const entries = Object.entries(apps);
  describe("CRM differential", () => {
    it("compares at least two apps", () => {
      expect(entries.length).toBeGreaterThanOrEqual(2);
    });
    for (const testCase of cases) {
      it(testCase.name, async () => {
        const [baselineName, startBaseline] = entries[0] as [string, StartCrmApp];
        const baseline = normalizeCrmTranscript(await runCrmCase(startBaseline, testCase));
        for (const [otherName, startOther] of entries.slice(1)) {
          const other = normalizeCrmTranscript(await runCrmCase(startOther, testCase));
          expect(other, `${otherName} answered differently from ${baselineName}`).toEqual(baseline);
        }
      });
    }
  });
}
