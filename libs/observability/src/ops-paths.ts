/** The routes of operations (probes and scrapes) on every app: answered without a tenant. */
export const OPS_ROUTES = {
  health: '/health',
  live: '/health/live',
  ready: '/health/ready',
  metrics: '/metrics',
} as const;

const OPS_PATHS: ReadonlySet<string> = new Set(Object.values(OPS_ROUTES));

/**
 * Whether a request URL is a probe or a scrape: these are neither logged per request nor
 * counted in http_requests_total, so a load balancer's probes do not drown real traffic.
 */
export function isOpsRequest(url: string | undefined): boolean {
  if (url === undefined) return false;
  const queryAt = url.indexOf('?');
  return OPS_PATHS.has(queryAt === -1 ? url : url.slice(0, queryAt));
}
