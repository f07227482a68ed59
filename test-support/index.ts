export {
  CORPORA_DIR,
  CORPORA_SKIP_REASON,
  corpusPath,
  HAS_CORPORA,
  readCorpus,
  readCorpusLines,
} from "./corpora.js";
export {
  findPostgresBin,
  getTestDatabaseUrl,
  hasPostgresServer,
  POSTGRES_SKIP_REASON,
  stopTestDatabaseServer,
} from "./postgres-server.js";
export {
  findFreePort,
  getSharedRedisUrl,
  hasRedisServer,
  type RedisServerHandle,
  startRedisServer,
} from "./redis-server.js";
