import { randomInt } from 'node:crypto';
import { creditCodeCheckCharacter } from '../../src/domain/identity/credit-code';

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** A well-formed unified social credit code for a company registered in `regionCode`. */
export const makeCreditCode = (regionCode = '130102'): string => {
  let org = '';
  for (let i = 0; i < 9; i++) org += ALPHABET.charAt(randomInt(ALPHABET.length));
  const body = `91${regionCode}${org}`;
  return body + creditCodeCheckCharacter(body);
};
