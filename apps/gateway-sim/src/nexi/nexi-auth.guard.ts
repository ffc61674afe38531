import { timingSafeEqual } from 'node:crypto';
import { createParamDecorator, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { NexiMerchant } from '../merchant-credentials';
import { NexiUnauthorizedError } from './nexi-errors';

interface NexiRequest extends Request {
  nexiMerchant?: NexiMerchant;
}

/** The configured Nexi merchants, found by the secret key a request sends. */
export class NexiMerchants {
  constructor(private readonly merchants: readonly NexiMerchant[]) {}

  bySecretKey(authorization: string | undefined): NexiMerchant | undefined {
    if (authorization === undefined || authorization === '') return undefined;
    const given = Buffer.from(authorization);
    return this.merchants.find((merchant) => {
      const expected = Buffer.from(merchant.secretKey);
      return expected.length === given.length && timingSafeEqual(expected, given);
    });
  }
}

/** Nexi's authentication: the Authorization header is the secret key itself, no "Bearer". */
@Injectable()
export class NexiAuthGuard implements CanActivate {
  constructor(private readonly merchants: NexiMerchants) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<NexiRequest>();
    const merchant = this.merchants.bySecretKey(request.headers.authorization);
    if (!merchant) throw new NexiUnauthorizedError();
    request.nexiMerchant = merchant;
    return true;
  }
}

/** The merchant NexiAuthGuard found for this request. */
export const CurrentNexiMerchant = createParamDecorator((_data: unknown, context: ExecutionContext): NexiMerchant => {
  const merchant = context.switchToHttp().getRequest<NexiRequest>().nexiMerchant;
  if (!merchant) throw new NexiUnauthorizedError();
  return merchant;
});
