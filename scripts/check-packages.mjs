#!/usr/bin/env node
// Packs every public workspace package, lints each tarball with publint and
// @arethetypeswrong/cli, then installs all tarballs into a throwaway consumer project and
// loads each package through ESM import, CJS require and TypeScript (nodenext and bundler).
// Run after `pnpm build`. Exits non-zero on the first problem, naming the package.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
const bin = (name) => join(root, "node_modules", ".bin", name);

function run(command, args, cwd) {
  execFileSync(command, args, { cwd, stdio: "inherit" });
}

function listPublicPackages() {
  const packagesDir = join(root, "packages");
  return readdirSync(packagesDir)
    .map((name) => join(packagesDir, name))
    .filter((dir) => existsSync(join(dir, "package.json")))
    .map((dir) => ({ dir, manifest: JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) }))
    .filter(({ manifest }) => manifest.private !== true);
}

const ADAPTER_FRAMEWORKS = { express: "^5.1.0", "@types/express": "^5.0.0", fastify: "^5.0.0" };

const ADAPTER_FIXTURE = `import express from "express";
import Fastify from "fastify";
import { bulwark } from "@bulwark/express";
import bulwarkFastify from "@bulwark/fastify";

const app = express();
app.use(bulwark());
app.get("/", (req, res) => {
  const ip: string | undefined = req.clientIp;
  res.json({ ip, id: req.requestId });
});

const server = Fastify();
await server.register(bulwarkFastify);
server.get("/", { config: { rateLimit: "api" } }, async (request, reply) => {
  const nonce: string | undefined = reply.cspNonce;
  return { ip: request.clientIp, id: request.requestId, nonce };
});
`;

const work = mkdtempSync(join(tmpdir(), "bulwark-pack-"));
try {
  const packages = listPublicPackages();
  const tarballs = {};

  for (const { dir, manifest } of packages) {
    const before = new Set(readdirSync(work));
    run("pnpm", ["pack", "--pack-destination", work], dir);
    const tarball = readdirSync(work).find((file) => !before.has(file) && file.endsWith(".tgz"));
    if (tarball === undefined)
      throw new Error(`pnpm pack produced no tarball for ${manifest.name}`);
    tarballs[manifest.name] = join(work, tarball);

    console.log(`\n== publint ${manifest.name}`);
    run(bin("publint"), ["run", tarballs[manifest.name], "--strict"], root);
    console.log(`\n== attw ${manifest.name}`);
    run(bin("attw"), [tarballs[manifest.name], "--format", "table-flipped"], root);
  }

  console.log("\n== consumer fixtures");
  const consumer = join(work, "consumer");
  run("mkdir", ["-p", consumer], work);
  const dependencies = Object.fromEntries(
    Object.entries(tarballs).map(([name, path]) => [name, `file:${path}`]),
  );
  // npm overrides make each tarball satisfy the others' workspace dependencies.
  writeFileSync(
    join(consumer, "package.json"),
    JSON.stringify(
      {
        name: "consumer",
        private: true,
        // The adapters' peer frameworks, so a fixture can use the request properties they declare.
        dependencies: { ...ADAPTER_FRAMEWORKS, ...dependencies },
        overrides: dependencies,
      },
      null,
      2,
    ),
  );
  run("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error"], consumer);

  const names = Object.keys(tarballs);
  const esm = names.map((name, i) => `import * as m${i} from "${name}";`).join("\n");
  const esmCheck = names
    .map(
      (name, i) =>
        `if (Object.keys(m${i}).length === 0) throw new Error("${name}: no ESM exports");`,
    )
    .join("\n");
  writeFileSync(join(consumer, "esm.mjs"), `${esm}\n${esmCheck}\nconsole.log("ESM import ok");\n`);
  const cjs = names
    .map(
      (name) =>
        `if (Object.keys(require("${name}")).length === 0) throw new Error("${name}: no CJS exports");`,
    )
    .join("\n");
  writeFileSync(join(consumer, "cjs.cjs"), `${cjs}\nconsole.log("CJS require ok");\n`);
  run(process.execPath, ["esm.mjs"], consumer);
  run(process.execPath, ["cjs.cjs"], consumer);

  const typeImports = names
    .map((name, i) => `import * as t${i} from "${name}";\nvoid t${i};`)
    .join("\n");
  writeFileSync(join(consumer, "types.mts"), `${typeImports}\n`);
  // Each adapter augments its framework's request type. Using the added properties proves that the
  // augmentation ships in the published declaration files.
  writeFileSync(join(consumer, "adapters.mts"), ADAPTER_FIXTURE);
  for (const [module, resolution] of [
    ["nodenext", "nodenext"],
    ["preserve", "bundler"],
  ]) {
    run(
      bin("tsc"),
      [
        "--noEmit",
        "--strict",
        "--skipLibCheck",
        "false",
        "--types",
        "node",
        "--typeRoots",
        join(root, "node_modules", "@types"),
        "--module",
        module,
        "--moduleResolution",
        resolution,
        "--target",
        "es2022",
        "types.mts",
        "adapters.mts",
      ],
      consumer,
    );
    console.log(`TypeScript ${resolution} ok`);
  }
  console.log(`\nChecked ${names.length} package(s): ${names.join(", ")}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
