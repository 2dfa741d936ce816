import { createSecretKey } from 'node:crypto';
import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule, JwtService } from '@nestjs/jwt';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { UsersModule } from '../users/users.module';
import { UsersService } from '../users/users.service';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { LoginAttemptRepository } from './login-attempt.repository';
import { LoginGuardService } from './login-guard.service';
import { resolveJwtSecret } from './jwt-secret';
import { PasswordHasher } from '../users/password-hasher';

@Module({
  imports: [
    UsersModule,
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => {
        // A KeyObject, not a string: jsonwebtoken first tries to parse a string secret as a PEM
        // public key and fails, which costs ~0.8 ms on every verification.
        const key = createSecretKey(
          Buffer.from(resolveJwtSecret(config.auth.jwtSecret, config.dataDir), 'utf8'),
        );
        return {
          secretOrKeyProvider: () => key,
          signOptions: { algorithm: 'HS256' },
          verifyOptions: { algorithms: ['HS256'] },
        };
      },
    }),
  ],
  controllers: [AuthController],
  providers: [
    {
      provide: AuthService,
      inject: [UsersService, JwtService, PasswordHasher, APP_CONFIG, LoginGuardService],
      useFactory: (
        users: UsersService,
        jwt: JwtService,
        hasher: PasswordHasher,
        config: AppConfig,
        lockout: LoginGuardService,
      ) => new AuthService(users, jwt, hasher, config.auth.jwtTtlSeconds, lockout),
    },
    LoginAttemptRepository,
    LoginGuardService,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [AuthService],
})
export class AuthModule {}
