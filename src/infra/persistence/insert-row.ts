import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * Inserts one complete row. TypeORM's deep-partial typing rejects entities whose JSON columns are
 * typed as records of unknown; passing the row through this generic signature sidesteps that.
 */
export const insertRow = async <T extends ObjectLiteral>(
  em: EntityManager,
  target: EntityTarget<T>,
  row: T,
): Promise<void> => {
  await em.insert(target, row);
};
