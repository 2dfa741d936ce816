// node --test eslint/: the lint rules are tested like code (part of `npm run lint`).
import { test } from 'node:test';
import { RuleTester } from 'eslint';
import tseslint from 'typescript-eslint';
import ladder, { areaOf } from './ladder-plugin.mjs';

const tester = new RuleTester({
  languageOptions: { parser: tseslint.parser },
  settings: {
    ladder: {
      tableOwners: {
        applications: 'modules/applications',
        timers: 'modules/timers',
        idempotency_keys: 'infra',
      },
    },
  },
});

test('areas of files', (t) => {
  t.assert.equal(
    areaOf('/r/src/modules/applications/application.repository.ts'),
    'modules/applications',
  );
  t.assert.equal(areaOf('/r/src/infra/persistence/raw-sql.ts'), 'infra');
  t.assert.equal(areaOf('/r/src/domain/x.ts'), null);
  t.assert.equal(areaOf('/r/scripts/seed.ts'), null);
});

test('table-ownership', () => {
  tester.run('table-ownership', ladder.rules['table-ownership'], {
    valid: [
      {
        filename: '/r/src/modules/applications/application.repository.ts',
        code: "select(em, 'SELECT id FROM applications WHERE id = $1')",
      },
      {
        filename: '/r/src/modules/timers/timer.repository.ts',
        code: 'execute(em, `UPDATE timers SET due_at = ${x} WHERE id = $1`)',
      },
      {
        filename: '/r/src/modules/applications/applications.queries.ts',
        code: "const message = 'an application is taken from applications listed here';",
      },
      {
        filename: '/r/src/infra/idempotency/idempotency-key.repository.ts',
        code: "select(em, 'SELECT status FROM idempotency_keys')",
      },
      { filename: '/r/scripts/seed.ts', code: "sink.insert('INSERT INTO timers VALUES (1)')" },
    ],
    invalid: [
      {
        filename: '/r/src/modules/applications/application.repository.ts',
        code: "select(em, 'SELECT id FROM timers WHERE subject_id = $1')",
        errors: [{ messageId: 'foreign' }],
      },
      {
        filename: '/r/src/modules/audit/case-files.service.ts',
        code: 'select(em, `SELECT id FROM applications WHERE id > $1`)',
        errors: [{ messageId: 'foreign' }],
      },
      {
        filename: '/r/src/modules/applications/applications.queries.ts',
        code: "select(em, 'SELECT a.id FROM applications a JOIN timers t ON t.subject_id = a.id')",
        errors: [{ messageId: 'outsideRepository' }, { messageId: 'foreign' }],
      },
      {
        filename: '/r/src/infra/persistence/transaction-runner.ts',
        code: "const TAKE_WRITE_LOCK = 'UPDATE timers SET id = id WHERE 0 = 1';",
        errors: [{ messageId: 'foreign' }],
      },
    ],
  });
});
