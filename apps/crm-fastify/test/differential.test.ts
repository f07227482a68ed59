import { describeCrmDifferential, startCrmApp } from "@bulwark/conformance";
import { createApp as createExpressApp } from "@bulwark/crm-express";
import { createApp as createFastifyApp } from "../src/index.js";

describeCrmDifferential({
  express: () => startCrmApp(createExpressApp),
  fastify: () => startCrmApp(createFastifyApp),
});
