import { deepFreeze, FrozenJsonCache } from './frozen-json';

const text = (n: number) =>
  JSON.stringify({ n, pad: 'x'.repeat(300), nested: { list: [1, { a: n }] } });

describe('FrozenJsonCache', () => {
  it('hands back one deep-frozen value per text', () => {
    const cache = new FrozenJsonCache(2);
    const a = cache.parse<{ nested: { list: [number, { a: number }] } }>(text(1));
    expect(cache.parse(text(1))).toBe(a);
    expect(Object.isFrozen(a)).toBe(true);
    expect(Object.isFrozen(a.nested.list[1])).toBe(true);
    expect(() => {
      a.nested.list[1].a = 2;
    }).toThrow(TypeError);
  });

  it('forgets the least recently used text beyond its capacity', () => {
    const cache = new FrozenJsonCache(2);
    const one = cache.parse(text(1));
    const two = cache.parse(text(2));
    expect(cache.parse(text(1))).toBe(one); // 1 is now the most recent
    const three = cache.parse(text(3)); // 2 goes
    expect(cache.size).toBe(2);
    expect(cache.parse(text(1))).toBe(one);
    expect(cache.parse(text(3))).toBe(three);
    expect(cache.parse(text(2))).not.toBe(two); // parsed again (and 1 goes)
    expect(cache.parse(text(1))).not.toBe(one);
  });

  it('parses short texts afresh, unfrozen, and nothing when its capacity is 0', () => {
    const cache = new FrozenJsonCache(10);
    const short = cache.parse<object>('{"a":1}');
    expect(cache.parse('{"a":1}')).not.toBe(short);
    expect(Object.isFrozen(short)).toBe(false);
    const off = new FrozenJsonCache(0);
    expect(off.parse(text(1))).not.toBe(off.parse(text(1)));
  });

  it('deepFreeze leaves primitives alone', () => {
    expect(deepFreeze(3)).toBe(3);
    expect(deepFreeze(null)).toBeNull();
  });
});
