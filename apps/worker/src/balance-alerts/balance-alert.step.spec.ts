import { Logger } from '@nestjs/common';
import type { AlertOutcome, LowBalanceAlerter } from '@kk/balance-alerts';
import type { QueueJobData } from '@kk/jobs';
import { MetricsRegistry } from '@kk/observability';
import { BalanceAlertMetrics } from './balance-alert-metrics';
import { BalanceAlertStep } from './balance-alert.step';

const job: QueueJobData['balance-events'] = {
  tenantId: 'sctibs',
  outboxId: '00000000-0000-4000-8000-000000000001',
  topic: 'wallet.low_balance',
  createdAt: '2026-03-02T11:00:00.000Z',
  payload: { accountId: '00000000-0000-4000-8000-0000000000aa', purchaseId: 'p1', balance: 4_000 },
};

function stepWith(answer: () => Promise<AlertOutcome[]>) {
  const metrics = new MetricsRegistry();
  const alerter = { onLowBalance: jest.fn(answer) } as unknown as LowBalanceAlerter;
  return { step: new BalanceAlertStep(alerter, new BalanceAlertMetrics(metrics)), metrics, alerter };
}

async function counted(metrics: MetricsRegistry, outcome: string): Promise<number> {
  const metric = await metrics.registry.getSingleMetric('low_balance_alerts_total')?.get();
  const value: number | undefined = metric?.values.find((v) => v.labels.outcome === outcome)?.value;
  return value ?? 0;
}

beforeAll(() => {
  Logger.overrideLogger(false);
});

describe('BalanceAlertStep', () => {
  it("runs the alerter for the job's tenant, row and event, and counts each subscription's outcome", async () => {
    const { step, metrics, alerter } = stepWith(async () => ['send', 'quiet', 'send']);
    expect(await step.run(job)).toBeUndefined();
    expect(alerter.onLowBalance).toHaveBeenCalledWith(job.tenantId, job.outboxId, job.payload);
    expect(await counted(metrics, 'send')).toBe(2);
    expect(await counted(metrics, 'quiet')).toBe(1);
  });

  it('hands a failure back instead of throwing, so the top-up after it still runs', async () => {
    const { step, metrics } = stepWith(async () => {
      throw new Error('database went away');
    });
    const failure = await step.run(job);
    expect(failure).toBeInstanceOf(Error);
    expect(failure?.message).toBe('database went away');
    expect(await counted(metrics, 'error')).toBe(1);
  });
});
