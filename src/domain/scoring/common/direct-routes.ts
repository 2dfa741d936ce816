// Domain rules §0 (IP classes, qualified equity) and §10 (look-back windows, nested IP counts): shared tests.
import type { AwardLevel, Facts, RdInstitutionLevel, Title } from '../../certification/facts';
import { msg, type Msg } from '../../i18n/message';
import type { ConditionResult, IndicatorResult } from '../assessment';
import { cmp, int, type Q } from './exact';
import {
  equityRaised,
  recentAwards,
  recentMakerInChina,
  type Award,
  type Got,
  type IpView,
} from './facts-reader';
import { formatCny, formatCount, listWords, plural, quote } from './format';
import { describeWindow, type DateWindow, type Periods } from './periods';
import { condition, plainIndicator, verdictWords } from './results';

export type IpPoints = {
  readonly highValueClassI: number;
  readonly selfDevelopedClassI: number;
  readonly classI: number;
  readonly classII: number;
};

const atLeastOne = (value: Q): boolean => cmp(value, int(1)) >= 0;

const describeIp = (ip: IpView): Msg =>
  msg('ip.counts', {
    classI: formatCount(ip.classI),
    selfDeveloped: formatCount(ip.selfDevelopedClassI),
    highValue: formatCount(ip.highValueClassI),
    classII: formatCount(ip.classII),
  });

/** The indicator's value (API shape: the category in words, kept as it was). */
const IP_VALUES = {
  highValueClassI: 'high-value Class I',
  selfDevelopedClassI: 'self-developed Class I',
  classI: 'Class I',
  classII: 'Class II',
  none: 'none',
} as const;

/** IN1 / SN10: the best IP category held, one item being enough. */
export const ipIndicator = (key: string, points: IpPoints, ip: Got<IpView>): IndicatorResult => {
  const max = points.highValueClassI;
  if (!ip.ok)
    return plainIndicator(
      key,
      null,
      0,
      max,
      null,
      msg('ip.missing', { problem: ip.problem, key, max }),
    );
  const view = ip.value;
  const [label, score] = atLeastOne(view.highValueClassI)
    ? (['highValueClassI', points.highValueClassI] as const)
    : atLeastOne(view.selfDevelopedClassI)
      ? (['selfDevelopedClassI', points.selfDevelopedClassI] as const)
      : atLeastOne(view.classI)
        ? (['classI', points.classI] as const)
        : atLeastOne(view.classII)
          ? (['classII', points.classII] as const)
          : (['none', 0] as const);
  const category = msg(`ip.category.${label}`);
  return plainIndicator(
    key,
    IP_VALUES[label],
    score,
    max,
    label === 'none' ? msg('ip.band.none') : msg('ip.band.atLeastOne', { category }),
    msg('ip.scored', { counts: describeIp(view), key, score, max, category }),
  );
};

/** "1st" / "第1名": English ordinals need the suffix, so it is part of the key. */
const ordinal = (rank: number): Msg => {
  if (!Number.isInteger(rank)) return msg('ordinal.rank', { rank });
  const tens = rank % 100;
  const suffix =
    tens >= 11 && tens <= 13
      ? 'th'
      : rank % 10 === 1
        ? 'st'
        : rank % 10 === 2
          ? 'nd'
          : rank % 10 === 3
            ? 'rd'
            : 'th';
  return msg(`ordinal.${suffix}`, { rank });
};

const describeAward = (award: Award): Msg =>
  msg(`award.held.${award.level}`, { year: award.year, rank: ordinal(award.rank) });

/** The best rank an award of each level needs (absent: that level does not count). */
export type AwardRule = Partial<Record<AwardLevel, number | 'any'>>;

const qualifies = (award: Award, rule: AwardRule): boolean => {
  const limit = rule[award.level];
  return limit === 'any' || (typeof limit === 'number' && award.rank >= 1 && award.rank <= limit);
};

const describeRule = (rule: AwardRule): Msg =>
  listWords(
    (Object.entries(rule) as [AwardLevel, number | 'any'][]).map(([level, limit]) =>
      limit === 'any' ? msg(`award.rule.${level}.any`) : msg(`award.rule.${level}.top`, { limit }),
    ),
  );

/** An S&T award dated in the last 3 calendar years (Y−2..Y) meeting the rank rule. */
export const awardCondition = (
  key: string,
  facts: Facts,
  periods: Periods,
  rule: AwardRule,
): ConditionResult => {
  const recent = recentAwards(facts, periods);
  const hit = recent.find((award) => qualifies(award, rule));
  const years = `${periods.y - 2}–${periods.y}`;
  if (hit)
    return condition(
      key,
      true,
      msg('award.won', { award: describeAward(hit), years, rule: describeRule(rule) }),
    );
  return condition(
    key,
    false,
    recent.length > 0
      ? msg('award.noneQualifies.held', {
          years,
          rule: describeRule(rule),
          held: listWords(recent.map(describeAward)),
        })
      : msg('award.noneQualifies', { years, rule: describeRule(rule) }),
  );
};

/** Maker in China: named in the national top `limit` in the last 3 calendar years. */
export const makerInChinaCondition = (
  key: string,
  facts: Facts,
  periods: Periods,
  limit: number,
): ConditionResult => {
  const recent = recentMakerInChina(facts, periods);
  const hit = recent.find((entry) => entry.rank >= 1 && entry.rank <= limit);
  const years = `${periods.y - 2}–${periods.y}`;
  return hit
    ? condition(key, true, msg('maker.named', { limit, year: hit.year, rank: hit.rank }))
    : condition(
        key,
        false,
        recent.length > 0
          ? msg('maker.notNamed.best', {
              limit,
              years,
              best: Math.min(...recent.map((e) => e.rank)),
            })
          : msg('maker.notNamed', { limit, years }),
      );
};

/** Qualified paid-in equity inside a window totals at least `min`. */
export const equityCondition = (
  key: string,
  facts: Facts,
  window: DateWindow,
  min: number,
): ConditionResult => {
  const raised = equityRaised(facts, window);
  const met = cmp(raised.total, int(min)) >= 0;
  const params = {
    window: describeWindow(window),
    total: formatCny(raised.total),
    verdict: verdictWords(met, '>=', formatCny(int(min))),
  };
  return condition(
    key,
    met,
    raised.ignored > 0
      ? msg('equity.total.ignored', { ...params, ignored: plural(raised.ignored, 'entry') })
      : msg('equity.total', params),
  );
};

const LEVEL_WORDS: Record<RdInstitutionLevel, Msg> = {
  national: msg('level.national'),
  provincial: msg('level.provincial'),
  municipal: msg('level.municipal'),
  below_municipal: msg('level.below_municipal'),
};

export type RdInstitutionRead =
  | { readonly ok: true; readonly level: RdInstitutionLevel | null }
  | { readonly ok: false; readonly problem: Msg };

export const rdInstitutionOf = (facts: Facts): RdInstitutionRead => {
  const level: unknown = facts.rdInstitution;
  if (level === undefined)
    return { ok: false, problem: msg('fact.missing', { name: 'rdInstitution' }) };
  if (level === null) return { ok: true, level: null };
  return typeof level === 'string' && level in LEVEL_WORDS
    ? { ok: true, level: level as RdInstitutionLevel }
    : { ok: false, problem: msg('institution.unknownLevel', { level: quote(level) }) };
};

/** An R&D institution at one of the given levels. */
export const rdInstitutionCondition = (
  key: string,
  facts: Facts,
  levels: readonly RdInstitutionLevel[],
): ConditionResult => {
  const read = rdInstitutionOf(facts);
  const needed = listWords(
    levels.map((l) => LEVEL_WORDS[l]),
    'or',
  );
  if (!read.ok)
    return condition(key, false, msg('institution.problem', { problem: read.problem, needed }));
  if (read.level === null) return condition(key, false, msg('institution.none', { needed }));
  const met = levels.includes(read.level);
  return condition(
    key,
    met,
    met
      ? msg('institution.has', { level: LEVEL_WORDS[read.level] })
      : msg('institution.wrongLevel', { level: LEVEL_WORDS[read.level], needed }),
  );
};

export const TITLE_WORDS: Record<Title, Msg> = {
  high_tech_enterprise: msg('title.high_tech_enterprise'),
  tech_innovation_demonstration: msg('title.tech_innovation_demonstration'),
  ip_advantage: msg('title.ip_advantage'),
  ip_demonstration: msg('title.ip_demonstration'),
};

export const titleCondition = (
  key: string,
  facts: Facts,
  qualifying: readonly Title[],
): ConditionResult => {
  const held = Array.isArray(facts.titles) ? facts.titles : [];
  const hit = held.find((title) => qualifying.includes(title));
  const names = listWords(
    qualifying.map((t) => TITLE_WORDS[t] ?? t),
    'or',
  );
  return hit
    ? condition(key, true, msg('title.holds', { title: TITLE_WORDS[hit] }))
    : condition(key, false, msg('title.holdsNone', { names }));
};
