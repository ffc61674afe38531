import { Logger } from '@nestjs/common';
import type { Job } from 'bull';
import type { QueueJobData } from '@kk/jobs';
import { MetricsRegistry } from '@kk/observability';
import type { TopUpCharger } from '@kk/payments';
import type { BalanceAlertStep } from '../balance-alerts/balance-alert.step';
import { TopUpMetrics } from './top-up-metrics';
import { TopUpConsumer } from './top-up.consumer';

const data: QueueJobData['balance-events'] = {
  tenantId: 'sctibs',
  outboxId: '00000000-0000-4000-8000-000000000001',
  topic: 'wallet.low_balance',
  createdAt: '2026-03-02T11:00:00.000Z',
  payload: { accountId: '00000000-0000-4000-8000-0000000000aa', purchaseId: 'p1', balance: 4_000 },
};
const job = { data } as Job<QueueJobData['balance-events']>;

function consumerWith(alertFailure: Error | undefined) {
  const charger = { onLowBalance: jest.fn(async () => 'completed' as const) };
  const alerts = { run: jest.fn(async () => alertFailure) };
  const consumer = new TopUpConsumer(
    charger as unknown as TopUpCharger,
    new TopUpMetrics(new MetricsRegistry()),
    alerts as unknown as BalanceAlertStep,
  );
  return { consumer, charger, alerts };
}

beforeAll(() => {
  Logger.overrideLogger(false);
});

describe('TopUpConsumer', () => {
  it('decides the alerts, then charges the top-up, which marks the event processed', async () => {
    const { consumer, charger, alerts } = consumerWith(undefined);
    expect(await consumer.handle(job)).toBe('completed');
    expect(alerts.run).toHaveBeenCalledWith(data);
    expect(charger.onLowBalance).toHaveBeenCalledWith(data.tenantId, data.outboxId, data.payload);
  });

  // The sweep brings back only unprocessed events: were the charger to run (and mark the row
  // processed) after a failed alert, a retry lost with Redis would lose the alert for good.
  it('ends the job before the charger when the alerts failed, so the event stays unprocessed', async () => {
    const failure = new Error('e-mail outbox unavailable');
    const { consumer, charger } = consumerWith(failure);
    await expect(consumer.handle(job)).rejects.toBe(failure);
    expect(charger.onLowBalance).not.toHaveBeenCalled();
  });
});
