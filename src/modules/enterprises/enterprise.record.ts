/** An enterprise as stored (the entity implements it; other modules read this shape). */
export type EnterpriseRecord = {
  id: string;
  /** GB 32100 unified social credit code. */
  creditCode: string;
  name: string;
  /** GB/T 2260 code of the county (or city) where it is registered. */
  regionCode: string;
  /** Key of the SME size table (domain rules §1). */
  sector: string;
  establishedOn: string;
  createdAt: string;
  updatedAt: string;
};
