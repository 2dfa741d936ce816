import 'reflect-metadata';
import { createApp } from './app.factory';
import { APP_CONFIG, type AppConfig } from './config/app-config';

const bootstrap = async (): Promise<void> => {
  const app = await createApp();
  const config = app.get<AppConfig>(APP_CONFIG);
  await app.listen(config.http.port, config.http.host);
  // Graceful shutdown: stop accepting connections, let in-flight requests and the scheduler's
  // current fire finish, then close the database (Nest's close() runs the hooks in that order).
  let closing = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    app.getHttpAdapter().getInstance().log.info({ signal }, 'SME Ladder is shutting down');
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`Shutdown failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
  app
    .getHttpAdapter()
    .getInstance()
    .log.info(
      { port: config.http.port, database: config.database.kind },
      'SME Ladder is listening',
    );
};

bootstrap().catch((error: unknown) => {
  process.stderr.write(
    `SME Ladder failed to start: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
