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
  sendTemplateBodySchema,
  startConversationBodySchema,
  webInfoQuerySchema,
  webInfoSchema,
} from './api';

type Json = Record<string, unknown>;

const schema = (s: z.ZodType): Json => z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' }) as Json;
const ref = (name: string): Json => ({ $ref: `#/components/schemas/${name}` });
const json = (body: Json) => ({ content: { 'application/json': { schema: body } } });
const ok = (description: string, body?: Json) => (body ? { description, ...json(body) } : { description });
const error = (description: string) => ({ description, ...json(ref('Error')) });
const object = (properties: Record<string, Json>, required = Object.keys(properties)): Json => ({ type: 'object', properties, required });

const customer = [{ conversationToken: [] }];
const form = (body: Json) => ({ content: { 'application/x-www-form-urlencoded': { schema: body } } });
const text = (description: string) => ({ type: 'string', description });
const twilioSignature = { name: 'X-Twilio-Signature', in: 'header', required: true, schema: { type: 'string' }, description: 'HMAC by the Twilio auth token' };
const twilioMessageForm = object(
  {
    MessageSid: text('SM… or MM…, 34 characters'),
    AccountSid: text('must be TWILIO_ACCOUNT_SID'),
    From: text('+31612345678 (SMS) or whatsapp:+31612345678'),
    To: text('the sender number of TWILIO_SMS_FROM / TWILIO_WHATSAPP_FROM'),
    Body: text('the text; may be empty when media came'),
    NumMedia: text('0 to 10'),
    MediaUrl0: text('MediaUrl0 … MediaUrl9'),
    MediaContentType0: text('MediaContentType0 … MediaContentType9'),
  },
  ['MessageSid', 'From', 'To'],
);
const twilioStatusForm = object(
  {
    MessageSid: text('the id Twilio gave the message we sent'),
    MessageStatus: text('queued, sent, delivered, read, failed, undelivered, …'),
    ErrorCode: text('on failed/undelivered, e.g. 30003'),
  },
  ['MessageSid', 'MessageStatus'],
);
const twilioResponses = {
  '200': { description: 'accepted: an empty TwiML <Response/>', content: { 'text/xml': { schema: { type: 'string' } } } },
  '400': error('a form Twilio would not send (no MessageSid, From not a phone number)'),
  '403': error('missing_signature, invalid_signature or wrong_account: nothing changed'),
  '413': error('larger than TWILIO_WEBHOOK_BODY_LIMIT_BYTES'),
  '415': error('not a form'),
  '503': error('channel_off: TWILIO_ACCOUNT_SID / TWILIO_AUTH_TOKEN (or the channel\'s sender) not set'),
};
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
        'Web chat also has socket.io at path /api/v1/web/socket (auth {conversationId, token}; server events message, conversation, typing). ' +
        'The agent console has socket.io at path /api/v1/agent/socket (auth {token: <accessToken from POST /api/v1/auth/login>}; a bad or expired token gets connect_error "unauthorized"; ' +
        'server events queue (a Conversation that entered or left the queue or changed state), message (a Message, inbound or outbound) and summary ' +
        "({conversationId}: a newer handoff summary of that conversation can be read with GET /api/v1/agent/conversations/{id}/messages), of the agent's own tenant only).",
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
      '/api/v1/web/info': {
        get: {
          summary: "What the widget shows before the first message: the organisation's phone and e-mail, its privacy notice and accessibility statement, whether a person is on duty (public)",
          parameters: [{ name: 'locale', in: 'query', required: false, schema: (schema(webInfoQuerySchema) as { properties: Record<string, Json> }).properties['locale'] }],
          responses: { '200': ok('the information', schema(webInfoSchema)), '400': error('invalid locale'), '429': error('rate limited (Retry-After)') },
        },
      },
      '/': {
        get: {
          summary: 'A sample shop page (Voorbeeldwinkel) with the customer widget embedded by one script tag: the demo (HTML, ?lang=nl|en)',
          responses: { '200': { description: 'text/html', content: { 'text/html': {} } } },
        },
      },
      '/privacy': {
        get: { summary: "The platform's privacy notice: AI use, sub-processors, retention, rights (HTML, ?lang=nl|en)", responses: { '200': { description: 'text/html', content: { 'text/html': {} } } } },
      },
      '/accessibility': {
        get: { summary: "The platform's accessibility statement, with a phone and e-mail route (HTML, ?lang=nl|en)", responses: { '200': { description: 'text/html', content: { 'text/html': {} } } } },
      },
      '/widget.js': {
        get: {
          summary: 'The customer widget: <script src="https://<host>/widget.js" data-locale="nl" async></script> (CORS *, ETag, max-age WIDGET_CACHE_MAX_AGE_SECONDS)',
          responses: { '200': { description: 'application/javascript', content: { 'application/javascript': {} } }, '304': { description: 'not modified (If-None-Match)' }, '503': error('the widget is not built (UI_DIR)') },
        },
      },
      '/widget.js.map': {
        get: {
          summary: "The widget's source map",
          responses: { '200': { description: 'application/json', content: { 'application/json': {} } }, '304': { description: 'not modified (If-None-Match)' }, '503': error('the widget is not built (UI_DIR)') },
        },
      },
      '/api/v1/auth/login': {
        post: {
          summary: 'Log in as agent or admin',
          requestBody: { required: true, ...json(schema(loginBodySchema)) },
          responses: { '200': ok('logged in', object({ accessToken: { type: 'string' }, tokenType: { type: 'string' }, expiresIn: { type: 'integer' }, user: { type: 'object' } }, ['accessToken'])), ...common, '429': error('account locked or rate limited (Retry-After)') },
        },
      },
      '/api/v1/auth/refresh': {
        post: {
          summary: 'A fresh access token for a still-valid one (the console\'s "stay logged in")',
          security: agent,
          responses: { '200': ok('a new token, as login returns', object({ accessToken: { type: 'string' }, tokenType: { type: 'string' }, expiresIn: { type: 'integer' }, user: { type: 'object' } }, ['accessToken'])), ...common },
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
        get: {
          summary: 'The whole transcript, the handoff summary and the customer (the read is audited)',
          security: agent,
          parameters: [id],
          responses: {
            '200': ok(
              'transcript; flagged messages also carry flagReason; summary starts with "AI summary: " when a model wrote it',
              object(
                {
                  conversation: ref('Conversation'),
                  messages: { type: 'array', items: ref('Message') },
                  summary: { type: ['string', 'null'] },
                  handoff: { type: ['object', 'null'], description: '{trigger, reason, requestedAt, outsideHours, claimedAt, firstHumanReplyAt}' },
                  contact: {
                    type: ['object', 'null'],
                    description: 'the customer as far as known; null for an anonymous chat',
                    properties: { name: { type: ['string', 'null'] }, email: { type: ['string', 'null'] }, phone: { type: ['string', 'null'] }, locale: { type: ['string', 'null'] } },
                  },
                },
                ['messages'],
              ),
            ),
            '404': error('not in your tenant'),
            ...common,
          },
        },
        post: {
          summary: "An agent's reply, delivered on the conversation's channel",
          security: agent,
          parameters: [id],
          requestBody: { required: true, ...json(schema(agentMessageBodySchema)) },
          responses: {
            '202': ok('accepted', object({ message: ref('Message') })),
            '409': error('not claimed by you; customer_opted_out: the SMS number sent STOP; whatsapp_window_closed: 24 hours after the last WhatsApp message, use POST …/templates'),
            '404': error('not in your tenant'),
            ...common,
          },
        },
      },
      '/api/v1/agent/conversations/{id}/claim': {
        post: { summary: 'Take the conversation', security: agent, parameters: [id], responses: { '200': ok('now with_agent for you', object({ conversation: ref('Conversation') })), '409': error('another agent has it, or it is closed'), '404': error('not in your tenant'), ...common } },
      },
      '/api/v1/agent/conversations/{id}/templates': {
        post: {
          summary: 'An approved WhatsApp template (WHATSAPP_TEMPLATES): the only message allowed after the 24-hour customer-service window',
          security: agent,
          parameters: [id],
          requestBody: { required: true, ...json(schema(sendTemplateBodySchema)) },
          responses: {
            '202': ok('accepted; the message holds the template text', object({ message: ref('Message') })),
            '409': error('not claimed by you'),
            '422': error('unknown_template, invalid_template_variables, or not_whatsapp'),
            '404': error('not in your tenant'),
            ...common,
          },
        },
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
          summary: 'Per channel: conversations, disclosure at first interaction, requests for a person and time to a person, flagged answers; and the model endpoints used, with whether each is on the EU allow-list (modelEndpoint) (admin)',
          security: agent,
          parameters: [
            { name: 'from', in: 'query', required: false, schema: { type: 'string', format: 'date-time' }, description: 'default: 30 days before "to"' },
            { name: 'to', in: 'query', required: false, schema: { type: 'string', format: 'date-time' }, description: 'default: now' },
          ],
          responses: { '200': ok('the report'), '403': error('admins only'), ...common },
        },
      },
      '/api/v1/privacy/subjects/export': {
        get: {
          summary: "Everything stored about one person in the admin's tenant, from every store, as JSON (admin; R20). The export is recorded in the evidence log",
          security: agent,
          parameters: [
            { name: 'email', in: 'query', required: false, schema: { type: 'string', format: 'email' } },
            { name: 'phone', in: 'query', required: false, schema: { type: 'string' }, description: 'any notation; read as Dutch without a country code' },
          ],
          responses: { '200': ok('contacts, channel identities, conversations with messages, handoff requests and evidence'), '403': error('admins only'), '422': error('not a valid phone number'), ...common },
        },
      },
      '/api/v1/privacy/subjects/erase': {
        post: {
          summary: 'Erase one person from every store of the tenant; answers with a deletion report (admin; R20)',
          security: agent,
          requestBody: { required: true, ...json(object({ email: { type: 'string', format: 'email' }, phone: { type: 'string' } }, [])) },
          responses: {
            '202': ok('erased', object({ erasedAt: { type: 'string', format: 'date-time' }, erased: { type: 'object', additionalProperties: { type: 'integer' } }, notes: { type: 'array', items: { type: 'string' } } })),
            '403': error('admins only'),
            '422': error('not a valid phone number'),
            ...common,
          },
        },
      },
      '/api/v1/privacy/retention/runs': {
        get: {
          summary: "Proof records of the tenant's latest retention runs: cut-off and rows erased per store (admin; R19)",
          security: agent,
          parameters: [{ name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 } }],
          responses: { '200': ok('the runs'), '403': error('admins only'), ...common },
        },
      },
      '/api/v1/privacy/retention/run': {
        post: { summary: "Run retention for the admin's tenant now (it also runs every RETENTION_INTERVAL_MS)", security: agent, responses: { '200': ok('the proof record'), '403': error('admins only'), '409': error('a run is in progress'), ...common } },
      },
      '/api/v1/admin/tenant/settings': {
        get: { summary: "The tenant's settings: opening hours, human routes, escalation triggers, auto-assignment (admin)", security: agent, responses: { '200': ok('settings'), '403': error('admins only'), ...common } },
        put: { summary: 'Replace the tenant settings (the AI disclosure is not a setting)', security: agent, requestBody: { required: true, ...json({ type: 'object' }) }, responses: { '200': ok('saved'), '403': error('admins only'), ...common } },
      },
      '/api/v1/crm/conversations/{id}/context': {
        get: {
          summary: "The customer's context from the organisation's back office (BACKOFFICE_API_URL): orders and contracts, by the contact's e-mail and phone (crm-sync, ADR 0019)",
          security: agent,
          parameters: [id],
          responses: {
            '200': ok(
              'available: false without a back office; context: null when the customer has no e-mail or phone',
              object({
                available: { type: 'boolean' },
                context: {
                  type: ['object', 'null'],
                  description: '{customerId?, orders: [{id, status?, date?, summary?, url?}], contracts: [same], note?}',
                },
              }),
            ),
            '404': error('not in your tenant'),
            '502': error('the back office did not answer, or not with a customer context'),
            ...common,
          },
        },
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
      '/console': {
        get: {
          summary: 'The agent console (HTML; its routes /console/* answer with the same page, its files lie beside it)',
          responses: { '200': { description: 'text/html', content: { 'text/html': {} } }, '503': error('the console is not built (UI_DIR)') },
        },
      },
      '/webhooks/twilio/messaging': {
        post: {
          summary: "Twilio's inbound SMS and WhatsApp (From: whatsapp:+31…); answers 200 with empty TwiML at once, the reply goes out through Twilio's REST API",
          description:
            'X-Twilio-Signature is checked with the twilio library over PUBLIC_BASE_URL + path + query and the form parameters; a missing or wrong one gets 403 and changes nothing. ' +
            'A repeated MessageSid stores one message. SMS STOP/START/HELP (and Dutch AFMELDEN) are applied to the number at once. Media are stored as attachments.',
          parameters: [twilioSignature],
          requestBody: { required: true, ...form(twilioMessageForm) },
          responses: twilioResponses,
        },
      },
      '/slack/events': {
        post: {
          summary: 'The Slack app for agents: Events API, interactivity (Claim, Release, Close) and the slash command, through one Bolt receiver (ADR 0017)',
          description:
            'Signed by Slack: X-Slack-Signature `v0=` HMAC-SHA256 of `v0:<X-Slack-Request-Timestamp>:<body>` with SLACK_SIGNING_SECRET, verified by Bolt in constant time; ' +
            'a missing or wrong signature, or a timestamp more than 5 minutes off, gets 401 and changes nothing. Acknowledged within 3 s, the work follows; ' +
            'a redelivery (X-Slack-Retry-Num) of a handled event changes nothing. url_verification is answered with its challenge.',
          // Public to the API's security schemes (like the channel webhooks): authenticated by Slack's signature.
          parameters: [
            { name: 'X-Slack-Signature', in: 'header', required: true, schema: { type: 'string' }, description: 'v0=<hex HMAC-SHA256>' },
            { name: 'X-Slack-Request-Timestamp', in: 'header', required: true, schema: { type: 'string' }, description: 'Unix seconds; at most 5 minutes off' },
          ],
          requestBody: {
            required: true,
            content: {
              'application/json': { schema: { type: 'object', description: 'an Events API callback or url_verification' } },
              'application/x-www-form-urlencoded': { schema: { type: 'object', description: 'an interaction (`payload` = JSON) or a slash command' } },
            },
          },
          responses: {
            '200': { description: 'acknowledged (a slash command gets its ephemeral answer; url_verification its challenge)' },
            '401': { description: 'unsigned, wrongly signed, or timestamp more than 5 minutes off: nothing changed' },
            '413': { description: 'larger than SLACK_BODY_LIMIT_BYTES' },
            '503': error('slack_off: SLACK_SIGNING_SECRET, SLACK_BOT_TOKEN, SLACK_AGENT_CHANNEL not set'),
          },
        },
      },
      '/webhooks/twilio/status': {
        post: {
          summary: "Twilio's delivery status callback for a message Pegamento sent (same signature rule)",
          parameters: [twilioSignature],
          requestBody: { required: true, ...form(twilioStatusForm) },
          responses: twilioResponses,
        },
      },
      '/webhooks/email/inbound': {
        post: {
          summary: 'One raw inbound e-mail, posted by a mail provider; answered 202 at once, the reply goes out by SMTP',
          description:
            'Authorization: Bearer $EMAIL_WEBHOOK_TOKEN, compared in constant time; a missing or wrong token gets 401 and changes nothing. ' +
            'A repeated Message-ID stores one message; In-Reply-To/References continue the conversation of the same sender. ' +
            'Automatic mail (Auto-Submitted other than "no", Return-Path <>, Precedence bulk/list/junk, List-* headers) is answered 202 {status: "dropped"} and neither stored nor answered (R33). ' +
            'Attachments are recorded as type, size and file name.',
          // Public to the API's security schemes (like Twilio's signed webhooks): its own token, shared with the mail provider.
          parameters: [{ name: 'Authorization', in: 'header', required: true, schema: { type: 'string' }, description: 'Bearer $EMAIL_WEBHOOK_TOKEN' }],
          requestBody: { required: true, content: { 'message/rfc822': { schema: { type: 'string', format: 'binary' } } } },
          responses: {
            '202': ok(
              'accepted: stored (or a duplicate of a stored mail), or dropped as automatic mail',
              object({ status: { type: 'string', enum: ['stored', 'duplicate', 'dropped'] }, messageId: { type: 'string' }, conversationId: { type: 'string' }, reason: { type: 'string' } }),
            ),
            '400': error('invalid_message: not an RFC 5322 message with a From address'),
            '401': error('unauthorized: no or a wrong bearer token; nothing changed'),
            '413': error('larger than EMAIL_MAX_BYTES'),
            '415': error('not message/rfc822'),
            '503': error('channel_off: SUPPORT_EMAIL or EMAIL_WEBHOOK_TOKEN not set'),
          },
        },
      },
      '/health/live': { get: { summary: 'Liveness', responses: { '200': ok('the process runs') } } },
      '/health/ready': { get: { summary: 'Readiness: database and bus reachable', responses: { '200': ok('ready'), '503': ok('not ready') } } },
      '/metrics': { get: { summary: 'Prometheus metrics', responses: { '200': { description: 'text/plain exposition' } } } },
      '/api/docs-json': { get: { summary: 'This document', responses: { '200': ok('OpenAPI 3.1') } } },
    },
  };
}
