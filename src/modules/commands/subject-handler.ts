import type { EntityManager } from 'typeorm';
import type { Actor } from '../../domain/access/roles';
import type { Command } from '../../domain/certification/commands';
import type { Decision, Write } from '../../domain/certification/decision';

/**
 * What the command pipeline needs to know of one kind of subject: how to load and write its row
 * (through its module's repository), who may see it, and how to decide a command (the reads it
 * needs, then its pure decider in src/domain).
 */
export interface SubjectHandler<C extends Command, R extends { id: string }> {
  load(em: EntityManager, id: string): Promise<R | undefined>;
  /** Whether the actor may see the subject; one it may not see is answered as not found. */
  visibleTo(actor: Actor, row: R): boolean;
  /** The optimistic-concurrency version, for If-Match (none for unversioned subjects). */
  versionOf(row: R): number | undefined;
  /** The state or status, for the log of transitions. */
  stateOf(row: R): string;
  decide(em: EntityManager, command: C, row: R | undefined, at: string): Promise<Decision<R>>;
  write(em: EntityManager, row: R | undefined, write: Write<R>): Promise<R>;
}
