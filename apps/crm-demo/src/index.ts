export { ATTACKS, type Attack, type AttackContext, type AttackResult } from "./attacks.js";
export {
  createDemoClient,
  type DemoClient,
  type DemoResponse,
  summarizeStatuses,
} from "./demo-client.js";
export { formatReport } from "./report.js";
export {
  type AttackRow,
  type DemoReport,
  FRAMEWORKS,
  type FrameworkName,
  runDemo,
} from "./run-demo.js";
