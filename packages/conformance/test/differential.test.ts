import { createExpressApp } from "../../express/test/minimal-app.js";
import { createFastifyApp } from "../../fastify/test/minimal-app.js";
import { describeDifferential } from "../src/index.js";

describeDifferential("express and fastify", {
  express: createExpressApp,
  fastify: createFastifyApp,
});
