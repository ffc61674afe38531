import { Inject, Injectable } from '@nestjs/common';
import { CardholdersRepository } from '@kk/cardholders';
import type { WalletLowBalancePayload } from '@kk/jobs';
import type { EmailOutbox } from '@kk/notifications';
import { TenantRegistry, type TenantConfig } from '@kk/tenancy';
import { TenantTransactions } from '@kk/tenant-transactions';
import { decideAlert, type AlertDecision } from './alert-rule';
import {
  alertSent,
  highestBalanceBetween,
  lockActiveSubscriptions,
  purchaseFacts,
  recordAlert,
  type ActiveSubscription,
  type PurchaseFacts,
} from './balance-alerts.queries';

export interface LowBalanceAlerterOptions {
  /** Seals the e-mails into the outbox, as the portal's (the worker's e-mail processor sends them). */
  readonly emailOutbox: EmailOutbox;
  /** A tenant host's public origin (PUBLIC_BASE_URL_TEMPLATE), for the e-mail's links. */
  readonly publicOrigin: (host: string) => string;
}

export const LOW_BALANCE_ALERTER_OPTIONS = Symbol('LOW_BALANCE_ALERTER_OPTIONS');

/** Per subscription of the account: what this event did; `alreadySent`: an earlier delivery sent it. */
export type AlertOutcome = AlertDecision | 'alreadySent';

/**
 * The alert effect of one `wallet.low_balance` outbox row. In one tenant transaction, with the
 * account's subscriptions locked: each subscription whose rule says send gets its e-mail as an
 * outbox row of its own and a balance_alerts row keyed by (event, subscription). Both commit
 * together or not at all, so a redelivered job, a job the sweep re-enqueued, or two deliveries
 * at once send each alert once. It never marks the event processed: the auto top-up, which
 * runs after it in the same job, does (apps/worker/src/top-up).
 */
@Injectable()
export class LowBalanceAlerter {
  constructor(
    private readonly transactions: TenantTransactions,
    private readonly tenants: TenantRegistry,
    private readonly holders: CardholdersRepository,
    @Inject(LOW_BALANCE_ALERTER_OPTIONS) private readonly options: LowBalanceAlerterOptions,
  ) {}

  onLowBalance(tenantId: string, outboxId: string, event: WalletLowBalancePayload): Promise<AlertOutcome[]> {
    return this.transactions.run(tenantId, async () => {
      const tx = this.transactions.current();
      const subscriptions = await lockActiveSubscriptions(tx, event.accountId);
      if (subscriptions.length === 0) return [];
      const purchase = await purchaseFacts(tx, event.purchaseId);
      if (!purchase) return [];
      const tenant = this.tenants.require(tenantId);
      const outcomes: AlertOutcome[] = [];
      for (const subscription of subscriptions) {
        outcomes.push(await this.decide(tenant, outboxId, event, purchase, subscription));
      }
      return outcomes;
    });
  }

  private async decide(
    tenant: TenantConfig,
    outboxId: string,
    event: WalletLowBalancePayload,
    purchase: PurchaseFacts,
    subscription: ActiveSubscription,
  ): Promise<AlertOutcome> {
    const tx = this.transactions.current();
    if (await alertSent(tx, outboxId, subscription.id)) return 'alreadySent';
    const highest = subscription.lastAlertAt
      ? await highestBalanceBetween(tx, event.accountId, {
          after: subscription.lastAlertAt,
          upTo: purchase.at,
          balanceAtUpTo: event.balance,
        })
      : null;
    const decision = decideAlert({
      below: subscription.below,
      balanceAfter: event.balance,
      purchasedAt: purchase.at,
      lastAlertAt: subscription.lastAlertAt,
      highestSinceLastAlert: highest,
    });
    if (decision !== 'send') return decision;
    const emailOutboxId = await this.options.emailOutbox.enqueue(
      tx,
      tenant,
      subscription.email,
      'low-balance-alert',
      subscription.locale,
      {
        // A name is what the e-mail says; a holder always exists, the dash only guards the template.
        accountHolderName: (await this.holders.nameOfAccountHolder(event.accountId)) ?? '–',
        balance: event.balance,
        below: subscription.below,
        purchasedAt: purchase.at,
        place: `${purchase.tillName}, ${purchase.unitName}`,
        ...this.links(tenant, event.accountId),
      },
    );
    await recordAlert(tx, {
      outboxId,
      subscriptionId: subscription.id,
      accountId: event.accountId,
      purchaseId: event.purchaseId,
      purchasedAt: purchase.at,
      balance: event.balance,
      below: subscription.below,
      emailOutboxId,
    });
    return 'send';
  }

  private links(tenant: TenantConfig, accountId: string): { depositUrl: string; settingsUrl: string } {
    const origin = this.options.publicOrigin(tenant.hosts[0]);
    return {
      depositUrl: `${origin}/konti/${accountId}/indbetal`,
      settingsUrl: `${origin}/konti/${accountId}/saldo-besked`,
    };
  }
}
