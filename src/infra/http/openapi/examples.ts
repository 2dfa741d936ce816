import { creditCodeCheckCharacter } from '../../../domain/identity/credit-code';

/** A credit code the server accepts (GB 32100 check character computed), of Chang'an district. */
export const EXAMPLE_CREDIT_CODE = `91130102MA0CXXXXX${creditCodeCheckCharacter('91130102MA0CXXXXX')}`;
