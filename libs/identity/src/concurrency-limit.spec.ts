import { ConcurrencyLimit } from './concurrency-limit';

/** A piece of work that ends when the test says so. */
function gate<T = void>(): { promise: Promise<T>; open(value: T): void; fail(error: Error): void } {
  let open!: (value: T) => void;
  let fail!: (error: Error) => void;
  const promise = new Promise<T>((resolve, reject) => {
    open = resolve;
    fail = reject;
  });
  return { promise, open, fail };
}

/** Lets every queued continuation run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('ConcurrencyLimit', () => {
  it('refuses a limit below 1 or not a whole number', () => {
    expect(() => new ConcurrencyLimit(0)).toThrow(RangeError);
    expect(() => new ConcurrencyLimit(1.5)).toThrow(RangeError);
    expect(() => new ConcurrencyLimit(Number.NaN)).toThrow(RangeError);
  });

  it('runs at most `limit` at once and the rest in the order they came', async () => {
    const limit = new ConcurrencyLimit(2);
    const gates = Array.from({ length: 5 }, () => gate());
    const started: number[] = [];
    const done = gates.map((g, i) =>
      limit.run(async () => {
        started.push(i);
        await g.promise;
        return i;
      }),
    );
    await settle();
    expect(started).toEqual([0, 1]);
    expect([limit.running, limit.waiting]).toEqual([2, 3]);

    gates[1].open();
    await settle();
    expect(started).toEqual([0, 1, 2]);
    gates[0].open();
    await settle();
    expect(started).toEqual([0, 1, 2, 3]);
    expect([limit.running, limit.waiting]).toEqual([2, 1]);

    for (const g of gates) g.open();
    await expect(Promise.all(done)).resolves.toEqual([0, 1, 2, 3, 4]);
    expect(started).toEqual([0, 1, 2, 3, 4]);
    expect([limit.running, limit.waiting]).toEqual([0, 0]);
  });

  it('gives the place back when the work rejects or throws, and passes the error on', async () => {
    const limit = new ConcurrencyLimit(1);
    const first = gate();
    const failing = limit.run(() => first.promise);
    const throwing = limit.run(() => {
      throw new Error('synchronous');
    });
    const after = limit.run(async () => 'ran');
    first.fail(new Error('rejected'));
    await expect(failing).rejects.toThrow('rejected');
    await expect(throwing).rejects.toThrow('synchronous');
    await expect(after).resolves.toBe('ran');
    expect([limit.running, limit.waiting]).toEqual([0, 0]);
  });

  it('never has more than `limit` running under a long stream of work', async () => {
    const limit = new ConcurrencyLimit(3);
    let running = 0;
    let most = 0;
    const order: number[] = [];
    const work = Array.from({ length: 3000 }, (_, i) =>
      limit.run(async () => {
        running += 1;
        most = Math.max(most, running);
        order.push(i);
        await new Promise((resolve) => setImmediate(resolve));
        running -= 1;
      }),
    );
    await Promise.all(work);
    expect(most).toBe(3);
    expect(order).toEqual(Array.from({ length: 3000 }, (_, i) => i));
  });
});
