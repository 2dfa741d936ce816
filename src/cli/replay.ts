// npm run replay: rebuilds every application's state from its audit history through its pinned
// machine version and reports any that differ from the stored snapshot (exit code 1).
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module';
import { CaseFilesService } from '../modules/audit/case-files.service';

const main = async (): Promise<number> => {
  const app = await NestFactory.createApplicationContext(
    AppModule.forRoot({ env: { SCHEDULER_ENABLED: 'false' } }),
    { logger: ['error', 'warn'] },
  );
  try {
    const { checked, mismatches } = await app.get(CaseFilesService).replayAll();
    for (const m of mismatches) {
      process.stdout.write(
        `MISMATCH ${m.applicationId}: stored ${m.storedState}, replayed ${m.replayedState}` +
          `${m.divergence ? ` (diverged at seq ${m.divergence.seq}, ${m.divergence.event})` : ''}` +
          `${m.differences ? ` [${m.differences.join(', ')}]` : ''}\n`,
      );
    }
    process.stdout.write(`${checked} applications replayed, ${mismatches.length} mismatches\n`);
    return mismatches.length === 0 ? 0 : 1;
  } finally {
    await app.close();
  }
};

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `replay failed: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exitCode = 2;
  },
);
