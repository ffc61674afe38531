import { requestIdFrom } from './request-id';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('requestIdFrom', () => {
  it.each(['abc', 'till-7:2024.01_x', 'a'.repeat(128), '0f8fad5b-d9cb-469f-a165-70867728950e'])(
    'keeps a well-formed id: %s',
    (id) => expect(requestIdFrom(id)).toBe(id),
  );

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['too long', 'a'.repeat(129)],
    ['with a space', 'a b'],
    ['with a newline', 'a\nb'],
    ['with markup', '<script>'],
    ['repeated', ['a', 'b']],
  ])('makes a fresh UUID when the header is %s', (_case, header) => {
    expect(requestIdFrom(header)).toMatch(UUID);
  });
});
