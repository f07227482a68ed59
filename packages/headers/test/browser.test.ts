/// <reference lib="dom" />
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer, type RequestListener, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSecurityHeaders } from "../src/index.js";

const CHROMIUM_PATH = "/usr/bin/chromium";
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

const strict = createSecurityHeaders({ preset: "strict" });

// A page with one script that carries the response's nonce, one inline script without it and one
// with a wrong nonce, as markup injected into the page would be.
function renderPage(nonce: string | undefined): string {
  return `<!doctype html><html><head><title>app</title></head><body>
<script nonce="${nonce ?? ""}">document.documentElement.dataset.withNonce = "ran";</script>
<script>document.documentElement.dataset.withoutNonce = "ran";</script>
<script nonce="AAAAAAAAAAAAAAAAAAAAAA==">document.documentElement.dataset.wrongNonce = "ran";</script>
<p id="content">app page</p>
</body></html>`;
}

/** Serves the app page with the strict preset's headers, or with none when `secured` is false. */
function appHandler(secured: boolean): RequestListener {
  return (_request, response) => {
    let nonce: string | undefined;
    if (secured) {
      const result = strict.forResponse({ https: false });
      nonce = result.nonce;
      for (const [name, value] of result.headers) response.setHeader(name, value);
    }
    response.setHeader("Content-Type", "text/html; charset=utf-8");
    response.end(renderPage(nonce));
  };
}

/** Serves a page from another origin that frames the URL in its `target` query parameter. */
const framerHandler: RequestListener = (request, response) => {
  const target = new URL(request.url ?? "/", "http://127.0.0.1").searchParams.get("target") ?? "";
  response.setHeader("Content-Type", "text/html; charset=utf-8");
  response.end(`<!doctype html><html><body>
<iframe id="frame" src="${encodeURI(target)}"></iframe>
</body></html>`);
};

async function listen(handler: RequestListener): Promise<{ server: Server; origin: string }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { server, origin: `http://127.0.0.1:${port}` };
}

async function close(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

describe("strict preset in Chromium", () => {
  let context: BrowserContext;
  let page: Page;
  let userDataDir: string;
  const servers: Server[] = [];
  let securedOrigin = "";
  let plainOrigin = "";
  let framerOrigin = "";

  beforeAll(async () => {
    if (!existsSync(CHROMIUM_PATH)) {
      throw new Error(
        `Chromium not found at ${CHROMIUM_PATH}. Install Debian's package with: apt-get install -y chromium`,
      );
    }
    const secured = await listen(appHandler(true));
    const plain = await listen(appHandler(false));
    const framer = await listen(framerHandler);
    servers.push(secured.server, plain.server, framer.server);
    securedOrigin = secured.origin;
    plainOrigin = plain.origin;
    framerOrigin = framer.origin;

    userDataDir = mkdtempSync(join(tmpdir(), "bulwark-headers-chromium-"));
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: CHROMIUM_ARGS,
    });
    page = context.pages()[0] ?? (await context.newPage());
  });

  afterAll(async () => {
    await context?.close();
    for (const server of servers) await close(server);
    if (userDataDir !== undefined) rmSync(userDataDir, { recursive: true, force: true });
  });

  async function loadFramed(target: string): Promise<string | undefined> {
    await page.goto(`${framerOrigin}/?target=${encodeURIComponent(`${target}/framed`)}`);
    const frameElement = await page.waitForSelector("#frame");
    const frame = await frameElement.contentFrame();
    if (frame === null) return undefined;
    await frame.waitForLoadState("load");
    if (!frame.url().startsWith(target)) return undefined;
    return frame.evaluate(() => document.getElementById("content")?.textContent ?? undefined);
  }

  it("frames the page without headers", async () => {
    expect(await loadFramed(plainOrigin)).toBe("app page");
  });

  it("blocks framing by another origin", async () => {
    expect(await loadFramed(securedOrigin)).toBeUndefined();
  });

  it("runs only the nonce script", async () => {
    await page.goto(`${securedOrigin}/page`);
    const dataset = await page.evaluate(() => ({ ...document.documentElement.dataset }));
    expect(dataset.withNonce).toBe("ran");
    expect(dataset.withoutNonce).toBeUndefined();
    expect(dataset.wrongNonce).toBeUndefined();
  });

  it("runs every script without headers", async () => {
    await page.goto(`${plainOrigin}/page`);
    const dataset = await page.evaluate(() => ({ ...document.documentElement.dataset }));
    expect(dataset.withNonce).toBe("ran");
    expect(dataset.withoutNonce).toBe("ran");
    expect(dataset.wrongNonce).toBe("ran");
  });
});
