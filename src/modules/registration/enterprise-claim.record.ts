export type ClaimStatus = 'pending' | 'granted' | 'refused';

/** A claim of a registered credit code by the company it belongs to. */
export type EnterpriseClaimRecord = {
  id: string;
  enterpriseId: string;
  regionCode: string;
  creditCode: string;
  claimantName: string;
  /** Personal data: shown to the deciding authority only, never logged or audited. */
  claimantContact: string;
  statement: string;
  /** The account the claimant asks for, created when the claim is granted. */
  username: string;
  passwordHash: string;
  status: ClaimStatus;
  createdAt: string;
  decidedAt: string | null;
  decidedBy: string | null;
  reasons: string[] | null;
};
