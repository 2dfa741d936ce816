import 'reflect-metadata';
import { createApp } from './app.factory';
import { APP_CONFIG, type AppConfig } from './config/app-config';

const bootstrap = async (): Promise<void> => {
  const app = await createApp();
  const config = app.get<AppConfig>(APP_CONFIG);
  await app.listen(config.http.port, config.http.host);
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
