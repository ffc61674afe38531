/**
 * Reads until `done` holds, every 50 ms, failing after `ms` with the last value seen: for
 * effects another process (a worker, a stand-in) brings about in its own time.
 */
export async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, ms = 8_000): Promise<T> {
  const deadline = Date.now() + ms;
  let value = await read();
  while (!done(value)) {
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms; last seen ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    value = await read();
  }
  return value;
}
