/** A log destination of the test's own: every JSON line the app writes, parsed, in order. */
export interface LogCapture {
  readonly destination: { write(line: string): void };
  /** Every line as written, joined: for "this never appears anywhere" assertions. */
  text(): string;
  lines(): Record<string, unknown>[];
  /** Waits for a line the predicate accepts (pino-http writes when the response has finished). */
  waitFor(predicate: (line: Record<string, unknown>) => boolean, timeoutMs?: number): Promise<Record<string, unknown>>;
}

export function captureLogs(): LogCapture {
  const raw: string[] = [];
  const lines = (): Record<string, unknown>[] => raw.map((line) => JSON.parse(line) as Record<string, unknown>);
  return {
    destination: { write: (line: string) => void raw.push(line) },
    text: () => raw.join(''),
    lines,
    waitFor: async (predicate, timeoutMs = 2_000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = lines().find(predicate);
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`no such log line among ${raw.length}:\n${raw.join('')}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
  };
}
