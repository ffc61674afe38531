import { NORMAL_DELIVERY, parseDeliveryMode, reordered } from './delivery-mode';

describe('reordered', () => {
  it('reverses, or keeps the order', () => {
    expect(reordered([1, 2, 3], 'reverse')).toEqual([3, 2, 1]);
    expect(reordered([1, 2, 3], 'none')).toEqual([1, 2, 3]);
  });

  it('never shuffles two or more items back into their own order', () => {
    for (let i = 0; i < 200; i++) {
      const shuffled = reordered([1, 2, 3], 'shuffle');
      expect([...shuffled].sort()).toEqual([1, 2, 3]);
      expect(shuffled).not.toEqual([1, 2, 3]);
    }
    expect(reordered([1], 'shuffle')).toEqual([1]);
  });
});

describe('parseDeliveryMode', () => {
  it('changes only the fields given', () => {
    expect(parseDeliveryMode({ duplicates: 2 }, NORMAL_DELIVERY)).toEqual({ ...NORMAL_DELIVERY, duplicates: 2 });
  });

  it('names the bad field', () => {
    expect(parseDeliveryMode({ delayMs: 1.5 }, NORMAL_DELIVERY)).toMatch(/delayMs/);
    expect(parseDeliveryMode({ reorder: 'up' }, NORMAL_DELIVERY)).toMatch(/reorder/);
    expect(parseDeliveryMode([], NORMAL_DELIVERY)).toMatch(/object/);
  });
});
