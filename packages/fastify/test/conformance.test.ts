import { describeConformance } from "@bulwark/conformance";
import { createFastifyApp } from "./minimal-app.js";

describeConformance("fastify", createFastifyApp);
