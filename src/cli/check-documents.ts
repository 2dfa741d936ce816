// npm run check-documents: every document row's file must be in the document store. Prints the
// hashes whose file is missing and exits 1 if there is any (2 if the check itself failed).
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module';
import { DocumentsService } from '../modules/documents/documents.service';

const main = async (): Promise<number> => {
  const app = await NestFactory.createApplicationContext(
    AppModule.forRoot({ env: { SCHEDULER_ENABLED: 'false' } }),
    { logger: ['error', 'warn'] },
  );
  try {
    const { checked, missing } = await app.get(DocumentsService).checkStore();
    for (const hash of missing) process.stdout.write(`MISSING ${hash}\n`);
    process.stdout.write(`${checked} stored files checked, ${missing.length} missing\n`);
    return missing.length === 0 ? 0 : 1;
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
      `check-documents failed: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exitCode = 2;
  },
);
