import { safeNext } from './sign-in-required';

describe('safeNext', () => {
  it.each(['/konti', '/konti?vis=1', '/relationer/godkend'])('keeps the local path %s', (path) => {
    expect(safeNext(path)).toBe(path);
  });

  it.each(['//evil.example', 'https://evil.example', '/\\evil.example', 'javascript:alert(1)', undefined, 42])(
    'refuses %p and falls back to Mine konti',
    (value) => {
      expect(safeNext(value)).toBe('/konti');
    },
  );
});
