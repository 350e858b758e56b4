import type { EntityManager } from 'typeorm';
import { TenantEntity } from '@pegamento/data-access-conversations';
import { parseTenantSettings, type TenantSettings } from '@pegamento/shared-domain';

export async function readTenantSettings(manager: EntityManager, tenantId: string): Promise<TenantSettings> {
  const tenant = await manager.getRepository(TenantEntity).findOneBy({ id: tenantId });
  return parseTenantSettings(tenant?.settings ?? {});
}
