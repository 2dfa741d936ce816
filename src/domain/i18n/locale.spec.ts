import { negotiateLocale, type Locale } from './locale';
import { msg } from './message';
import { renderMsg } from './render';

describe('Accept-Language → locale', () => {
  it.each<[unknown, Locale, Locale]>([
    [undefined, 'zh-CN', 'zh-CN'],
    [undefined, 'en', 'en'],
    ['', 'en', 'en'],
    ['zh', 'en', 'zh-CN'],
    ['zh-CN', 'en', 'zh-CN'],
    ['zh-cn', 'en', 'zh-CN'],
    ['zh-Hans', 'en', 'zh-CN'],
    ['zh-Hans-CN', 'en', 'zh-CN'],
    ['en', 'zh-CN', 'en'],
    ['en-US,en;q=0.9', 'zh-CN', 'en'],
    ['fr', 'zh-CN', 'en'],
    ['zh-TW', 'zh-CN', 'en'],
    ['en;q=0.5, zh-CN;q=0.8', 'en', 'zh-CN'],
    ['zh-CN;q=0.5, en;q=0.8', 'zh-CN', 'en'],
    ['zh;q=0, en', 'zh-CN', 'en'],
    ['zh-CN;q=0', 'zh-CN', 'en'],
    ['fr-FR, zh-CN;q=0.9, en;q=0.8', 'en', 'zh-CN'],
    ['fr', 'zh-CN', 'en'],
    ['*', 'zh-CN', 'zh-CN'],
    ['*', 'en', 'en'],
    ['en, zh', 'zh-CN', 'en'],
    ['zh-CN;q=1.0, en;q=1.0', 'en', 'zh-CN'],
    ['%%garbage%%', 'zh-CN', 'zh-CN'],
    ['zh;q=abc', 'en', 'zh-CN'],
    [['en', 'zh'], 'zh-CN', 'en'],
  ])('%j with default %s reads %s', (header, fallback, expected) => {
    expect(negotiateLocale(header, fallback)).toBe(expected);
  });
});

describe('rendering', () => {
  it('fills nested messages, lists and modifiers in each language', () => {
    const m = msg('condition.labelled', {
      label: msg('rule.M3'),
      text: msg('check.amount', {
        label: msg('label.operatingRevenueIn', { year: 2025 }),
        amount: msg('fmt.cny', { sign: '', amount: '9,000,000' }),
        verdict: msg('verdict.needsMin', {
          threshold: msg('fmt.cny', { sign: '', amount: '10,000,000' }),
        }),
      }),
    });
    expect(renderMsg(m, 'en')).toBe(
      'M3 (scale): operating revenue in 2025 is CNY 9,000,000; at least CNY 10,000,000 is required.',
    );
    expect(renderMsg(m, 'zh-CN')).toBe(
      'M3（营业收入规模）：2025年营业收入为9,000,000元；要求不低于10,000,000元。',
    );
  });

  it('joins lists with the language’s conjunctions', () => {
    const m = msg('title.holdsNone', {
      names: msg('list.or', {
        items: [
          msg('title.high_tech_enterprise'),
          msg('title.ip_advantage'),
          msg('title.ip_demonstration'),
        ],
      }),
    });
    expect(renderMsg(m, 'en')).toBe(
      'The enterprise holds none of the qualifying titles (High-Tech Enterprise, IP Advantage Enterprise or IP Demonstration Enterprise).',
    );
    expect(renderMsg(m, 'zh-CN')).toBe(
      '企业不具有任一符合条件的称号（高新技术企业、知识产权优势企业或知识产权示范企业）。',
    );
  });

  it('shows an unknown key as itself, and keeps an unknown placeholder', () => {
    expect(renderMsg({ key: 'no.such.key' }, 'zh-CN')).toBe('no.such.key');
    expect(renderMsg({ key: 'fact.missing' }, 'en')).toBe('{name} is missing');
  });
});
