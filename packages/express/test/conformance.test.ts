import { describeConformance } from "@bulwark/conformance";
import { createExpressApp } from "./minimal-app.js";

describeConformance("express", createExpressApp);
