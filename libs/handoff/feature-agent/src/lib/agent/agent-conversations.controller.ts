import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, UseFilters } from '@nestjs/common';
import { z } from 'zod';
import { conversationStatusSchema, sendTemplateBodySchema } from '@pegamento/contracts';
import type { ConversationView, MessageView } from '@pegamento/data-access-conversations';
import { Authenticated, CurrentAgent, type AgentPrincipal } from '@pegamento/util-auth';
import { agentMessageMaxChars, HANDOFF_FEATURE_CONFIG, type HandoffFeatureConfig } from '../handoff-feature.config';
import { HandoffExceptionFilter } from '../handoff.exception.filter';
import { parseRequest, ZodBodyPipe } from '@pegamento/util-http';
import { renderWhatsappTemplate, type WhatsappTemplates } from '@pegamento/util-config';
import { HandoffErrorCode, HandoffException } from '../handoff.exception';
import { ClaimConversationUseCase } from './claim-conversation/claim-conversation.use-case';
import { CloseConversationUseCase } from './close-conversation/close-conversation.use-case';
import type { ConversationListItem } from './conversation-listing';
import { ListConversationsUseCase } from './list-conversations/list-conversations.use-case';
import { ReadTranscriptUseCase, type Transcript } from './read-transcript/read-transcript.use-case';
import { ReleaseConversationUseCase } from './release-conversation/release-conversation.use-case';
import { SendAgentReplyUseCase } from './send-agent-reply/send-agent-reply.use-case';

/** `?status=` with nothing after it means no filter, as if the parameter were left out. */
const listQuerySchema = z.object({ status: z.preprocess((v) => (v === '' ? undefined : v), conversationStatusSchema.optional()) });

function replySchema(maxChars: number) {
  return z.object({
    text: z
      .string()
      .max(maxChars, `at most ${maxChars} characters`)
      .refine((t) => t.trim().length > 0, 'must not be empty'),
  });
}
type ReplyBody = z.infer<ReturnType<typeof replySchema>>;

/** The agent API on conversations (contract.md, "Agents and operators"), scoped to the agent's tenant. */
@Controller('api/v1/agent/conversations')
@Authenticated()
@UseFilters(HandoffExceptionFilter)
export class AgentConversationsController {
  private readonly replyPipe: ZodBodyPipe<ReturnType<typeof replySchema>>;
  private readonly templatePipe = new ZodBodyPipe(sendTemplateBodySchema);
  private readonly templates: WhatsappTemplates;

  constructor(
    @Inject(ListConversationsUseCase) private readonly list: ListConversationsUseCase,
    @Inject(ReadTranscriptUseCase) private readonly transcript: ReadTranscriptUseCase,
    @Inject(ClaimConversationUseCase) private readonly claimUseCase: ClaimConversationUseCase,
    @Inject(SendAgentReplyUseCase) private readonly reply: SendAgentReplyUseCase,
    @Inject(ReleaseConversationUseCase) private readonly releaseUseCase: ReleaseConversationUseCase,
    @Inject(CloseConversationUseCase) private readonly closeUseCase: CloseConversationUseCase,
    @Inject(HANDOFF_FEATURE_CONFIG) config: HandoffFeatureConfig,
  ) {
    this.replyPipe = new ZodBodyPipe(replySchema(agentMessageMaxChars(config)));
    this.templates = config.WHATSAPP_TEMPLATES ?? {};
  }

  @Get()
  async conversations(@CurrentAgent() agent: AgentPrincipal, @Query() query: unknown): Promise<{ conversations: ConversationListItem[] }> {
    const { status } = parseRequest(listQuerySchema, query, 'query');
    return { conversations: await this.list.execute(agent, status) };
  }

  @Get(':id/messages')
  messages(@CurrentAgent() agent: AgentPrincipal, @Param('id') id: string): Promise<Transcript> {
    return this.transcript.execute(agent, id);
  }

  @Post(':id/claim')
  @HttpCode(200)
  async claim(@CurrentAgent() agent: AgentPrincipal, @Param('id') id: string): Promise<{ conversation: ConversationView }> {
    return { conversation: await this.claimUseCase.execute(agent, id) };
  }

  @Post(':id/messages')
  @HttpCode(202)
  async send(@CurrentAgent() agent: AgentPrincipal, @Param('id') id: string, @Body() body: unknown): Promise<{ message: MessageView }> {
    const { text }: ReplyBody = this.replyPipe.transform(body);
    return { message: await this.reply.execute(agent, id, text) };
  }

  /** An approved WhatsApp template: the only thing that may go out after WhatsApp's 24-hour window (R28). */
  @Post(':id/templates')
  @HttpCode(202)
  async sendTemplate(@CurrentAgent() agent: AgentPrincipal, @Param('id') id: string, @Body() body: unknown): Promise<{ message: MessageView }> {
    const { template: name, variables = {} } = this.templatePipe.transform(body);
    const template = this.templates[name];
    if (!template) {
      const approved = Object.keys(this.templates);
      throw new HandoffException(
        HandoffErrorCode.UnknownTemplate,
        `"${name}" is not an approved template. ${approved.length > 0 ? `Approved: ${approved.join(', ')}.` : 'No templates are approved (WHATSAPP_TEMPLATES).'}`,
      );
    }
    const rendered = renderWhatsappTemplate(template, variables);
    if (!rendered.ok) {
      const problems = [...rendered.missing.map((n) => `{{${n}}} needs a value`), ...rendered.unknown.map((n) => `the template has no {{${n}}}`)];
      throw new HandoffException(HandoffErrorCode.InvalidTemplateVariables, `The variables do not fit template "${name}": ${problems.join('; ')}.`);
    }
    return { message: await this.reply.execute(agent, id, rendered.text, new Date(), { name, variables }) };
  }

  @Post(':id/release')
  @HttpCode(200)
  async release(@CurrentAgent() agent: AgentPrincipal, @Param('id') id: string): Promise<{ conversation: ConversationView }> {
    return { conversation: await this.releaseUseCase.execute(agent, id) };
  }

  @Post(':id/close')
  @HttpCode(200)
  async close(@CurrentAgent() agent: AgentPrincipal, @Param('id') id: string): Promise<{ conversation: ConversationView }> {
    return { conversation: await this.closeUseCase.execute(agent, id) };
  }
}
