import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import {
  AS_OF_2022,
  AS_OF_2026,
  baseFacts,
  failingFacts,
  passingFacts,
} from '../../../test/factories/facts.factory';
import type { Facts } from '../../domain/certification/facts';
import { TIERS } from '../../domain/certification/tier';
import { DOMAIN_ERROR_CODES } from '../../domain/errors';
import { assess, defaultScoringConfig, RULE_SETS, type Assessment } from '../../domain/scoring';
import { EN } from '../../domain/i18n/catalogue.en';
import { ZH_CN } from '../../domain/i18n/catalogue.zh-CN';
import { LOCALES } from '../../domain/i18n/locale';
import { isMsg, type Msg } from '../../domain/i18n/message';
import { BUILT_IN_KEYS, CATALOGUES, placeholdersOf, renderMsg } from '../../domain/i18n/render';

/** Keys whose parameters differ by language on purpose ("CNY 4–5 M" / "400–500万元"). */
const LANGUAGE_SPECIFIC_PARAMS = new Set(['band.cnyMillions']);

const BUILT_IN = new Set<string>(BUILT_IN_KEYS);

const messagesIn = (value: unknown, found: Msg[] = []): Msg[] => {
  if (Array.isArray(value)) for (const item of value) messagesIn(item, found);
  else if (isMsg(value)) {
    found.push(value);
    for (const param of Object.values(value.params ?? {})) messagesIn(param, found);
  } else if (typeof value === 'object' && value !== null)
    for (const item of Object.values(value)) messagesIn(item, found);
  return found;
};

const partKeys = (a: Assessment): string[] => {
  const conditions = (items: Assessment['requirements']): string[] =>
    items.flatMap((c) => [c.key, ...conditions(c.parts ?? [])]);
  return [
    ...a.dimensions.flatMap((d) => [d.key, ...d.indicators.map((i) => i.key)]),
    ...conditions(a.requirements),
    ...conditions(a.directQualifications),
  ];
};

// A corpus that reaches most branches: named firms, empty and malformed facts, random facts.
const corpus = (): Assessment[] => {
  const factSets: Facts[] = [];
  for (const asOf of [AS_OF_2022, AS_OF_2026]) {
    const y = Number(asOf.slice(0, 4));
    factSets.push(
      {},
      passingFacts(y),
      failingFacts(y),
      baseFacts(y - 1),
      { ...passingFacts(y), reReview: true, sector: 'mining' as never },
      { ...failingFacts(y), sector: undefined, nicheMarketSince: 'garbage', ip: undefined },
      {
        ...baseFacts(y - 1),
        localFeaturePoints: 99,
        digitalLevel: 1,
        productField: 'gap_filling',
        rdInstitution: 'municipal',
        quality: { award: true, ownBrand: false },
        nationalMarketShare: 'x' as never,
        keyProductField: false,
        chainSupport: true,
        awards: [{ year: y - 1, rank: 9, level: 'provincial' }],
        makerInChina: [{ year: y - 1, rank: 300 }],
        equityFinancing: [{ date: 'bad', amount: 1 }],
      },
    );
  }
  const random = fc.sample(
    fc.record({
      financials: fc.array(
        fc.record({
          year: fc.integer({ min: 2020, max: 2026 }),
          operatingRevenue: fc.integer({ min: -1, max: 200_000_000 }),
          mainBusinessRevenue: fc.integer({ min: -1, max: 200_000_000 }),
          rdExpense: fc.integer({ min: 0, max: 20_000_000 }),
          netProfit: fc.integer({ min: -1_000_000, max: 20_000_000 }),
          totalAssets: fc.integer({ min: 0, max: 200_000_000 }),
          totalLiabilities: fc.integer({ min: 0, max: 200_000_000 }),
          employees: fc.integer({ min: 0, max: 2000 }),
          rdEmployees: fc.integer({ min: 0, max: 500 }),
        }),
        { maxLength: 5 },
      ),
      localFeaturePoints: fc.integer({ min: -3, max: 20 }),
      digitalLevel: fc.constantFrom(1, 2, 3, 4),
    }),
    { numRuns: 200, seed: 13 },
  );
  const assessments: Assessment[] = [];
  for (const ruleSet of RULE_SETS)
    for (const tier of TIERS)
      for (const asOf of [AS_OF_2022, AS_OF_2026])
        for (const facts of [...factSets, ...(random as Facts[])])
          for (const tieBreak of ['best-first', 'literal'] as const)
            assessments.push(
              assess({
                tier,
                ruleSet,
                asOf,
                facts,
                config: { ...defaultScoringConfig(ruleSet), bandTieBreak: tieBreak },
              }),
            );
  assessments.push(
    assess({ tier: 'champion' as never, ruleSet: 'v2022', asOf: AS_OF_2022, facts: {} }),
    assess({ tier: 'innovative_sme', ruleSet: 'v2030' as never, asOf: AS_OF_2022, facts: {} }),
    assess({ tier: 'innovative_sme', ruleSet: 'v2022', asOf: '2026-02-30', facts: {} }),
  );
  return assessments;
};

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.spec.ts') ? [path] : [];
  });

describe('message catalogues (zh-CN, en)', () => {
  it('hold the same keys', () => {
    expect(Object.keys(ZH_CN).sort()).toEqual(Object.keys(EN).sort());
  });

  it.each(Object.keys(EN))('%s: both languages use the same placeholders, none empty', (key) => {
    const en = EN[key] ?? '';
    const zh = ZH_CN[key] ?? '';
    expect(en.trim()).not.toBe('');
    expect(zh.trim()).not.toBe('');
    if (!LANGUAGE_SPECIFIC_PARAMS.has(key)) expect(placeholdersOf(zh)).toEqual(placeholdersOf(en));
  });

  it('give every problem code a title in both languages', () => {
    for (const code of DOMAIN_ERROR_CODES)
      for (const locale of LOCALES)
        expect(CATALOGUES[locale][`problem.title.${code}`]).toBeTruthy();
  });

  it('know every key the source names literally', () => {
    const literal = /\bmsg\(\s*'([^']+)'/g;
    const used = new Set<string>();
    for (const file of sourceFiles(join(__dirname, '..', '..')))
      for (const match of readFileSync(file, 'utf8').matchAll(literal)) used.add(match[1] ?? '');
    expect(used.size).toBeGreaterThan(100);
    const missing = [...used].filter(
      (key) => !BUILT_IN.has(key) && (!(key in EN) || !(key in ZH_CN)),
    );
    expect(missing).toEqual([]);
  });

  it('know every key, rule name and parameter the engine produces, and render them fully', () => {
    const keys = new Set<string>();
    const messages: Msg[] = [];
    for (const assessment of corpus()) {
      messages.push(...messagesIn(assessment));
      for (const key of partKeys(assessment)) keys.add(`rule.${key}`);
      for (const d of assessment.dimensions) keys.add(`dimension.${d.key}`);
    }
    for (const m of messages) keys.add(m.key);
    const missing = [...keys].filter((k) => !BUILT_IN.has(k) && (!(k in EN) || !(k in ZH_CN)));
    expect(missing).toEqual([]);
    // Dynamic keys are reached too (the dynamic ones are most of what the literal scan misses).
    expect(keys.size).toBeGreaterThan(250);
    const unique = [...new Map(messages.map((m) => [JSON.stringify(m), m])).values()];
    for (const m of unique) {
      const zh = renderMsg(m, 'zh-CN');
      const en = renderMsg(m, 'en');
      // Every placeholder filled.
      expect({ key: m.key, en }).not.toMatchObject({ en: expect.stringMatching(/\{[a-z]/i) });
      expect({ key: m.key, zh }).not.toMatchObject({ zh: expect.stringMatching(/\{[a-z]/i) });
      // No English sentence left in the Chinese (fact names and codes may stay).
      expect({ key: m.key, zh }).not.toMatchObject({
        zh: expect.stringMatching(/\b(the|is|are|of|and|scores|points|required|missing)\b/),
      });
    }
  });
});
