import { deepFreeze } from '../persistence/frozen-json';
import { serializeJson } from './json-serializer';

const assessment = () =>
  deepFreeze({
    eligible: true,
    total: 72.5,
    dimensions: [
      { key: 'innovation', points: 20, indicators: [{ key: 'rd', met: true }] },
      { key: 'growth', points: 12.5, note: null },
    ],
    reasons: ['引号 " 与反斜杠 \\ 和换行\n', 'tab\t', '\u2028'],
  });

describe('serializeJson', () => {
  const sym = Symbol('s');
  const cases: [string, unknown][] = [
    ['null', null],
    ['a number', 12.5],
    ['a string with escapes', 'a "quoted" \\ line\nbreak \u0007 和'],
    ['a boolean', false],
    ['an empty object', {}],
    ['an empty array', []],
    ['a flat object', { b: 1, a: 'x', c: null }],
    ['integer-like keys (ordered first, ascending)', { b: 1, 2: 'two', 1: 'one', a: 0 }],
    [
      'undefined, functions and symbols left out of objects',
      { a: undefined, f: () => 1, s: sym, k: 1 },
    ],
    ['undefined, functions and symbols as null in arrays', [undefined, () => 1, sym, 1]],
    ['a Date (toJSON)', { at: new Date('2026-12-03T10:00:00.000Z') }],
    ['an object with toJSON', { v: { toJSON: () => ({ replaced: true }) } }],
    ['a frozen member', { id: 'a1', assessment: assessment() }],
    [
      'a frozen member deep in arrays',
      { items: [{ id: 'a1', assessment: assessment() }, { id: 'a2' }], next: null },
    ],
    [
      'deeper than the serializer looks',
      { a: { b: { c: { d: { e: [1, { f: assessment() }] } } } } },
    ],
    ['a frozen array', { list: Object.freeze([1, 'two', Object.freeze({ three: 3 })]) }],
    ['a frozen top level', assessment()],
  ];

  it.each(cases)('gives JSON.stringify’s text: %s', (_name, value) => {
    expect(serializeJson(value)).toBe(JSON.stringify(value));
    // Twice: the second answer reuses the kept text of frozen parts.
    expect(serializeJson(value)).toBe(JSON.stringify(value));
  });

  it('stringifies a frozen part once, then reuses its text in every answer that includes it', () => {
    const shared = assessment();
    const stringify = jest.spyOn(JSON, 'stringify');
    try {
      serializeJson({ id: 'a1', version: 1, assessment: shared });
      serializeJson({ id: 'a1', version: 2, assessment: shared });
      serializeJson({ items: [{ id: 'a1', assessment: shared }] });
      expect(stringify.mock.calls.filter(([v]) => v === shared)).toHaveLength(1);
    } finally {
      stringify.mockRestore();
    }
  });

  it('does not keep the text of an object that is not frozen (it may change)', () => {
    const facts = { revenue: 1 };
    expect(serializeJson({ facts })).toBe('{"facts":{"revenue":1}}');
    facts.revenue = 2;
    expect(serializeJson({ facts })).toBe('{"facts":{"revenue":2}}');
  });
});
