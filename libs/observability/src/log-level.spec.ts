import { logLevelFrom } from './log-level';

describe('logLevelFrom', () => {
  it('is info by default, silent under NODE_ENV=test, and LOG_LEVEL wins over both', () => {
    expect(logLevelFrom({})).toBe('info');
    expect(logLevelFrom({ NODE_ENV: 'production' })).toBe('info');
    expect(logLevelFrom({ NODE_ENV: 'test' })).toBe('silent');
    expect(logLevelFrom({ NODE_ENV: 'test', LOG_LEVEL: 'debug' })).toBe('debug');
    expect(logLevelFrom({ LOG_LEVEL: ' warn ' })).toBe('warn');
  });

  it('takes a quieter default where asked (the CLI), still silent in tests', () => {
    expect(logLevelFrom({}, 'warn')).toBe('warn');
    expect(logLevelFrom({ NODE_ENV: 'test' }, 'warn')).toBe('silent');
    expect(logLevelFrom({ LOG_LEVEL: 'debug' }, 'warn')).toBe('debug');
  });

  it('refuses a level pino does not know', () => {
    expect(() => logLevelFrom({ LOG_LEVEL: 'verbose' })).toThrow(/LOG_LEVEL must be one of/);
  });
});
