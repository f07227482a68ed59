import { getSharedRedisUrl } from "@bulwark-test/support";
import { createExpressApp } from "../../express/test/minimal-app.js";
import { createFastifyApp } from "../../fastify/test/minimal-app.js";
import { describeSharedStore } from "../src/index.js";

// getSharedRedisUrl fails with an install hint when redis-server is missing.
describeSharedStore(
  "express and fastify",
  { express: createExpressApp, fastify: createFastifyApp },
  getSharedRedisUrl,
);
