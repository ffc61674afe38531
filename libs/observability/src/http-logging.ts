import { IncomingMessage, type ServerResponse } from 'node:http';
import { RequestMethod } from '@nestjs/common';
import type { Params } from 'nestjs-pino';
import pino, { type Level, type LevelWithSilent } from 'pino';
import { pinoHttp, type HttpLogger, type Options } from 'pino-http';
import { loggerOptions, stdoutDestination, type LogSettings } from './logger';
import { isOpsRequest } from './ops-paths';
import { redactUrl, type SecretPathPrefix } from './redaction';
import { assignRequestId } from './request-id';

/** Who asked, as far as the app knows when the line is written; unknown fields are left out. */
export type RequestContext = Readonly<Record<string, string | undefined>>;

export interface HttpLoggingSettings extends LogSettings {
  /** Read when the request line is written, after the tenant middleware and the guards ran. */
  readonly requestContext: (req: IncomingMessage) => RequestContext;
  /** Path prefixes whose next segment is secret (the POS card number). */
  readonly secretPathPrefixes?: readonly SecretPathPrefix[];
  /** The level of a request answered below 400 (default `info`); the POS logs them at `debug`. */
  readonly successLevel?: Level;
}

export type LoggedRequest = IncomingMessage & { originalUrl?: string };
type CustomProps = NonNullable<Options<LoggedRequest, ServerResponse>['customProps']>;

/**
 * nestjs-pino's parameters: one JSON line per finished request with its request id (a
 * well-formed incoming X-Request-Id, else a UUID, echoed in the response), the tenant and
 * the caller, the URL with its secrets replaced, and the headers with credentials redacted.
 * Request bodies are never logged. Probes and scrapes are not logged.
 */
export function httpLoggerParams(settings: HttpLoggingSettings): Params {
  return {
    pinoHttp: [pinoHttpOptions(settings), settings.destination ?? stdoutDestination()],
    forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
  };
}

export interface FastifyHttpLogging {
  /** For LoggerModule.forRoot: Nest's own lines, and no middleware. */
  readonly params: Params;
  /** pino-http's request logger, for a Fastify onRequest hook (see instrumentFastify). */
  readonly logRequest: HttpLogger<LoggedRequest, ServerResponse>;
}

/**
 * The same request lines on Fastify, from pino-http called in a Fastify hook rather than as
 * Nest middleware, which would add @fastify/middie's matching, Nest's middleware proxy and
 * nestjs-pino's AsyncLocalStorage to every purchase (work the POS hot path does not need).
 * A line logged during a request then comes from `req.log` (with its reqId), not from
 * Nest's Logger.
 */
export function fastifyHttpLogging(settings: HttpLoggingSettings): FastifyHttpLogging {
  const options = pinoHttpOptions(settings);
  const destination = settings.destination ?? stdoutDestination();
  return {
    params: { pinoHttp: [options, destination], forRoutes: [] },
    logRequest: pinoHttp(options, destination),
  };
}

function pinoHttpOptions(settings: HttpLoggingSettings): Options<LoggedRequest, ServerResponse> {
  const base = loggerOptions(settings);
  const describe = requestDescription(settings.secretPathPrefixes ?? []);
  return {
    ...base,
    // Our own serializers see the raw request: no second copy of it is built per request.
    wrapSerializers: false,
    serializers: {
      req: skipRawRequest,
      res: (res: ServerResponse) => ({ statusCode: res.statusCode }),
      err: pino.stdSerializers.err,
    },
    // The request is described only on the line that is written (see skipRawRequest).
    customSuccessObject: (req, _res, line: object) => ({ ...line, req: describe(req) }),
    customErrorObject: (req, _res, _error, line: object) => ({ ...line, req: describe(req) }),
    genReqId: assignRequestId,
    // Lines logged by the app during a request carry just the id; the request line carries all.
    quietReqLogger: true,
    customProps: contextProps(settings.requestContext),
    customLogLevel: levelChooser(base.level ?? 'info', settings.successLevel ?? 'info'),
    autoLogging: { ignore: (req) => isOpsRequest(req.originalUrl ?? req.url) },
  };
}

/**
 * pino-http binds the raw request to a child logger at the start of every request, which
 * would serialize and redact its headers each time, logged or not (most POS requests are
 * not). Leaving it out there, the request line adds the description itself.
 */
function skipRawRequest(value: unknown): unknown {
  return value instanceof IncomingMessage ? undefined : value;
}

function requestDescription(secretPathPrefixes: readonly SecretPathPrefix[]) {
  return (req: LoggedRequest) => ({
    id: req.id,
    method: req.method,
    url: redactUrl(req.originalUrl ?? req.url ?? '', secretPathPrefixes),
    headers: req.headers,
    remoteAddress: req.socket?.remoteAddress,
  });
}

/**
 * 5xx `error`, 4xx `info`, the rest `successLevel`; `silent` when the logger would drop the
 * line anyway, so pino-http does not build it (the POS answers thousands a second).
 */
function levelChooser(threshold: string, successLevel: Level) {
  const enabled = (level: Level): boolean => pino.levels.values[level] >= (pino.levels.values[threshold] ?? Infinity);
  return (_req: LoggedRequest, res: ServerResponse, error?: Error): LevelWithSilent => {
    const level: Level = error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'info' : successLevel;
    return enabled(level) ? level : 'silent';
  };
}

/**
 * The known context fields, or `undefined` while none is known (at the start of a request):
 * pino-http then makes no child logger for it, one fewer per request. pino-http handles an
 * undefined result; its types do not admit one, hence the cast.
 */
function contextProps(requestContext: (req: IncomingMessage) => RequestContext): CustomProps {
  const props = (req: LoggedRequest): RequestContext | undefined => {
    let known: Record<string, string> | undefined;
    for (const [key, value] of Object.entries(requestContext(req))) {
      if (value !== undefined) (known ??= {})[key] = value;
    }
    return known;
  };
  return props as CustomProps;
}
