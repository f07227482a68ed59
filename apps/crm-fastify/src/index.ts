export { buildFastifyApp, createApp } from "./create-app.js";
