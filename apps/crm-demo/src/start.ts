import { parseArgs } from "node:util";
import { runCrmApp } from "@bulwark/crm-domain";
import { FRAMEWORKS, type FrameworkName } from "./run-demo.js";

const { values } = parseArgs({
  options: { framework: { type: "string", default: "express" } },
  strict: true,
});
const framework = values.framework as string;
if (!Object.hasOwn(FRAMEWORKS, framework)) {
  console.error(`--framework must be express or fastify, got "${framework}".`);
  process.exit(2);
}
if (process.env.NODE_ENV === "production") {
  console.error(
    "pnpm start is for development: it seeds demo users. Run the app's dist/main.js instead.",
  );
  process.exit(2);
}

await runCrmApp(FRAMEWORKS[framework as FrameworkName], { name: `crm-${framework}` });
