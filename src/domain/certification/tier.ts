export const TIERS = ['innovative_sme', 'specialized_sme', 'little_giant'] as const;
export type Tier = (typeof TIERS)[number];

export const TIER_LABELS: Record<Tier, string> = {
  innovative_sme: 'Innovative SME',
  specialized_sme: 'Specialized and new SME',
  little_giant: 'Specialized and new "little giant"',
};

export const isTier = (value: unknown): value is Tier =>
  typeof value === 'string' && (TIERS as readonly string[]).includes(value);
