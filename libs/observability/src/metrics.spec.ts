import { sampleValue } from '@kk/testing';
import { MetricsRegistry } from './metrics';

describe('MetricsRegistry', () => {
  it('exposes the process metrics and the request metrics by route pattern', async () => {
    const metrics = new MetricsRegistry();
    metrics.observeRequest('GET', '/pos/v1/cards/:cardNumber', 200, 0.004);
    metrics.observeRequest('GET', '/pos/v1/cards/:cardNumber', 200, 0.02);
    const text = await metrics.text();
    expect(text).toMatch(/^process_cpu_user_seconds_total /m);
    const labels = { method: 'GET', route: '/pos/v1/cards/:cardNumber', status: '200' };
    expect(sampleValue(text, 'http_requests_total', labels)).toBe(2);
    expect(sampleValue(text, 'http_request_duration_seconds_bucket', { ...labels, le: '0.005' })).toBe(1);
    expect(sampleValue(text, 'http_request_duration_seconds_count', labels)).toBe(2);
    expect(metrics.contentType).toBe('text/plain; version=0.0.4; charset=utf-8');
  });

  it('lets several apps in one process keep metrics of their own (the demo runs three)', async () => {
    const web = new MetricsRegistry();
    const pos = new MetricsRegistry();
    web.observeRequest('GET', '/', 200, 0.01);
    expect(sampleValue(await web.text(), 'http_requests_total')).toBe(1);
    expect(sampleValue(await pos.text(), 'http_requests_total')).toBe(0);
  });

  it('reads a gauge at scrape time', async () => {
    const metrics = new MetricsRegistry();
    let backlog = 3;
    metrics.gauge('test_backlog', 'rows', ['tenant'], async (gauge) => {
      gauge.reset();
      gauge.set({ tenant: 'a' }, backlog);
    });
    expect(sampleValue(await metrics.text(), 'test_backlog', { tenant: 'a' })).toBe(3);
    backlog = 5;
    expect(sampleValue(await metrics.text(), 'test_backlog', { tenant: 'a' })).toBe(5);
  });
});
