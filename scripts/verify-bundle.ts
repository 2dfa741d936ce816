// Offline verifier of a case bundle: npm run verify-bundle -- bundle.json [--key <keyId>]
// Needs no server and no database; exits 0 when the bundle verifies, 1 otherwise.
import { readFileSync } from 'node:fs';
import { verifyCaseBundle } from '../src/domain/audit/case-bundle';

const main = (): number => {
  const args = process.argv.slice(2);
  const file = args.find((a) => !a.startsWith('--'));
  const keyIndex = args.indexOf('--key');
  const trustedKeyId = keyIndex >= 0 ? args[keyIndex + 1] : undefined;
  if (!file) {
    process.stderr.write('usage: npm run verify-bundle -- bundle.json [--key <keyId>]\n');
    return 2;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    process.stdout.write(`INVALID: ${file} is not readable JSON (${(error as Error).message})\n`);
    return 1;
  }
  const result = verifyCaseBundle(parsed, trustedKeyId);
  if (result.ok) {
    process.stdout.write(`OK: ${result.eventsChecked} events verified, signature valid\n`);
    return 0;
  }
  process.stdout.write(`INVALID:\n${result.problems.map((p) => `  - ${p}`).join('\n')}\n`);
  return 1;
};

process.exitCode = main();
