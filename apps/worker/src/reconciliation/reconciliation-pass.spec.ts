import { MetricsRegistry } from '@kk/observability';
import { RECONCILE_AFTER_MS } from '@kk/payments';
import { sampleValue } from '@kk/testing';
import { ReconciliationMetrics } from './reconciliation-metrics';
import { runReconciliationPass } from './reconciliation-pass';
import { reconciliationSettings } from './reconciliation-settings';

const NOW = Date.parse('2026-03-01T12:00:00Z');

function setUp(runOnce: (now: Date) => Promise<{ checked: number; decided: number; undecided: number }>) {
  const registry = new MetricsRegistry();
  const metrics = new ReconciliationMetrics(registry);
  const lines: string[] = [];
  const logger = {
    log: (m: string) => lines.push(`log ${m}`),
    debug: (m: string) => lines.push(`debug ${m}`),
    error: (m: string) => lines.push(`error ${m}`),
  };
  const asked: Date[] = [];
  const reconciliation = {
    runOnce: (now: Date) => {
      asked.push(now);
      return runOnce(now);
    },
  };
  return { registry, metrics, lines, logger, asked, reconciliation };
}

describe('reconciliationSettings', () => {
  it('defaults to a pass every 60 s over payments undecided for 2 minutes', () => {
    expect(reconciliationSettings()).toEqual({ intervalMs: 60_000, reconcileAfterMs: RECONCILE_AFTER_MS });
    expect(RECONCILE_AFTER_MS).toBe(120_000);
  });

  it('refuses an interval that is not a positive whole number of milliseconds, and a negative age', () => {
    expect(() => reconciliationSettings({ intervalMs: 0 })).toThrow(/interval/);
    expect(() => reconciliationSettings({ intervalMs: 1.5 })).toThrow(/interval/);
    expect(() => reconciliationSettings({ reconcileAfterMs: -1 })).toThrow(/reconcileAfterMs/);
  });
});

describe('a reconciliation pass', () => {
  it('asks as of now with the production settings, and earlier payments with a shorter age', async () => {
    const t = setUp(async () => ({ checked: 0, decided: 0, undecided: 0 }));
    await runReconciliationPass(t.reconciliation, reconciliationSettings(), t.metrics, t.logger, () => NOW);
    await runReconciliationPass(
      t.reconciliation,
      reconciliationSettings({ reconcileAfterMs: 0 }),
      t.metrics,
      t.logger,
      () => NOW,
    );
    expect(t.asked.map((d) => d.getTime())).toEqual([NOW, NOW + RECONCILE_AFTER_MS]);
  });

  it('counts the pass and what it decided, and logs the counts (at debug when nothing was due)', async () => {
    const answers = [
      { checked: 3, decided: 2, undecided: 1 },
      { checked: 0, decided: 0, undecided: 0 },
    ];
    const t = setUp(async () => answers.shift()!);
    const settings = reconciliationSettings();
    await runReconciliationPass(t.reconciliation, settings, t.metrics, t.logger, () => NOW);
    let text = await t.registry.text();
    expect(sampleValue(text, 'payment_reconciliation_payments_undecided')).toBe(1);
    await runReconciliationPass(t.reconciliation, settings, t.metrics, t.logger, () => NOW);
    text = await t.registry.text();
    expect(sampleValue(text, 'payment_reconciliation_passes_total', { outcome: 'completed' })).toBe(2);
    expect(sampleValue(text, 'payment_reconciliation_payments_decided_total')).toBe(2);
    expect(sampleValue(text, 'payment_reconciliation_payments_undecided')).toBe(0);
    expect(sampleValue(text, 'payment_reconciliation_last_success_timestamp_seconds')).toBe(NOW / 1000);
    expect(t.lines).toEqual([
      'log payment reconciliation: checked 3, decided 2, still undecided 1',
      'debug payment reconciliation: checked 0, decided 0, still undecided 0',
    ]);
  });

  it('counts a failed pass, logs it and throws, so Bull records the job as failed', async () => {
    const t = setUp(async () => {
      throw new Error('connection terminated');
    });
    await expect(
      runReconciliationPass(t.reconciliation, reconciliationSettings(), t.metrics, t.logger, () => NOW),
    ).rejects.toThrow('connection terminated');
    const text = await t.registry.text();
    expect(sampleValue(text, 'payment_reconciliation_passes_total', { outcome: 'failed' })).toBe(1);
    expect(sampleValue(text, 'payment_reconciliation_passes_total', { outcome: 'completed' })).toBe(0);
    expect(t.lines).toEqual(['error payment reconciliation pass failed: connection terminated']);
  });
});
