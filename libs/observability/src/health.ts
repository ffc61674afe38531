import { Inject, Injectable, Logger, Module, ServiceUnavailableException, type DynamicModule } from '@nestjs/common';
import {
  HealthCheckService,
  HealthIndicatorService,
  TerminusModule,
  type HealthCheckResult,
  type HealthIndicatorResult,
} from '@nestjs/terminus';

/** The database as readiness sees it: the app's own pool, as the app role. */
export interface PingableDatabase {
  readonly isInitialized: boolean;
  query(sql: string): Promise<unknown>;
}

/** Redis as readiness sees it (an ioredis client: the portal's, a Bull queue's). */
export interface PingableRedis {
  readonly status: string;
  ping(): Promise<string>;
}

/** What an app needs to serve: readiness fails while any of them does not answer. */
export interface ReadinessTargets {
  readonly database?: PingableDatabase;
  readonly redis?: PingableRedis;
}

export const READINESS_TARGETS = Symbol('READINESS_TARGETS');

const PROBE_TIMEOUT_MS = 1_000;

export interface HealthAnswer {
  readonly status: 200 | 503;
  readonly body: HealthCheckResult;
}

/**
 * Liveness (the process answers) and readiness (its database and Redis answer) through
 * terminus. A probe's answer names what is down but not why: the cause (an address, a
 * driver message) goes to the log, as the probes are reachable from outside.
 */
@Injectable()
export class HealthChecks {
  private readonly logger = new Logger('Health');

  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Inject(READINESS_TARGETS) private readonly targets: ReadinessTargets,
  ) {}

  live(): Promise<HealthAnswer> {
    return answer(() =>
      this.health.check([() => this.indicators.check('process').up({ uptimeSeconds: Math.round(process.uptime()) })]),
    );
  }

  ready(): Promise<HealthAnswer> {
    const { database, redis } = this.targets;
    return answer(() =>
      this.health.check([
        ...(database ? [() => this.probe('database', () => pingDatabase(database))] : []),
        ...(redis ? [() => this.probe('redis', () => pingRedis(redis))] : []),
      ]),
    );
  }

  private probe(key: string, ping: () => Promise<void>): PromiseLike<HealthIndicatorResult> {
    return this.indicators
      .check(key)
      .attempt(async () => {
        try {
          await ping();
        } catch (error) {
          this.logger.warn(`readiness: ${key} failed: ${error instanceof Error ? error.message : String(error)}`);
          throw new Error(`${key} did not answer`);
        }
      })
      .withTimeout(PROBE_TIMEOUT_MS);
  }
}

async function pingDatabase(database: PingableDatabase): Promise<void> {
  if (!database.isInitialized) throw new Error('the data source is not initialised');
  await database.query('SELECT 1');
}

async function pingRedis(redis: PingableRedis): Promise<void> {
  // A client that gave up would queue the command for ever; one still connecting gets the
  // probe's timeout to answer.
  if (redis.status === 'end') throw new Error('the connection was closed');
  await redis.ping();
}

/** terminus throws its error body as a 503; an answer carries it instead, for any platform. */
async function answer(check: () => Promise<HealthCheckResult>): Promise<HealthAnswer> {
  try {
    return { status: 200, body: await check() };
  } catch (error) {
    if (error instanceof ServiceUnavailableException) {
      return { status: 503, body: error.getResponse() as HealthCheckResult };
    }
    throw error;
  }
}

/** terminus and the health checks of one app, with what its readiness depends on. */
@Module({})
export class HealthModule {
  static forRoot(targets: ReadinessTargets): DynamicModule {
    return {
      module: HealthModule,
      imports: [TerminusModule.forRoot()],
      providers: [{ provide: READINESS_TARGETS, useValue: targets }, HealthChecks],
      exports: [HealthChecks],
    };
  }
}
