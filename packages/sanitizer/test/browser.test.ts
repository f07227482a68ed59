import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CORPORA_SKIP_REASON, HAS_CORPORA } from "@bulwark-test/support";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSanitizer } from "../src/index.js";
import { loadXssPayloads } from "./xss-corpus.js";

const CHROMIUM_PATH = "/usr/bin/chromium";
const BATCH_SIZE = 250;

// The page counts every way a payload could run script: dialogs, and a global that payloads
// written for this test suite would set. It serves no other resource.
const PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>sanitizer</title><script>
window.__executions = 0;
for (const name of ["alert", "confirm", "prompt", "print"]) {
  window[name] = () => { window.__executions += 1; };
}
window.__inspect = (root) => {
  // Descendants of the per-payload containers, not the containers themselves.
  const elements = [...root.querySelectorAll(":scope > div *")];
  let handlers = 0;
  let scriptUrls = 0;
  for (const element of elements) {
    for (const attribute of element.attributes) {
      if (attribute.name.toLowerCase().startsWith("on")) handlers += 1;
      const compact = attribute.value.replace(/[\\s\\u0000-\\u001F]+/g, "").toLowerCase();
      if (/^(javascript|vbscript|data):/.test(compact)) scriptUrls += 1;
    }
  }
  return {
    elements: elements.length,
    active: root.querySelectorAll(":scope > div :is(script, iframe, object, embed, frame, frameset, applet, base, meta, link, form, style)").length,
    handlers,
    scriptUrls,
  };
};
</script></head><body></body></html>`;

interface BatchReport {
  readonly elements: number;
  readonly active: number;
  readonly handlers: number;
  readonly scriptUrls: number;
  readonly executions: number;
}

/** Inserts each string with innerHTML into its own element, lets handlers fire, and inspects. */
async function insertBatch(page: Page, outputs: readonly string[]): Promise<BatchReport> {
  return page.evaluate(async (batch) => {
    const host = document.createElement("div");
    document.body.append(host);
    for (const html of batch) {
      const container = document.createElement("div");
      container.innerHTML = html;
      host.append(container);
    }
    // Event handlers such as onerror and onload run after the current task, so wait two frames
    // and a timer turn before counting.
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const found = (
      window as unknown as { __inspect: (root: Element) => Omit<BatchReport, "executions"> }
    ).__inspect(host);
    host.remove();
    return { ...found, executions: (window as unknown as { __executions: number }).__executions };
  }, outputs as string[]);
}

describe.skipIf(!HAS_CORPORA)(
  `sanitized XSS corpus in Chromium (${HAS_CORPORA ? "present" : CORPORA_SKIP_REASON})`,
  () => {
    let server: Server;
    let browser: BrowserContext;
    let page: Page;
    let userDataDir: string;
    let dialogs = 0;
    const payloads = loadXssPayloads();

    beforeAll(async () => {
      if (!existsSync(CHROMIUM_PATH)) {
        throw new Error(
          `Chromium not found at ${CHROMIUM_PATH}. Install it with: apt-get install -y chromium`,
        );
      }
      server = createServer((_request, response) => {
        response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
        response.end(PAGE);
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

      userDataDir = mkdtempSync(join(tmpdir(), "bulwark-chromium-"));
      // A fresh profile directory, passed the way Playwright expects instead of --user-data-dir.
      browser = await chromium.launchPersistentContext(userDataDir, {
        executablePath: CHROMIUM_PATH,
        args: [
          "--headless",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-quic",
          "--no-first-run",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
        ],
      });
      page = await browser.newPage();
      // Payloads name other hosts. Only the test server may be contacted; everything else is aborted.
      await page.route("**/*", (route) =>
        route.request().url().startsWith(`${origin}/`) ? route.continue() : route.abort(),
      );
      page.on("dialog", (dialog) => {
        dialogs += 1;
        void dialog.dismiss();
      });
      await page.goto(`${origin}/`);
    }, 60_000);

    afterAll(async () => {
      await browser?.close();
      await new Promise((resolve) => server?.close(resolve));
      if (userDataDir !== undefined) rmSync(userDataDir, { recursive: true, force: true });
    });

    async function insertAll(outputs: readonly string[]): Promise<BatchReport[]> {
      const reports: BatchReport[] = [];
      for (let start = 0; start < outputs.length; start += BATCH_SIZE) {
        reports.push(await insertBatch(page, outputs.slice(start, start + BATCH_SIZE)));
      }
      return reports;
    }

    it("detects script that does run", async () => {
      const [report] = await insertAll(['<img src="data:," onerror="alert(1)">']);
      expect(report?.handlers).toBe(1);
      expect(report?.executions).toBeGreaterThan(0);
    });

    function readExecutions(): Promise<number> {
      return page.evaluate(() => (window as unknown as { __executions: number }).__executions);
    }

    it("text fields create no element", async () => {
      const sanitizer = createSanitizer();
      const executionsBefore = await readExecutions();
      const dialogsBefore = dialogs;
      const reports = await insertAll(payloads.map((payload) => sanitizer.sanitize(payload).value));
      expect(reports.length).toBeGreaterThan(3);
      expect(reports.reduce((sum, report) => sum + report.elements, 0)).toBe(0);
      expect(reports.at(-1)?.executions).toBe(executionsBefore);
      expect(dialogs).toBe(dialogsBefore);
    }, 120_000);

    it("rich text fields run no script", async () => {
      const sanitizer = createSanitizer({ richTextPaths: ["**"] });
      const executionsBefore = await readExecutions();
      const dialogsBefore = dialogs;
      const { value } = await sanitizer.sanitizeAsync(payloads);
      const reports = await insertAll(value);
      expect(reports.reduce((sum, report) => sum + report.active, 0)).toBe(0);
      expect(reports.reduce((sum, report) => sum + report.handlers, 0)).toBe(0);
      expect(reports.reduce((sum, report) => sum + report.scriptUrls, 0)).toBe(0);
      expect(reports.at(-1)?.executions).toBe(executionsBefore);
      expect(dialogs).toBe(dialogsBefore);
    }, 120_000);
  },
);
