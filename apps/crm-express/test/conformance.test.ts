import { describeCrmConformance, startCrmApp } from "@bulwark/conformance";
import { createApp } from "../src/index.js";

describeCrmConformance("crm-express", () => startCrmApp(createApp));
