// Domain rules §0 (IP classes, qualified equity) and §10 (look-back windows, nested IP counts): shared tests.
import type { AwardLevel, Facts, RdInstitutionLevel, Title } from '../../certification/facts';
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

const describeIp = (ip: IpView): string =>
  `${formatCount(ip.classI)} Class I (${formatCount(ip.selfDevelopedClassI)} self-developed, ${formatCount(ip.highValueClassI)} high-value) and ${formatCount(ip.classII)} Class II`;

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
      `${ip.problem} (IP counts), so ${key} scores 0 of ${max} points`,
    );
  const view = ip.value;
  const [label, score] = atLeastOne(view.highValueClassI)
    ? ['high-value Class I', points.highValueClassI]
    : atLeastOne(view.selfDevelopedClassI)
      ? ['self-developed Class I', points.selfDevelopedClassI]
      : atLeastOne(view.classI)
        ? ['Class I', points.classI]
        : atLeastOne(view.classII)
          ? ['Class II', points.classII]
          : ['none', 0];
  return plainIndicator(
    key,
    label,
    score,
    max,
    label === 'none' ? 'no Class I or II IP' : `${label} ≥ 1`,
    `IP related to the dominant product: ${describeIp(view)}: ${key} scores ${score} of ${max} points (${label})`,
  );
};

const ordinal = (rank: number): string => {
  if (!Number.isInteger(rank)) return `rank ${rank}`;
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
  return `${rank}${suffix}`;
};

const describeAward = (award: Award): string =>
  `a ${award.level} S&T award in ${award.year} ranked ${ordinal(award.rank)}`;

/** The best rank an award of each level needs (absent: that level does not count). */
export type AwardRule = Partial<Record<AwardLevel, number | 'any'>>;

const qualifies = (award: Award, rule: AwardRule): boolean => {
  const limit = rule[award.level];
  return limit === 'any' || (typeof limit === 'number' && award.rank >= 1 && award.rank <= limit);
};

const describeRule = (rule: AwardRule): string =>
  listWords(
    (Object.entries(rule) as [AwardLevel, number | 'any'][]).map(([level, limit]) =>
      limit === 'any'
        ? `a ${level} award of any rank`
        : `a ${level} award ranked in the top ${limit}`,
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
      `The enterprise won ${describeAward(hit)} (awards dated ${years} count; it needs ${describeRule(rule)}).`,
    );
  const held = recent.length > 0 ? ` It has ${listWords(recent.map(describeAward))}.` : '';
  return condition(
    key,
    false,
    `No S&T award dated ${years} qualifies: it needs ${describeRule(rule)}.${held}`,
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
    ? condition(
        key,
        true,
        `Named in the national top ${limit} of Maker in China in ${hit.year} (rank ${hit.rank}).`,
      )
    : condition(
        key,
        false,
        `Not named in the national top ${limit} of Maker in China in ${years}${recent.length > 0 ? ` (best rank ${Math.min(...recent.map((e) => e.rank))})` : ''}.`,
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
  const ignored =
    raised.ignored > 0
      ? ` ${plural(raised.ignored, 'entry', 'entries')} with a bad date or amount ignored.`
      : '';
  return condition(
    key,
    met,
    `Qualified institutional equity paid in from ${describeWindow(window)} totals ${formatCny(raised.total)}${verdictWords(met, '>=', formatCny(int(min)))}.${ignored}`,
  );
};

const LEVEL_WORDS: Record<RdInstitutionLevel, string> = {
  national: 'national',
  provincial: 'provincial',
  municipal: 'municipal',
  below_municipal: 'below-municipal',
};

export type RdInstitutionRead =
  | { readonly ok: true; readonly level: RdInstitutionLevel | null }
  | { readonly ok: false; readonly problem: string };

export const rdInstitutionOf = (facts: Facts): RdInstitutionRead => {
  const level: unknown = facts.rdInstitution;
  if (level === undefined) return { ok: false, problem: 'rdInstitution is missing' };
  if (level === null) return { ok: true, level: null };
  return typeof level === 'string' && level in LEVEL_WORDS
    ? { ok: true, level: level as RdInstitutionLevel }
    : { ok: false, problem: `rdInstitution ${quote(level)} is not a known level` };
};

/** An R&D institution at one of the given levels. */
export const rdInstitutionCondition = (
  key: string,
  facts: Facts,
  levels: readonly RdInstitutionLevel[],
): ConditionResult => {
  const read = rdInstitutionOf(facts);
  const needed = `${listWords(
    levels.map((l) => LEVEL_WORDS[l]),
    'or',
  )} level`;
  if (!read.ok)
    return condition(key, false, `R&D institution: ${read.problem}; one at ${needed} is needed.`);
  if (read.level === null)
    return condition(
      key,
      false,
      `The enterprise has no R&D institution; one at ${needed} is needed.`,
    );
  const met = levels.includes(read.level);
  return condition(
    key,
    met,
    met
      ? `The enterprise has a ${LEVEL_WORDS[read.level]} R&D institution.`
      : `The enterprise's R&D institution is ${LEVEL_WORDS[read.level]}; one at ${needed} is needed.`,
  );
};

export const TITLE_WORDS: Record<Title, string> = {
  high_tech_enterprise: 'High-Tech Enterprise',
  tech_innovation_demonstration: 'National Technology Innovation Demonstration Enterprise',
  ip_advantage: 'IP Advantage Enterprise',
  ip_demonstration: 'IP Demonstration Enterprise',
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
    ? condition(key, true, `The enterprise holds a valid ${TITLE_WORDS[hit]} title.`)
    : condition(key, false, `The enterprise holds none of the qualifying titles (${names}).`);
};
