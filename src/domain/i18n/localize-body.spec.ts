import { localizeBody } from './localize-body';
import { msg } from './message';

const deepFreeze = <T>(value: T): T => {
  if (typeof value === 'object' && value !== null) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
};

const answer = () => ({
  detail: msg('problem.eventNotAllowed', { event: 'submit', state: 'draft' }),
  reasons: [msg('problem.eventNotAllowed', { event: 'withdraw', state: 'certified' }), 'plain'],
  dimensions: [{ key: 'eligibility.registeredInMainland', met: true }],
  note: 'user text',
});

describe('localizeBody', () => {
  it('renders messages in the language, keeping their codes beside them', () => {
    expect(localizeBody(answer(), 'en')).toEqual({
      detail: 'submit is not allowed in state draft',
      detailCode: msg('problem.eventNotAllowed', { event: 'submit', state: 'draft' }),
      reasons: ['withdraw is not allowed in state certified', 'plain'],
      reasonCodes: [
        msg('problem.eventNotAllowed', { event: 'withdraw', state: 'certified' }),
        msg('text.plain', { text: 'plain' }),
      ],
      dimensions: [
        {
          key: 'eligibility.registeredInMainland',
          met: true,
          name: 'Registered in mainland China',
        },
      ],
      note: 'user text',
    });
    expect((localizeBody(answer(), 'zh-CN') as { detail: string }).detail).toBe(
      '当前状态（draft）下不允许事件submit',
    );
  });

  it('renders a frozen value once per language, the same as an unfrozen one', () => {
    const frozen = deepFreeze(answer());
    const en = localizeBody(frozen, 'en');
    expect(en).toEqual(localizeBody(answer(), 'en'));
    expect(localizeBody(frozen, 'en')).toBe(en);
    expect(Object.isFrozen(en)).toBe(true);
    const zh = localizeBody(frozen, 'zh-CN');
    expect(zh).not.toBe(en);
    expect(zh).toEqual(localizeBody(answer(), 'zh-CN'));
    // Inside an answer that is built afresh each time, the frozen part is still rendered once.
    const a = localizeBody({ id: 1, assessment: frozen }, 'en') as { assessment: unknown };
    const b = localizeBody({ id: 2, assessment: frozen }, 'en') as { assessment: unknown };
    expect(a.assessment).toBe(en);
    expect(b.assessment).toBe(en);
  });

  it('renders an unfrozen value afresh every time (it may have changed)', () => {
    const value = answer();
    const first = localizeBody(value, 'en');
    value.note = 'changed';
    expect(localizeBody(value, 'en')).not.toBe(first);
    expect((localizeBody(value, 'en') as { note: string }).note).toBe('changed');
  });
});
