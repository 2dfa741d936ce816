import { v7 } from 'uuid';

/** Time-ordered UUIDv7: unique, and sortable by creation for keyset pagination. */
export const newId = (): string => v7();
