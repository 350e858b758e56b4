import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { z } from 'zod';
import { isUuid, knowledgeArticleBodySchema, knowledgeArticleUpdateSchema, knowledgeImportBodySchema } from '@pegamento/contracts';
import { KnowledgeRepository, parseMarkdownArticle, type KnowledgeArticleEntity } from '@pegamento/ai-responder-data-access-knowledge';
import { KnowledgeService } from './knowledge.service';
import { Authenticated, CurrentAgent, type AgentPrincipal } from '@pegamento/util-auth';
import { httpError, parseRequest } from '@pegamento/util-http';

const listQuery = z.object({ locale: z.enum(['nl', 'en']).optional() });

function view(a: KnowledgeArticleEntity) {
  return { id: a.id, title: a.title, body: a.body, locale: a.locale, url: a.url, createdAt: a.createdAt.toISOString(), updatedAt: a.updatedAt.toISOString() };
}

const notFound = () => httpError(404, 'not_found', 'There is no such article.');

/** The knowledge the AI assistant may answer from (admin): contract.md plus list, update, delete and a Markdown import. */
@Controller('api/v1/admin/knowledge')
@Authenticated('admin')
export class KnowledgeController {
  constructor(
    private readonly knowledge: KnowledgeRepository,
    private readonly service: KnowledgeService,
  ) {}

  @Post()
  @HttpCode(201)
  async create(@Body() body: unknown, @CurrentAgent() admin: AgentPrincipal) {
    const input = parseRequest(knowledgeArticleBodySchema, body);
    const article = await this.service.create({ tenantId: admin.tenantId, ...input, url: input.url ?? null, origin: 'api' });
    return { article: view(article) };
  }

  @Post('import')
  @HttpCode(201)
  async import(@Body() body: unknown, @CurrentAgent() admin: AgentPrincipal) {
    const input = parseRequest(knowledgeImportBodySchema, body);
    const parsed = input.articles.map((a, i) => {
      const article = parseMarkdownArticle(a.markdown);
      if (!article) throw httpError(422, 'invalid_markdown', `Article ${i + 1} needs a "# Title" line and a body.`);
      return { ...article, url: a.url ?? null };
    });
    const created: KnowledgeArticleEntity[] = [];
    for (const a of parsed) created.push(await this.service.create({ tenantId: admin.tenantId, locale: input.locale, title: a.title, body: a.body, url: a.url, origin: 'import' }));
    return { articles: created.map(view) };
  }

  @Get()
  async list(@Query() query: unknown, @CurrentAgent() admin: AgentPrincipal) {
    const { locale } = parseRequest(listQuery, query, 'query');
    return { articles: (await this.knowledge.list(admin.tenantId, locale)).map(view) };
  }

  @Get(':id')
  async get(@Param('id') id: string, @CurrentAgent() admin: AgentPrincipal) {
    const article = isUuid(id) ? await this.knowledge.get(admin.tenantId, id) : null;
    if (!article) throw notFound();
    return { article: view(article) };
  }

  @Put(':id')
  async update(@Param('id') id: string, @Body() body: unknown, @CurrentAgent() admin: AgentPrincipal) {
    const changes = parseRequest(knowledgeArticleUpdateSchema, body);
    const article = isUuid(id) ? await this.service.update(admin.tenantId, id, changes) : null;
    if (!article) throw notFound();
    return { article: view(article) };
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@Param('id') id: string, @CurrentAgent() admin: AgentPrincipal): Promise<void> {
    if (!isUuid(id) || !(await this.knowledge.remove(admin.tenantId, id))) throw notFound();
  }
}
