#!/usr/bin/env node
// `npm start` builds first, but only when something the build reads has changed since the last
// build: a SHA-256 over the sources and build settings is kept beside the output
// (dist/.build-hash). Plain Node, no dependencies: it runs before anything is compiled.
//   node scripts/build-if-changed.mjs [--force]
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(fileURLToPath(new URL('.', import.meta.url)), '..');
const STAMP = join(root, 'dist', '.build-hash');
const INPUTS = [
  'src',
  'web/src',
  'web/index.html',
  'web/vite.config.mts',
  'web/tsconfig.json',
  'package.json',
  'package-lock.json',
  'tsconfig.json',
  'tsconfig.build.json',
  'nest-cli.json',
];

const filesUnder = (path) => {
  if (!existsSync(path)) return [];
  return readdirSync(path, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) => (e.isDirectory() ? filesUnder(join(path, e.name)) : [join(path, e.name)]));
};

const sourceHash = () => {
  const hash = createHash('sha256');
  for (const input of INPUTS) {
    const path = join(root, input);
    if (!existsSync(path)) continue;
    const files = input.includes('.') ? [path] : filesUnder(path);
    for (const file of files) {
      hash.update(relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
    }
  }
  return hash.digest('hex');
};

const main = () => {
  const force = process.argv.includes('--force');
  const hash = sourceHash();
  const built =
    existsSync(join(root, 'dist', 'main.js')) &&
    existsSync(join(root, 'web', 'dist', 'index.html')) &&
    existsSync(STAMP);
  if (!force && built && readFileSync(STAMP, 'utf8').trim() === hash) {
    console.log('build: sources unchanged since the last build; not rebuilding');
    return;
  }
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
  writeFileSync(STAMP, `${hash}\n`);
};

main();
