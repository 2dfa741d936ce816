// Who may apply for a tier (domain rules §5.6, §5.7): the lower title valid on the application
// date where the rules require it, and no revocation bar running.
import { isValidTitleOn, type CertificateState } from './certificate.workflow';
import type { Tier } from './tier';
import { msg, type Msg } from '../i18n/message';

export type TitleRecord = {
  tier: Tier;
  state: CertificateState;
  validFrom: string;
  validTo: string;
  barUntil: string | null;
};

export type PrerequisiteRefusal = {
  code: 'PREREQUISITE_NOT_MET' | 'APPLICATION_BARRED' | 'DUPLICATE';
  reasons: Msg[];
};

/** The title a tier requires first, if any. */
export const prerequisiteTierOf = (
  tier: Tier,
  options: { requireInnovativeTitleForSpecialized: boolean },
): Tier | null => {
  if (tier === 'little_giant') return 'specialized_sme';
  if (tier === 'specialized_sme' && options.requireInnovativeTitleForSpecialized)
    return 'innovative_sme';
  return null;
};

/** §5.6: a revocation bar running on `date`, as a refusal. */
export const barRefusal = (
  titles: readonly TitleRecord[],
  date: string,
): PrerequisiteRefusal | null => {
  const bar = titles
    .filter((t) => t.barUntil !== null && t.barUntil >= date)
    .map((t) => t.barUntil as string)
    .sort()
    .pop();
  return bar
    ? {
        code: 'APPLICATION_BARRED',
        reasons: [msg('prereq.barred', { date: bar })],
      }
    : null;
};

/**
 * Whether an application may still lead to a title on `date` (security review H1): checked when it
 * is created, submitted, resubmitted and certified. A re-review renews a title the enterprise
 * holds: only a bar stops it.
 */
export const eligibilityRefusal = (input: {
  tier: Tier;
  date: string;
  titles: readonly TitleRecord[];
  requireInnovativeTitleForSpecialized: boolean;
  reReview: boolean;
}): PrerequisiteRefusal | null =>
  input.reReview ? barRefusal(input.titles, input.date) : checkPrerequisites(input);

export const checkPrerequisites = (input: {
  tier: Tier;
  date: string;
  titles: readonly TitleRecord[];
  requireInnovativeTitleForSpecialized: boolean;
}): PrerequisiteRefusal | null => {
  const bar = barRefusal(input.titles, input.date);
  if (bar) return bar;
  if (input.titles.some((t) => t.tier === input.tier && isValidTitleOn(t, input.date))) {
    return {
      code: 'DUPLICATE',
      reasons: [msg(`prereq.held.${input.tier}`)],
    };
  }
  const required = prerequisiteTierOf(input.tier, input);
  if (required && !input.titles.some((t) => t.tier === required && isValidTitleOn(t, input.date))) {
    return {
      code: 'PREREQUISITE_NOT_MET',
      reasons: [msg(`prereq.needs.${input.tier}`, { date: input.date })],
    };
  }
  return null;
};
