// SME Ladder's own lint rules.
//
// table-ownership: one repository per table. A table belongs to the area whose *.entity.ts declares
// it (`@Entity({ name: 'applications' })` in src/modules/applications → area "applications").
// SQL in a string or template literal may name a table only in a *.repository.ts file of the area
// that owns it: another area reads or writes it through what the owner exports, never by SQL.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

const ENTITY_NAME = /@Entity\(\s*\{\s*name:\s*'([a-z0-9_]+)'/g;
// Upper-case SQL keywords only: the product writes SQL in upper case, prose is lower case.
const TABLE_REFERENCE = /\b(?:FROM|JOIN|INTO|UPDATE|TABLE)\s+"?([a-z][a-z0-9_]*)"?/g;

/** The area of a file under src/: "modules/<area>" or "infra"; null elsewhere. */
export const areaOf = (file) => {
  const parts = file.split(/[\\/]/);
  const src = parts.lastIndexOf('src');
  if (src < 0) return null;
  if (parts[src + 1] === 'infra') return 'infra';
  if (parts[src + 1] === 'modules' && parts[src + 2] && parts.length > src + 3) {
    return `modules/${parts[src + 2]}`;
  }
  return null;
};

const walk = (dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? walk(path) : [path];
  });

const ownersCache = new Map();
/** Table name → owning area, from the entities under `root`/src. */
export const tableOwners = (root) => {
  if (!ownersCache.has(root)) {
    const owners = {};
    for (const file of walk(join(root, 'src'))) {
      if (!file.endsWith('.entity.ts')) continue;
      const area = areaOf(relative(root, file).split(sep).join('/'));
      for (const [, table] of readFileSync(file, 'utf8').matchAll(ENTITY_NAME))
        owners[table] = area;
    }
    ownersCache.set(root, owners);
  }
  return ownersCache.get(root);
};

const tableOwnership = {
  meta: {
    type: 'problem',
    docs: { description: 'SQL names a table only in the repository of the area that owns it' },
    schema: [],
    messages: {
      foreign:
        "SQL on table '{{table}}', which belongs to {{owner}}: use what that module exports, not its table.",
      outsideRepository:
        "SQL on table '{{table}}' belongs in {{owner}}'s *.repository.ts (one repository per table).",
    },
  },
  create(context) {
    const file = context.filename;
    const area = areaOf(file);
    if (!area) return {};
    const owners =
      context.settings?.ladder?.tableOwners ?? tableOwners(context.cwd ?? process.cwd());
    const isRepository = /\.repository\.ts$/.test(file);
    const check = (node, text) => {
      for (const [, table] of text.matchAll(TABLE_REFERENCE)) {
        const owner = owners[table];
        if (!owner) continue;
        if (owner !== area) {
          context.report({ node, messageId: 'foreign', data: { table, owner } });
        } else if (!isRepository) {
          context.report({ node, messageId: 'outsideRepository', data: { table, owner } });
        }
      }
    };
    return {
      Literal(node) {
        if (typeof node.value === 'string') check(node, node.value);
      },
      TemplateLiteral(node) {
        check(node, node.quasis.map((q) => q.value.cooked ?? q.value.raw).join(' ? '));
      },
    };
  },
};

export default {
  meta: { name: 'eslint-plugin-ladder' },
  rules: { 'table-ownership': tableOwnership },
};
