import { z } from 'zod';
import { conversationStatusSchema } from './shared-schemas';
import {
  agentMessageBodySchema,
  availabilityBodySchema,
  conversationSchema,
  errorBodySchema,
  flagMessageBodySchema,
  knowledgeArticleBodySchema,
  knowledgeArticleSchema,
  knowledgeArticleUpdateSchema,
  knowledgeImportBodySchema,
  loginBodySchema,
  messageSchema,
  sendMessageBodySchema,
  startConversationBodySchema,
} from './api';

type Json = Record<string, unknown>;

const schema = (s: z.ZodType): Json => z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' }) as Json;
const ref = (name: string): Json => ({ $ref: `#/components/schemas/${name}` });
const json = (body: Json) => ({ content: { 'application/json': { schema: body } } });
const ok = (description: string, body?: Json) => (body ? { description, ...json(body) } : { description });
const error = (description: string) => ({ description, ...json(ref('Error')) });
const object = (properties: Record<string, Json>, required = Object.keys(properties)): Json => ({ type: 'object', properties, required });

const customer = [{ conversationToken: [] }];
const agent = [{ agentJwt: [] }];
const id = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };
const common = { '400': error('invalid input'), '401': error('no or bad credentials'), '429': error('rate limited (Retry-After)') };

/**
 * The OpenAPI 3.1 document of what the running system serves (GET /api/docs-json).
 * Bodies are generated from the same zod schemas the controllers validate with; a
 * test fails when a route is served that is not here, or described but not served.
 */
export function buildOpenApiDocument(version: string): Json {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Pegamento',
      version,
      description:
        'Omnichannel customer contact in which AI and people strengthen each other. Errors are always {"error": {"code", "message"}}. ' +
        'Web chat also has socket.io at path /api/v1/web/socket (auth {conversationId, token}; server events message, conversation, typing).',
    },
    components: {
      securitySchemes: {
        conversationToken: { type: 'http', scheme: 'bearer', description: 'the token returned when the web conversation was opened' },
        agentJwt: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'from POST /api/v1/auth/login' },
      },
      schemas: {
        Error: schema(errorBodySchema),
        Conversation: schema(conversationSchema),
        Message: schema(messageSchema),
        KnowledgeArticle: schema(knowledgeArticleSchema),
      },
    },
    paths: {
      '/api/v1/web/conversations': {
        post: {
          summary: 'Open a web conversation; its first message is the AI disclosure',
          requestBody: { required: false, ...json(schema(startConversationBodySchema)) },
          responses: {
            '201': ok('opened', object({ conversation: ref('Conversation'), token: { type: 'string' }, messages: { type: 'array', items: ref('Message') } })),
            '415': error('not JSON'),
            ...common,
          },
        },
      },
      '/api/v1/web/conversations/{id}': {
        get: { summary: 'The conversation', security: customer, parameters: [id], responses: { '200': ok('the conversation', object({ conversation: ref('Conversation') })), '403': error("another conversation's token"), '404': error('no such conversation'), ...common } },
      },
      '/api/v1/web/conversations/{id}/messages': {
        get: {
          summary: 'Messages, oldest first',
          security: customer,
          parameters: [id, { name: 'after', in: 'query', required: false, schema: { type: 'string' }, description: 'only messages after this one' }],
          responses: { '200': ok('messages', object({ messages: { type: 'array', items: ref('Message') } })), '403': error('wrong token'), '404': error('no such conversation'), ...common },
        },
        post: {
          summary: "The customer's message; 202 means it is committed",
          security: customer,
          parameters: [id],
          requestBody: { required: true, ...json(schema(sendMessageBodySchema)) },
          responses: { '202': ok('accepted', object({ message: ref('Message') })), '403': error('wrong token'), '404': error('no such conversation'), '413': error('text too long'), '415': error('not JSON'), '422': error('empty text'), ...common },
        },
      },
      '/api/v1/web/conversations/{id}/handoff': {
        post: { summary: 'Talk to a person (the button)', security: customer, parameters: [id], responses: { '202': ok('in the queue for a person', object({ conversation: ref('Conversation') })), '403': error('wrong token'), '404': error('no such conversation'), ...common } },
      },
      '/api/v1/web/conversations/{id}/messages/{messageId}/flag': {
        post: {
          summary: 'Mark an AI answer as wrong; a person takes over',
          security: customer,
          parameters: [id, { name: 'messageId', in: 'path', required: true, schema: { type: 'string' } }],
          requestBody: { required: false, ...json(schema(flagMessageBodySchema)) },
          responses: { '202': ok('flagged', object({ message: ref('Message') })), '404': error('no such message'), '422': error('not an AI answer'), ...common },
        },
      },
      '/api/v1/auth/login': {
        post: {
          summary: 'Log in as agent or admin',
          requestBody: { required: true, ...json(schema(loginBodySchema)) },
          responses: { '200': ok('logged in', object({ accessToken: { type: 'string' }, tokenType: { type: 'string' }, expiresIn: { type: 'integer' }, user: { type: 'object' } }, ['accessToken'])), ...common, '429': error('account locked or rate limited (Retry-After)') },
        },
      },
      '/api/v1/agent/conversations': {
        get: {
          summary: "Conversations of the agent's tenant",
          security: agent,
          parameters: [{ name: 'status', in: 'query', required: false, schema: schema(conversationStatusSchema) }],
          responses: { '200': ok('conversations (with waitingSince, trigger)', object({ conversations: { type: 'array', items: ref('Conversation') } })), ...common },
        },
      },
      '/api/v1/agent/conversations/{id}/messages': {
        get: { summary: 'The whole transcript and the handoff summary (the read is audited)', security: agent, parameters: [id], responses: { '200': ok('transcript', object({ messages: { type: 'array', items: ref('Message') }, summary: { type: ['string', 'null'] } }, ['messages'])), '404': error('not in your tenant'), ...common } },
        post: {
          summary: "An agent's reply, delivered on the conversation's channel",
          security: agent,
          parameters: [id],
          requestBody: { required: true, ...json(schema(agentMessageBodySchema)) },
          responses: { '202': ok('accepted', object({ message: ref('Message') })), '409': error('not claimed by you'), '404': error('not in your tenant'), ...common },
        },
      },
      '/api/v1/agent/conversations/{id}/claim': {
        post: { summary: 'Take the conversation', security: agent, parameters: [id], responses: { '200': ok('now with_agent for you', object({ conversation: ref('Conversation') })), '409': error('another agent has it, or it is closed'), '404': error('not in your tenant'), ...common } },
      },
      '/api/v1/agent/conversations/{id}/release': {
        post: { summary: 'Back to the AI assistant; the customer is told', security: agent, parameters: [id], responses: { '200': ok('now bot', object({ conversation: ref('Conversation') })), '409': error('not with a person'), '404': error('not in your tenant'), ...common } },
      },
      '/api/v1/agent/conversations/{id}/close': {
        post: { summary: 'Close the conversation', security: agent, parameters: [id], responses: { '200': ok('closed', object({ conversation: ref('Conversation') })), '404': error('not in your tenant'), ...common } },
      },
      '/api/v1/agent/queue': {
        get: { summary: 'Waiting conversations, the agent’s languages first, with waiting time and trigger', security: agent, responses: { '200': ok('the queue'), ...common } },
      },
      '/api/v1/agent/me': {
        get: { summary: 'The logged-in agent', security: agent, responses: { '200': ok('the agent'), ...common } },
        patch: { summary: 'Go available or unavailable for auto-assignment', security: agent, requestBody: { required: true, ...json(schema(availabilityBodySchema)) }, responses: { '200': ok('updated'), ...common } },
      },
      '/api/v1/compliance/report': {
        get: {
          summary: 'Per channel: conversations, disclosure at first interaction, requests for a person and time to a person, flagged answers (admin)',
          security: agent,
          parameters: [
            { name: 'from', in: 'query', required: false, schema: { type: 'string', format: 'date-time' }, description: 'default: 30 days before "to"' },
            { name: 'to', in: 'query', required: false, schema: { type: 'string', format: 'date-time' }, description: 'default: now' },
          ],
          responses: { '200': ok('the report'), '403': error('admins only'), ...common },
        },
      },
      '/api/v1/admin/tenant/settings': {
        get: { summary: "The tenant's settings: opening hours, human routes, escalation triggers, auto-assignment (admin)", security: agent, responses: { '200': ok('settings'), '403': error('admins only'), ...common } },
        put: { summary: 'Replace the tenant settings (the AI disclosure is not a setting)', security: agent, requestBody: { required: true, ...json({ type: 'object' }) }, responses: { '200': ok('saved'), '403': error('admins only'), ...common } },
      },
      '/api/v1/admin/knowledge': {
        post: {
          summary: 'Add an article the AI assistant may answer from (admin)',
          security: agent,
          requestBody: { required: true, ...json(schema(knowledgeArticleBodySchema)) },
          responses: { '201': ok('added', object({ article: ref('KnowledgeArticle') })), '403': error('admins only'), ...common },
        },
        get: {
          summary: "The tenant's articles (admin)",
          security: agent,
          parameters: [{ name: 'locale', in: 'query', required: false, schema: { type: 'string', enum: ['nl', 'en'] } }],
          responses: { '200': ok('articles', object({ articles: { type: 'array', items: ref('KnowledgeArticle') } })), '403': error('admins only'), ...common },
        },
      },
      '/api/v1/admin/knowledge/import': {
        post: {
          summary: 'Import Markdown articles ("# Title" then the body) in one language (admin)',
          security: agent,
          requestBody: { required: true, ...json(schema(knowledgeImportBodySchema)) },
          responses: { '201': ok('imported', object({ articles: { type: 'array', items: ref('KnowledgeArticle') } })), '422': error('an article without a title or body'), '403': error('admins only'), ...common },
        },
      },
      '/api/v1/admin/knowledge/{id}': {
        get: { summary: 'One article (admin)', security: agent, parameters: [id], responses: { '200': ok('the article', object({ article: ref('KnowledgeArticle') })), '404': error('no such article'), ...common } },
        put: {
          summary: 'Change an article; its passages are rebuilt (admin)',
          security: agent,
          parameters: [id],
          requestBody: { required: true, ...json(schema(knowledgeArticleUpdateSchema)) },
          responses: { '200': ok('changed', object({ article: ref('KnowledgeArticle') })), '404': error('no such article'), ...common },
        },
        delete: { summary: 'Remove an article (admin)', security: agent, parameters: [id], responses: { '204': { description: 'removed' }, '404': error('no such article'), ...common } },
      },
      '/health/live': { get: { summary: 'Liveness', responses: { '200': ok('the process runs') } } },
      '/health/ready': { get: { summary: 'Readiness: database and bus reachable', responses: { '200': ok('ready'), '503': ok('not ready') } } },
      '/metrics': { get: { summary: 'Prometheus metrics', responses: { '200': { description: 'text/plain exposition' } } } },
      '/api/docs-json': { get: { summary: 'This document', responses: { '200': ok('OpenAPI 3.1') } } },
    },
  };
}
