import { Controller, Get, HttpException, Inject, Param, ParseUUIDPipe } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { ContactEntity, ConversationEntity } from '@pegamento/data-access-conversations';
import type { BackofficeClient, CustomerContext } from '@pegamento/data-access-backoffice';
import { Authenticated, CurrentAgent, type AgentPrincipal } from '@pegamento/util-auth';
import { BACKOFFICE_CLIENT } from '../crm-sync.tokens';

export interface CustomerContextAnswer {
  /** Whether a back office is connected (BACKOFFICE_API_URL). */
  available: boolean;
  /** What it says about this conversation's customer; null without a back office or a known e-mail/phone. */
  context: CustomerContext | null;
}

const error = (status: number, code: string, message: string) => new HttpException({ error: { code, message } }, status);

/**
 * Customer context for agents from the organisation's back office (BACKOFFICE_API_URL):
 * orders and contracts of this conversation's customer, looked up by the contact's e-mail
 * and phone. Agents of the conversation's tenant only (another tenant's conversation is a
 * 404, as everywhere in the agent API). A back office that is slow or broken gives a 502
 * with the reason; the conversation itself is never held up by it.
 */
@Controller('api/v1/crm/conversations')
@Authenticated()
export class CustomerContextController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(BACKOFFICE_CLIENT) private readonly backoffice: BackofficeClient | null,
  ) {}

  @Get(':id/context')
  async context(@Param('id', new ParseUUIDPipe({ exceptionFactory: () => error(404, 'not_found', 'No such conversation.') })) id: string, @CurrentAgent() agent: AgentPrincipal): Promise<CustomerContextAnswer> {
    const conversation = await this.dataSource.getRepository(ConversationEntity).findOneBy({ id, tenantId: agent.tenantId });
    if (!conversation) throw error(404, 'not_found', 'No such conversation.');
    if (!this.backoffice) return { available: false, context: null };
    const contact = conversation.contactId ? await this.dataSource.getRepository(ContactEntity).findOneBy({ id: conversation.contactId }) : null;
    if (!contact || (!contact.email && !contact.phone)) return { available: true, context: null };
    const outcome = await this.backoffice.customerContext({ email: contact.email, phone: contact.phone });
    if (outcome.kind === 'failed') throw error(502, 'backoffice_unavailable', `The back office could not give this customer's context: ${outcome.message}.`);
    return { available: true, context: outcome.value };
  }
}
