import { describeConformance, describeErrorLogging, describeEvents } from "@bulwark/conformance";
import { createExpressApp } from "./minimal-app.js";

describeConformance("express", createExpressApp);
describeEvents("express", createExpressApp);
describeErrorLogging("express", createExpressApp);
