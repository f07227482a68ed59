import { describeConformance, describeErrorLogging, describeEvents } from "@bulwark/conformance";
import { createFastifyApp } from "./minimal-app.js";

describeConformance("fastify", createFastifyApp);
describeEvents("fastify", createFastifyApp);
describeErrorLogging("fastify", createFastifyApp);
