export { LOG_LEVELS, isLogLevel, logLevelFrom } from './log-level';
export {
  REDACTED,
  REDACT_PATHS,
  SECRET_FIELDS,
  SECRET_QUERY_PARAMETERS,
  redactUrl,
  type SecretPathPrefix,
} from './redaction';
export {
  createLogger,
  loggerOptions,
  stderrDestination,
  stdoutDestination,
  type LogSettings,
  type LoggerSettings,
} from './logger';
export { PinoNestLogger } from './nest-logger';
export { REQUEST_ID_HEADER, assignRequestId, requestIdFrom } from './request-id';
export {
  fastifyHttpLogging,
  httpLoggerParams,
  type FastifyHttpLogging,
  type HttpLoggingSettings,
  type LoggedRequest,
  type RequestContext,
} from './http-logging';
export { OPS_ROUTES, isOpsRequest } from './ops-paths';
export { MetricsRegistry, UNMATCHED_ROUTE } from './metrics';
export { countExpressRequests, fastifyRequestId, instrumentFastify } from './http-instrumentation';
export {
  HealthChecks,
  HealthModule,
  READINESS_TARGETS,
  type HealthAnswer,
  type PingableDatabase,
  type PingableRedis,
  type ReadinessTargets,
} from './health';
export { replyHealth, replyMetrics, type OpsReply } from './ops-reply';
