import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'pos:isPublic';

/** Marks a route as reachable without a till key; every other route requires one. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);
