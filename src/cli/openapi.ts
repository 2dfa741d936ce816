// npm run openapi: writes the OpenAPI document the code describes to docs/openapi.json, and the
// TypeScript types a client generates from it (openapi-typescript) to test/contract/openapi.d.ts.
// npm run openapi:check (in CI, after the build): exit 1 when either differs from what is committed.
// Run from the build (dist/): the @nestjs/swagger plugin describes the DTOs at compile time.
import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createApp } from '../app.factory';
import { buildOpenApiDocument } from '../infra/http/openapi/document';

const ROOT = resolve(__dirname, '..', '..');
const DOCUMENT = join(ROOT, 'docs', 'openapi.json');
const TYPES = join(ROOT, 'test', 'contract', 'openapi.d.ts');

const generate = async (dir: string): Promise<{ document: string; types: string }> => {
  const app = await createApp({
    ignoreEnvFile: true,
    env: {
      DATA_DIR: dir,
      SQLITE_PATH: join(dir, 'openapi.sqlite'),
      LOG_LEVEL: 'silent',
      SCHEDULER_ENABLED: 'false',
      JWT_SECRET: 'openapi-generation-only-secret-0123456789',
      ADMIN_PASSWORD: 'openapi-generation-only',
      PASSWORD_HASH_COST: '10',
    },
  });
  try {
    const document = `${JSON.stringify(buildOpenApiDocument(app), null, 2)}\n`;
    const input = join(dir, 'openapi.json');
    const output = join(dir, 'openapi.d.ts');
    writeFileSync(input, document);
    execFileSync(
      process.execPath,
      [
        join(ROOT, 'node_modules', 'openapi-typescript', 'bin', 'cli.js'),
        input,
        '-o',
        output,
        '--alphabetize',
      ],
      { stdio: 'pipe' },
    );
    return { document, types: readFileSync(output, 'utf8') };
  } finally {
    await app.close();
  }
};

const main = async (check: boolean): Promise<number> => {
  const dir = mkdtempSync(join(tmpdir(), 'ladder-openapi-'));
  try {
    const { document, types } = await generate(dir);
    if (!check) {
      writeFileSync(DOCUMENT, document);
      writeFileSync(TYPES, types);
      process.stdout.write(`wrote ${DOCUMENT} and ${TYPES}\n`);
      return 0;
    }
    const stale = [
      [DOCUMENT, document],
      [TYPES, types],
    ].filter(([file, text]) => {
      try {
        return readFileSync(file!, 'utf8') !== text;
      } catch {
        return true;
      }
    });
    for (const [file] of stale) {
      process.stderr.write(`${file} differs from what the code generates: run npm run openapi\n`);
    }
    if (stale.length === 0) process.stdout.write('docs/openapi.json is up to date\n');
    return stale.length === 0 ? 0 : 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

main(process.argv.includes('--check')).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `openapi failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 2;
  },
);
