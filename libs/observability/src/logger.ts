import { hostname } from 'node:os';
import pino, { type DestinationStream, type LevelWithSilent, type Logger, type LoggerOptions } from 'pino';
import { logLevelFrom } from './log-level';
import { REDACT_PATHS, REDACTED } from './redaction';

export interface LogSettings {
  /** Which program writes the line: `web`, `pos`, `worker`, `cli`. */
  readonly app: string;
  /** Default: LOG_LEVEL, else `info` (`silent` under NODE_ENV=test). */
  readonly level?: LevelWithSilent;
  /** Default: this process's stdout. Tests pass a stream of their own and read the lines. */
  readonly destination?: DestinationStream;
}

/**
 * The one pino configuration every log of the system uses: JSON lines with an ISO time, the
 * app, and the same redaction, so a secret is kept out by configuration rather than by each
 * caller's care.
 */
export function loggerOptions(settings: Pick<LogSettings, 'app' | 'level'>): LoggerOptions {
  return {
    level: settings.level ?? logLevelFrom(),
    base: { app: settings.app, pid: process.pid, hostname: hostname() },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: [...REDACT_PATHS], censor: REDACTED },
    serializers: { err: pino.stdSerializers.err },
  };
}

export interface LoggerSettings extends LogSettings {
  /** Extra fields on every line, e.g. `{ channel: 'security' }`. */
  readonly bindings?: Readonly<Record<string, string>>;
  /** The key of the message (default `msg`). */
  readonly messageKey?: string;
}

export function createLogger(settings: LoggerSettings): Logger {
  const options = loggerOptions(settings);
  const logger = pino(
    { ...options, ...(settings.messageKey ? { messageKey: settings.messageKey } : {}) },
    settings.destination ?? stdoutDestination(),
  );
  return settings.bindings ? logger.child(settings.bindings) : logger;
}

let stdout: DestinationStream | undefined;

/**
 * One asynchronous writer on fd 1 for the whole process (the demo runs three apps in one), so
 * lines from different loggers never interleave mid-line; pino flushes it when the process exits.
 */
export function stdoutDestination(): DestinationStream {
  stdout ??= pino.destination({ dest: 1, sync: false });
  return stdout;
}

/** stderr, written synchronously: for a CLI whose stdout is its answer and which exits at once. */
export function stderrDestination(): DestinationStream {
  return pino.destination({ dest: 2, sync: true });
}
