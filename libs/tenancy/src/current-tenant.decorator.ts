import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { currentTenant } from './tenant-context';
import type { TenantConfig } from './tenant-config.schema';

/** Controller parameter: the tenant that TenantHostMiddleware put on the request. */
export const CurrentTenant = createParamDecorator((_data: unknown, context: ExecutionContext): TenantConfig =>
  currentTenant(context.switchToHttp().getRequest<object>()),
);
