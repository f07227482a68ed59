import { runCrmApp } from "@bulwark/crm-domain";
import { createApp } from "./create-app.js";

await runCrmApp(createApp, { name: "crm-express" });
