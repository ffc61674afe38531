import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC_KEY = 'kk:isPublic';

/**
 * Marks a route (or a whole controller) as reachable without login. Every route must carry
 * this or a guard; test/web/public-routes.e2e-spec.ts fails on one that has neither.
 */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC_KEY, true);
