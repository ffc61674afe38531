import { createParamDecorator, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { MobilePayMerchant } from '../merchant-credentials';
import { AccessTokens } from './access-tokens';
import { MobilePayMerchants, sameSecret } from './mobilepay-merchants';
import { AccessTokenRefused, ApimSubscriptionKeyRefused, unauthorizedProblem } from './mobilepay-problems';

interface MobilePayRequest extends Request {
  mobilePayMerchant?: MobilePayMerchant;
}

function header(request: Request, name: string): string | undefined {
  const value = request.headers[name.toLowerCase()];
  return typeof value === 'string' ? value : undefined;
}

/** The API gateway's first check on every call: a subscription key it knows. */
function subscriptionKeyHolder(merchants: MobilePayMerchants, request: Request): MobilePayMerchant {
  const merchant = merchants.bySubscriptionKey(header(request, 'Ocp-Apim-Subscription-Key'));
  if (!merchant) throw new ApimSubscriptionKeyRefused();
  return merchant;
}

/** `POST /accesstoken/get`: the sales unit whose client_id, client_secret, key and MSN were sent. */
export function authenticateClient(merchants: MobilePayMerchants, request: Request): MobilePayMerchant {
  const merchant = subscriptionKeyHolder(merchants, request);
  const clientId = header(request, 'client_id');
  const msn = header(request, 'Merchant-Serial-Number');
  if (clientId !== merchant.clientId || !sameSecret(merchant.clientSecret, header(request, 'client_secret'))) {
    throw new AccessTokenRefused('The client_id and client_secret do not match a sales unit of this subscription key.');
  }
  if (msn !== undefined && msn !== merchant.merchantSerialNumber) {
    throw new AccessTokenRefused('The Merchant-Serial-Number does not belong to these API keys.');
  }
  return merchant;
}

/** Every other call: the Bearer token, with the same sales unit's subscription key and MSN beside it. */
@Injectable()
export class MobilePayAuthGuard implements CanActivate {
  constructor(
    private readonly merchants: MobilePayMerchants,
    private readonly tokens: AccessTokens,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<MobilePayRequest>();
    const keyHolder = subscriptionKeyHolder(this.merchants, request);
    const bearer = /^Bearer (\S+)$/.exec(header(request, 'Authorization') ?? '');
    const merchant = bearer ? this.tokens.verify(bearer[1]) : undefined;
    if (!merchant) throw unauthorizedProblem('The access token is missing, invalid or expired.');
    if (merchant.clientId !== keyHolder.clientId) {
      throw unauthorizedProblem('The access token and the subscription key belong to different sales units.');
    }
    if (header(request, 'Merchant-Serial-Number') !== merchant.merchantSerialNumber) {
      throw unauthorizedProblem('The Merchant-Serial-Number header does not match the access token.');
    }
    request.mobilePayMerchant = merchant;
    return true;
  }
}

export const CurrentMobilePayMerchant = createParamDecorator(
  (_data: unknown, context: ExecutionContext): MobilePayMerchant => {
    const merchant = context.switchToHttp().getRequest<MobilePayRequest>().mobilePayMerchant;
    if (!merchant) throw unauthorizedProblem('Not authenticated.');
    return merchant;
  },
);
