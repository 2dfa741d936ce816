// Offline verifier of a case bundle:
//   npm run verify-bundle -- bundle.json --key <keyId>
//   npm run verify-bundle -- bundle.json --key-file audit-public-key.pem
//   npm run verify-bundle -- bundle.json --key <keyId> --documents ./downloaded
//     (also checks a folder of downloaded documents against the hashes the bundle lists)
//   npm run verify-bundle -- case.zip --key <keyId>
//     (a case bundle with its files, GET …/bundle?format=zip: its bundle.json, and its documents/
//     files checked as a --documents folder would be)
// Needs no server and no database; exits 0 when the bundle verifies, 1 when it does not, 2 on a usage
// error. A key must be given (security review L1): the key inside a bundle proves nothing by itself,
// since a forger re-signs with a key of their own. Pin the server's key: its id from
// GET /api/v1/audit/public-key (or the PEM it serves).
import { createHash, createPublicKey } from 'node:crypto';
import { closeSync, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  checkDocumentFiles,
  verifyCaseBundle,
  type BundleDocument,
  type FileDigest,
} from '../src/domain/audit/case-bundle';
import { keyIdOf } from '../src/domain/audit/signature';
import { ZipFile } from './read-zip';

const USAGE =
  'usage: npm run verify-bundle -- bundle.json (--key <keyId> | --key-file <public-key.pem>) ' +
  '[--documents <folder>]\n' +
  '       npm run verify-bundle -- case.zip (--key <keyId> | --key-file <public-key.pem>)\n';

/** The SHA-256 of a file, read in 1 MiB chunks (never whole). */
const digestOf = (path: string): FileDigest & { name: string } => {
  const hash = createHash('sha256');
  const buffer = Buffer.alloc(1024 * 1024);
  const fd = openSync(path, 'r');
  let size = 0;
  try {
    for (;;) {
      const n = readSync(fd, buffer, 0, buffer.length, null);
      if (n === 0) break;
      size += n;
      hash.update(buffer.subarray(0, n));
    }
  } finally {
    closeSync(fd);
  }
  return { name: path, size, sha256: hash.digest('hex') };
};

/** The files of a folder (not its subfolders), hashed. */
const folderDigests = (dir: string): FileDigest[] =>
  readdirSync(dir)
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile())
    .map(digestOf);

/** A zip by its first bytes (PK\\3\\4), whatever it is called. */
const isZip = (path: string): boolean => {
  try {
    const fd = openSync(path, 'r');
    try {
      const head = Buffer.alloc(4);
      return readSync(fd, head, 0, 4, 0) === 4 && head.readUInt32LE(0) === 0x04034b50;
    } finally {
      closeSync(fd);
    }
  } catch {
    return false;
  }
};

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
  const valued = new Set(['--key', '--key-file', '--documents']);
  const file = args.find((a, i) => !a.startsWith('--') && !valued.has(args[i - 1] ?? ''));
  if (!file) {
    err(USAGE);
    return 2;
  }
  let parsed: unknown;
  // A zip (GET …/bundle?format=zip): bundle.json and the files under documents/.
  let zipped: FileDigest[] | undefined;
  if (isZip(file)) {
    if (option(args, '--documents')) {
      err(`a zip carries its documents: no --documents with ${file}\n${USAGE}`);
      return 2;
    }
    try {
      const zip = new ZipFile(file);
      try {
        const bundle = zip.entries.find((e) => e.name === 'bundle.json');
        if (!bundle) throw new Error('it holds no bundle.json');
        parsed = JSON.parse(zip.content(bundle).toString('utf8'));
        zipped = zip.entries
          .filter((e) => e.name.startsWith('documents/') && !e.name.endsWith('/'))
          .map((e) => ({ name: e.name, ...zip.digest(e) }));
      } finally {
        zip.close();
      }
    } catch (error) {
      out(`INVALID: ${file} is not a readable case zip (${(error as Error).message})\n`);
      return 1;
    }
  } else {
    try {
      parsed = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      out(`INVALID: ${file} is not readable JSON (${(error as Error).message})\n`);
      return 1;
    }
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
  const folder = option(args, '--documents') ?? (zipped ? `${file}:documents/` : undefined);
  let documentsChecked = 0;
  if (folder) {
    let files: FileDigest[];
    try {
      files = zipped ?? folderDigests(folder);
    } catch (error) {
      err(`cannot read the documents folder ${folder}: ${(error as Error).message}\n`);
      return 2;
    }
    const listed = (parsed as { documents?: BundleDocument[] }).documents;
    if (!Array.isArray(listed)) {
      result.problems.push('the bundle lists no documents');
    } else {
      const check = checkDocumentFiles(listed, files);
      documentsChecked = check.checked;
      result.problems.push(...check.problems);
    }
    result.ok = result.problems.length === 0;
  }
  if (result.ok) {
    out(
      `OK: ${result.eventsChecked} events verified` +
        (folder ? `, ${documentsChecked} documents matched by hash` : '') +
        `, signed by the trusted key ${trustedKeyId}\n`,
    );
    return 0;
  }
  out(`INVALID:\n${result.problems.map((p) => `  - ${p}`).join('\n')}\n`);
  return 1;
};

if (require.main === module) process.exitCode = verifyBundleCli(process.argv.slice(2));
