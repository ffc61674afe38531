import type { MyRelationRequest, RelationRequestToDecide } from '@kk/identity';
import { t } from '@kk/texts';
import { portalView, type FormErrors, type PageContext } from '../kit';

/** The notices a redirect may name (`?besked=`); anything else shows nothing. */
export const RELATION_NOTICES = ['tilfoejet', 'afventer', 'godkendt', 'afvist', 'slettet', 'ukendt'] as const;
export type RelationNotice = (typeof RELATION_NOTICES)[number];

function isRelationNotice(value: unknown): value is RelationNotice {
  return (RELATION_NOTICES as readonly unknown[]).includes(value);
}

export function relationNotice(page: PageContext, value: unknown): string | undefined {
  return isRelationNotice(value) ? t(page.locale, `relations.notice.${value}`) : undefined;
}

/** "Tilføj konto"; after a failure with its error and the card number typed (the CPR is never echoed back). */
export function addRelationPage(page: PageContext, failed?: { errors: FormErrors; cardNumber: string }) {
  return portalView(page, 'relations.addTitle', {
    errors: failed?.errors ?? {},
    values: failed ? { cardNumber: failed.cardNumber } : {},
    cardHint: page.tenant.cardNumber.hint ?? '',
  });
}

export function relationRequestsPage(
  page: PageContext,
  mine: MyRelationRequest[],
  toDecide: RelationRequestToDecide[],
  notice?: string,
) {
  return portalView(page, 'relations.title', {
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
