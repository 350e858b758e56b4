import type { EntityManager } from 'typeorm';
import { UserEntity, type UserRole } from './user.entity';

/** E-mail addresses are stored and compared lower-cased and trimmed. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * The users an e-mail address may log in as: one per tenant at most (unique index),
 * all of them when no tenant is named. Oldest first, so the choice is stable.
 */
export function findUsersByEmail(manager: EntityManager, email: string, tenantId?: string): Promise<UserEntity[]> {
  return manager.getRepository(UserEntity).find({
    where: { email: normaliseEmail(email), ...(tenantId ? { tenantId } : {}) },
    order: { createdAt: 'ASC', id: 'ASC' },
    take: 20,
  });
}

/** Locks one user row for the rest of the transaction (login counters, assignment). */
export function lockUser(manager: EntityManager, id: string): Promise<UserEntity | null> {
  return manager.getRepository(UserEntity).createQueryBuilder('u').setLock('pessimistic_write').where('u.id = :id', { id }).getOne();
}

export interface NewUser {
  tenantId: string;
  email: string;
  displayName: string;
  role: UserRole;
  passwordHash: string;
  available: boolean;
  languages?: string[];
}

/** Creates the user unless the tenant already has one with that e-mail; never touches an existing row. */
export async function insertUserIfAbsent(manager: EntityManager, user: NewUser): Promise<boolean> {
  const result = await manager
    .createQueryBuilder()
    .insert()
    .into(UserEntity)
    .values({ ...user, email: normaliseEmail(user.email) })
    .orIgnore()
    .returning(['id'])
    .execute();
  return (result.raw as unknown[]).length > 0;
}
