import type { Logger } from "@bulwark/core";
import { pino } from "pino";
import { type CrmAppConfig, loadCrmAppConfig } from "./app-config.js";
import { type CrmRuntime, createCrmRuntime } from "./crm-runtime.js";
import type { CreateCrmServer } from "./crm-server.js";
import { handleShutdownSignals } from "./shutdown.js";

/** Options of `runCrmApp`. */
export interface RunCrmAppOptions {
  /** Name in the log lines, such as `crm-express`. */
  readonly name: string;
  /** Environment to read. Defaults to `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Writes the start banner; defaults to standard output. */
  readonly print?: (text: string) => void;
}

/**
 * Runs a reference app as a process. It loads the configuration with `loadCrmAppConfig`, logs JSON
 * lines with pino and builds the runtime, which seeds demo users and contacts into an empty
 * database unless `NODE_ENV` is production. Then it listens and prints the URL and, after seeding,
 * the demo logins.
 * SIGTERM and SIGINT stop accepting connections, wait for requests in flight, then close the
 * runtime's monitor, Redis and database.
 *
 * @example
 * await runCrmApp(createApp, { name: "crm-express" });
 */
export async function runCrmApp(
  createApp: CreateCrmServer<CrmRuntime>,
  options: RunCrmAppOptions,
): Promise<void> {
  const config: CrmAppConfig = loadCrmAppConfig(options.env ?? process.env);
  const logger: Logger = pino({
    name: options.name,
    level: config.nodeEnv === "test" ? "warn" : "info",
  });
  const print = options.print ?? ((text: string) => process.stdout.write(`${text}\n`));

  const runtime = await createCrmRuntime(config, {
    logger,
    seed: config.nodeEnv === "production" ? false : {},
  });
  const server = createApp(runtime);
  const { url } = await server.listen(config.port, config.host);
  logger.info(
    {
      url,
      database: runtime.database.kind,
      limiterStore: config.redisUrl === undefined ? "memory" : "redis",
    },
    "Listening",
  );
  handleShutdownSignals(async () => {
    await server.close();
    await runtime.close();
  }, logger);

  print(`${options.name} listening on ${url}`);
  if (runtime.seed.seeded) {
    print("Demo logins (development data, new passwords on every start):");
    for (const login of runtime.seed.logins) {
      print(`  ${login.role.padEnd(8)} ${login.username.padEnd(10)} ${login.password}`);
    }
  }
}
