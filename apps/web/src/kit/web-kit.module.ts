import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import type Redis from 'ioredis';
import type { DestinationStream } from 'pino';
import { createCsrf } from './csrf';
import { UnreadableFormFilter } from './form';
import {
  CSRF,
  PORTAL_REDIS,
  PUBLIC_ORIGIN,
  RATE_LIMIT_SETTINGS,
  SECURE_COOKIES,
  SECURITY_EVENT_DESTINATION,
  SESSION_MIDDLEWARE,
  SESSION_SECRET,
} from './kit-tokens';
import { portalSession } from './portal-session';
import { PublicLinks } from './public-links';
import { RateLimitedFilter, RateLimitGuard, RateLimiters, type RateLimitSettings } from './rate-limits';
import { SecurityEventLog } from './security-event-log';
import { SessionValidityMiddleware } from './session-validity.middleware';
import { SignedInGuard } from './signed-in.guard';
import { SignInRequiredFilter } from './sign-in-required';

/** What the web kit's providers are built from; each value gets its own token (kit-tokens.ts). */
export interface WebKitOptions {
  /** Sessions and rate-limit counters live here. */
  readonly redis: Redis;
  /** Signs the session cookie and the CSRF tokens. */
  readonly sessionSecret: string;
  /** Secure, `__Host-` cookies: wherever the public origin is https. */
  readonly secureCookies: boolean;
  /** A tenant host's public origin (PUBLIC_BASE_URL_TEMPLATE): links in e-mails, the OIDC redirect. */
  readonly publicOrigin: (host: string) => string;
  /** Production uses the defaults; tests lower or raise single numbers. */
  readonly rateLimits?: Partial<RateLimitSettings>;
  /** Where the security event log writes; stdout unless given (tests collect its lines). */
  readonly securityEventDestination?: DestinationStream;
}

const SERVICES = [
  SecurityEventLog,
  RateLimiters,
  RateLimitGuard,
  RateLimitedFilter,
  PublicLinks,
  SessionValidityMiddleware,
];

/**
 * The portal's shared web services, global so that every feature module injects them: the
 * session and CSRF middleware (applied by the portal's composition root, which knows the
 * routes outside them), the security event log, rate limits, e-mail links, and the global
 * sign-in guard with its filters.
 */
@Module({})
export class WebKitModule {
  static forRoot(options: WebKitOptions): DynamicModule {
    const values = [
      { provide: PORTAL_REDIS, useValue: options.redis },
      { provide: SESSION_SECRET, useValue: options.sessionSecret },
      { provide: SECURE_COOKIES, useValue: options.secureCookies },
      { provide: PUBLIC_ORIGIN, useValue: options.publicOrigin },
      { provide: RATE_LIMIT_SETTINGS, useValue: options.rateLimits ?? {} },
      ...(options.securityEventDestination
        ? [{ provide: SECURITY_EVENT_DESTINATION, useValue: options.securityEventDestination }]
        : []),
    ];
    const middleware = [
      {
        provide: SESSION_MIDDLEWARE,
        inject: [PORTAL_REDIS, SESSION_SECRET, SECURE_COOKIES],
        useFactory: (redis: Redis, secret: string, secureCookies: boolean) =>
          portalSession({ redis, secret, secureCookies }),
      },
      {
        provide: CSRF,
        inject: [SESSION_SECRET, SECURE_COOKIES],
        useFactory: (secret: string, secureCookies: boolean) => createCsrf({ secret, secureCookies }),
      },
    ];
    const exported = [PORTAL_REDIS, SESSION_SECRET, SECURE_COOKIES, PUBLIC_ORIGIN, SESSION_MIDDLEWARE, CSRF];
    return {
      module: WebKitModule,
      global: true,
      providers: [
        ...values,
        ...middleware,
        ...SERVICES,
        { provide: APP_GUARD, useClass: SignedInGuard },
        { provide: APP_FILTER, useClass: SignInRequiredFilter },
        { provide: APP_FILTER, useClass: UnreadableFormFilter },
      ],
      exports: [...exported, ...SERVICES],
    };
  }
}
