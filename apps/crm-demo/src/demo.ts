import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pino } from "pino";
import { formatReport } from "./report.js";
import { runDemo } from "./run-demo.js";

const logDir = mkdtempSync(join(tmpdir(), "bulwark-demo-"));
const logFile = join(logDir, "apps.log");
// JSON log lines of both apps, security events included, go to a file so the table stays readable.
const logger = pino({ level: "info" }, pino.destination({ dest: logFile, sync: true }));

const started = Date.now();
const report = await runDemo({ progress: (line) => console.log(line), logger });
console.log(formatReport(report));
console.log(`\nApp logs (JSON lines): ${logFile}`);
console.log(`Finished in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
process.exitCode = report.passed ? 0 : 1;
