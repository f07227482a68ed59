export { buildExpressApp, createApp } from "./create-app.js";
