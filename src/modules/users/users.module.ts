import { Inject, Module, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { AuditLogModule } from '../audit-log/audit-log.module';
import { EnterprisesModule } from '../enterprises/enterprises.module';
import { PasswordHasher } from './password-hasher';
import { UserRepository } from './user.repository';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

@Module({
  imports: [EnterprisesModule, AuditLogModule],
  controllers: [UsersController],
  providers: [
    UserRepository,
    UsersService,
    {
      provide: PasswordHasher,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new PasswordHasher(config.auth.passwordHashCost),
    },
  ],
  exports: [UsersService, PasswordHasher],
})
export class UsersModule implements OnApplicationBootstrap {
  constructor(
    private readonly users: UsersService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.users.ensureBootstrapAdmin(
      this.config.auth.adminUsername,
      this.config.auth.adminPassword,
    );
  }
}
