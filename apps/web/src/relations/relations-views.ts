import type { MyRelationRequest, RelationRequestToDecide } from '@kk/identity';
import { t } from '@kk/texts';
import type { PageContext } from '../portal/page-context';
import { portalView } from '../portal/portal-views';
import type { FormErrors } from '../signup/form-errors';

/** The notices a redirect may name (`?besked=`); anything else shows nothing. */
export const RELATION_NOTICES = ['tilfoejet', 'afventer', 'godkendt', 'afvist', 'slettet', 'ukendt'] as const;
export type RelationNotice = (typeof RELATION_NOTICES)[number];

function isRelationNotice(value: unknown): value is RelationNotice {
  return (RELATION_NOTICES as readonly unknown[]).includes(value);
}

export function relationNotice(ctx: PageContext, value: unknown): string | undefined {
  return isRelationNotice(value) ? t(ctx.locale, `relations.notice.${value}`) : undefined;
}

export function addRelationPage(
  ctx: PageContext,
  page: { errors?: FormErrors; values?: { cardNumber?: string } } = {},
) {
  return portalView(ctx, 'relations.addTitle', {
    errors: {},
    values: {},
    ...page,
    cardHint: ctx.tenant.cardNumber.hint ?? '',
  });
}

export function relationRequestsPage(
  ctx: PageContext,
  mine: MyRelationRequest[],
  toDecide: RelationRequestToDecide[],
  notice?: string,
) {
  return portalView(ctx, 'relations.title', {
    ...(notice ? { notice } : {}),
    // The requester sees only the masked CPR they typed, never whose it is.
    mine: mine.map((r) => ({ requestId: r.requestId, cprMasked: r.cprMasked })),
    // The approver sees who asks (email and/or name), never a CPR.
    toDecide: toDecide.map((r) => ({
      requestId: r.requestId,
      cardholderName: r.cardholderName,
      requester: [r.requesterName, r.requesterEmail].filter(Boolean).join(', '),
    })),
  });
}
