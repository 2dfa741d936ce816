import { InitialSchema1764201600000 } from './1764201600000-InitialSchema';
import { Certificates1764288000000 } from './1764288000000-Certificates';
import { CallsAndObjections1764374400000 } from './1764374400000-CallsAndObjections';
import { AuditAppendOnly1764460800000 } from './1764460800000-AuditAppendOnly';
import { Hardening1764633600000 } from './1764633600000-Hardening';
import { AuditEventIndex1764806400000 } from './1764806400000-AuditEventIndex';
import { OneOpenApplicationPerTier1764900000000 } from './1764900000000-OneOpenApplicationPerTier';
import { RegistrationHardening1764900100000 } from './1764900100000-RegistrationHardening';
import { LoginReservations1764900200000 } from './1764900200000-LoginReservations';
import { ConfirmedFacts1764900300000 } from './1764900300000-ConfirmedFacts';
import { AuditInsertGuards1764900400000 } from './1764900400000-AuditInsertGuards';
import { Documents1765100000000 } from './1765100000000-Documents';
import { OutboxAndWebhooks1765200000000 } from './1765200000000-OutboxAndWebhooks';
import { Statistics1765300000000 } from './1765300000000-Statistics';
import { Batches1765419000000 } from './1765419000000-Batches';
import { StatisticsRollups1765500000000 } from './1765500000000-StatisticsRollups';
import { StatisticsAtScale1765500100000 } from './1765500100000-StatisticsAtScale';
import { LeanOutbox1765600000000 } from './1765600000000-LeanOutbox';

/** Every migration, in order. Listed explicitly so the same list works from src and dist. */
export const MIGRATIONS = [
  InitialSchema1764201600000,
  Certificates1764288000000,
  CallsAndObjections1764374400000,
  AuditAppendOnly1764460800000,
  Hardening1764633600000,
  AuditEventIndex1764806400000,
  OneOpenApplicationPerTier1764900000000,
  RegistrationHardening1764900100000,
  LoginReservations1764900200000,
  ConfirmedFacts1764900300000,
  AuditInsertGuards1764900400000,
  Documents1765100000000,
  OutboxAndWebhooks1765200000000,
  Statistics1765300000000,
  Batches1765419000000,
  StatisticsRollups1765500000000,
  StatisticsAtScale1765500100000,
  LeanOutbox1765600000000,
];
