// Offline verifier of a case bundle:
//   npm run verify-bundle -- bundle.json --key <keyId>
//   npm run verify-bundle -- bundle.json --key-file audit-public-key.pem
// Needs no server and no database; exits 0 when the bundle verifies, 1 when it does not, 2 on a usage
// error. A key must be given (security review L1): the key inside a bundle proves nothing by itself,
// since a forger re-signs with a key of their own. Pin the server's key: its id from
// GET /api/v1/audit/public-key (or the PEM it serves).
import { createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { verifyCaseBundle } from '../src/domain/audit/case-bundle';
import { keyIdOf } from '../src/domain/audit/signature';

const USAGE =
  'usage: npm run verify-bundle -- bundle.json (--key <keyId> | --key-file <public-key.pem>)\n';

const option = (args: string[], name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};

/** The command, its output written through `out` and `err`; returns the exit code. */
export const verifyBundleCli = (
  args: string[],
  out: (text: string) => void = (t) => process.stdout.write(t),
  err: (text: string) => void = (t) => process.stderr.write(t),
): number => {
  const valued = new Set(['--key', '--key-file']);
  const file = args.find((a, i) => !a.startsWith('--') && !valued.has(args[i - 1] ?? ''));
  if (!file) {
    err(USAGE);
    return 2;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    out(`INVALID: ${file} is not readable JSON (${(error as Error).message})\n`);
    return 1;
  }
  let trustedKeyId = option(args, '--key');
  const keyFile = option(args, '--key-file');
  if (keyFile) {
    try {
      trustedKeyId = keyIdOf(createPublicKey(readFileSync(keyFile, 'utf8')));
    } catch (error) {
      err(`cannot read the key file ${keyFile}: ${(error as Error).message}\n`);
      return 2;
    }
  }
  if (!trustedKeyId) {
    const carried = (parsed as { publicKey?: { keyId?: unknown } }).publicKey?.keyId;
    err(
      `UNTRUSTED: give the key to trust (--key or --key-file). The bundle says it is signed by key ` +
        `${String(carried)}: compare it with the server's published key before you pass it.\n${USAGE}`,
    );
    return 2;
  }
  const result = verifyCaseBundle(parsed, trustedKeyId);
  if (result.ok) {
    out(`OK: ${result.eventsChecked} events verified, signed by the trusted key ${trustedKeyId}\n`);
    return 0;
  }
  out(`INVALID:\n${result.problems.map((p) => `  - ${p}`).join('\n')}\n`);
  return 1;
};

if (require.main === module) process.exitCode = verifyBundleCli(process.argv.slice(2));
