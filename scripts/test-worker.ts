import { loadEnv } from '@kk/config';
import { startWorker, type WorkerHandle, type WorkerOptions } from '../apps/worker/src/main';

/**
 * The worker as a child process of a test (test/support/worker-process.ts), to be killed with
 * SIGKILL: startWorker exactly as apps/worker/src/main.ts runs it, from the same environment
 * (NODE_ENV, the database and Redis URLs, TENANTS_DIR, the tenants' payment variables), plus
 * the options production never sets, as JSON in TEST_WORKER_OPTIONS: a queue prefix of the
 * test's own and shortened intervals. Prints `worker ready <opsUrl>` once it works. Runs only
 * under NODE_ENV=test.
 */
type ChildOptions = Pick<
  WorkerOptions,
  'relayIntervalMs' | 'queuePrefix' | 'reconciliation' | 'outboxSweep' | 'queueSettings'
>;

async function main(): Promise<void> {
  if (process.env.NODE_ENV !== 'test') throw new Error('test-worker runs only under NODE_ENV=test');
  const options = JSON.parse(process.env.TEST_WORKER_OPTIONS ?? '{}') as ChildOptions;
  const worker: WorkerHandle = await startWorker({ ...options, env: loadEnv() });
  process.stdout.write(`worker ready ${worker.opsUrl}\n`);
  const shutdown = (): void => {
    void worker.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  // A parent that dies closes the pipe: no orphan keeps consuming the test's queues.
  process.stdin.once('close', shutdown);
  process.stdin.resume();
}

main().catch((error: unknown) => {
  process.stderr.write(`test-worker: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
