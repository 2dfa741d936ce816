import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '../../infra/persistence/columns';

/** Consecutive failed sign-ins per username (known or not, so existence is not leaked). */
@Entity({ name: 'login_attempts' })
export class LoginAttemptEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  username!: string;

  @Column({ type: 'integer' })
  failures!: number;

  @TimestampColumn({ name: 'locked_until', nullable: true })
  lockedUntil!: string | null;

  /** Attempts reserved and not yet answered (their passwords are being checked). */
  @Column({ name: 'in_flight', type: 'integer', default: 0 })
  inFlight!: number;

  @TimestampColumn({ name: 'in_flight_since', nullable: true })
  inFlightSince!: string | null;

  @TimestampColumn({ name: 'updated_at' })
  updatedAt!: string;
}
