import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { UserEntity, type UserRole } from '@pegamento/handoff-data-access';
import type { AgentPrincipal } from '@pegamento/util-auth';
import { actingAgent } from '../acting-agent';

/** The signed-in agent as the console shows them. */
export interface AgentProfile {
  id: string;
  tenantId: string;
  displayName: string;
  role: UserRole;
  available: boolean;
  languages: string[];
  skills: string[];
  maxConcurrent: number;
}

export function toAgentProfile(user: UserEntity): AgentProfile {
  return {
    id: user.id,
    tenantId: user.tenantId,
    displayName: user.displayName,
    role: user.role,
    available: user.available,
    languages: user.languages,
    skills: user.skills,
    maxConcurrent: user.maxConcurrent,
  };
}

/**
 * GET and PATCH /api/v1/agent/me: who is signed in, and going available or away.
 * Only available agents get conversations by auto-assignment.
 */
@Injectable()
export class UpdateAvailabilityUseCase {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async current(principal: AgentPrincipal): Promise<AgentProfile> {
    return toAgentProfile(await actingAgent(this.dataSource.manager, principal));
  }

  async execute(principal: AgentPrincipal, available: boolean): Promise<AgentProfile> {
    const user = await actingAgent(this.dataSource.manager, principal);
    if (user.available !== available) {
      await this.dataSource.getRepository(UserEntity).update({ id: user.id }, { available });
      user.available = available;
    }
    return toAgentProfile(user);
  }
}
