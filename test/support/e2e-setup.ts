import { startRecording, takeRecorded, validateRecorded } from './openapi-validation';

// Each e2e file: every answer it receives is validated against docs/openapi.json at the end, and
// what was checked is printed (answers and operations).
beforeAll(() => startRecording());

afterAll(() => {
  const summary = validateRecorded(takeRecorded());
  process.stdout.write(
    `openapi: ${expect.getState().testPath?.split('/').pop()}: ${summary.answers} answers of ` +
      `${summary.operations.size} operations validated, ${summary.failures.length} failures\n`,
  );
  if (summary.failures.length > 0) {
    throw new Error(
      `Answers that do not match docs/openapi.json:\n${[...new Set(summary.failures)].slice(0, 60).join('\n')}`,
    );
  }
});
