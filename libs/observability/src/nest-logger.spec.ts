import pino from 'pino';
import { PinoNestLogger } from './nest-logger';

describe('PinoNestLogger', () => {
  function logger(): { nest: PinoNestLogger; lines: () => Record<string, unknown>[] } {
    const raw: string[] = [];
    const nest = new PinoNestLogger(pino({ level: 'trace' }, { write: (line: string) => void raw.push(line) }));
    return { nest, lines: () => raw.map((line) => JSON.parse(line) as Record<string, unknown>) };
  }

  it("maps Nest's levels and context onto pino's", () => {
    const { nest, lines } = logger();
    nest.log('started', 'Worker');
    nest.warn('slow');
    nest.debug('detail', 'Relay');
    nest.verbose('chatter');
    nest.error('failed', 'Error: failed\n    at x', 'Worker');
    expect(lines()).toEqual([
      expect.objectContaining({ level: 30, msg: 'started', context: 'Worker' }),
      expect.objectContaining({ level: 40, msg: 'slow' }),
      expect.objectContaining({ level: 20, msg: 'detail', context: 'Relay' }),
      expect.objectContaining({ level: 10, msg: 'chatter' }),
      expect.objectContaining({ level: 50, msg: 'failed', context: 'Worker', stack: 'Error: failed\n    at x' }),
    ]);
  });

  it('logs an Error with its stack and an object as fields', () => {
    const { nest, lines } = logger();
    nest.error(new Error('boom'));
    nest.log({ relayed: 3 }, 'Relay');
    expect(lines()[0]).toMatchObject({ level: 50, msg: 'boom', err: { message: 'boom', stack: expect.any(String) } });
    expect(lines()[1]).toMatchObject({ level: 30, relayed: 3, context: 'Relay' });
  });
});
