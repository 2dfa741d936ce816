/** Keys of the SME size table (2011 provisions, domain rules §1). */
export const SECTORS = [
  'agriculture',
  'industry',
  'construction',
  'wholesale',
  'retail',
  'transport',
  'warehousing',
  'postal',
  'accommodation_catering',
  'information_transmission',
  'software_it',
  'real_estate_development',
  'property_management',
  'leasing_business',
  'other',
] as const;
export type Sector = (typeof SECTORS)[number];
