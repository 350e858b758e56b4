/**
 * Answer quality on the demo knowledge base, with or without a model.
 *
 *   npm run bench:answers                       # the knowledge base alone (extractive)
 *   OPENAI_API_KEY=… OPENAI_BASE_URL=… OPENAI_MODEL=… npm run bench:answers   # with a model
 *
 * Loads the demo articles into a scratch database (DATABASE_URL's server, else
 * 127.0.0.1:5432), asks every question of demo-questions.jsonl and prints the share of
 * answerable questions answered from the right article, the share of unknown questions
 * refused, and the latency. Prints figures; asserts nothing (the regression thresholds
 * live in retrieval-quality.integration-spec.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { KnowledgeRepository, knowledgeEntities, knowledgeMigrations, parseMarkdownArticle } from '../libs/ai-responder/data-access-knowledge/src/index';
import { createAnswerModel, modelConfigFromEnv, modelEnvSchema } from '../libs/ai-responder/data-access-model/src/index';
import { DEMO_KNOWLEDGE } from '../libs/ai-responder/feature-responder/src/lib/knowledge/demo-knowledge';
import { selectPassage } from '../libs/ai-responder/feature-responder/src/lib/knowledge/answer-selection';
import { KnowledgeService } from '../libs/ai-responder/feature-responder/src/lib/knowledge/knowledge.service';
import { buildSystemPrompt } from '../libs/shared/domain/src/index';
import { openDatabase } from '../libs/shared/util-db/src/index';

interface Question {
  locale: 'nl' | 'en';
  question: string;
  expect: string | null;
}

async function main(): Promise<void> {
  const serverUrl = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `bench_answers_${Date.now()}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const dataSource = await openDatabase({ url: url.toString(), applicationName: 'bench-answers', entities: knowledgeEntities, migrations: knowledgeMigrations });
  const model = createAnswerModel(modelConfigFromEnv(modelEnvSchema.parse(Object.fromEntries(Object.entries(process.env).filter(([, v]) => v)))));
  const repository = new KnowledgeRepository(dataSource);
  const knowledge = new KnowledgeService(repository, model);
  try {
    const slugOf = new Map<string, string>();
    for (const demo of DEMO_KNOWLEDGE) {
      const { title, body } = parseMarkdownArticle(demo.markdown)!;
      const article = await knowledge.create({ tenantId: 'bench', locale: demo.locale, title, body, url: demo.url, origin: 'demo' });
      slugOf.set(article.id, demo.slug);
    }
    const questions = readFileSync(join(__dirname, '../libs/ai-responder/feature-responder/src/lib/knowledge/demo-questions.jsonl'), 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as Question);
    let answerable = 0, correct = 0, unknown = 0, refused = 0, failed = 0;
    const latencies: number[] = [];
    for (const q of questions) {
      const started = performance.now();
      let article: string | null = null;
      if (model) {
        const hits = await knowledge.retrieve('bench', q.locale, q.question, 3);
        if (hits.length > 0) {
          try {
            const answer = await model.answer({ question: q.question, locale: q.locale, passages: hits.map((h) => ({ id: h.chunkId, title: h.title, text: h.text, url: h.url })), history: [], systemPrompt: buildSystemPrompt({ organisationName: 'Voorbeeldwinkel', locale: q.locale }) });
            const used = hits.find((h) => answer.usedPassageIds.includes(h.chunkId));
            article = answer.grounded && used ? slugOf.get(used.articleId)! : null;
          } catch {
            failed += 1;
          }
        }
      } else {
        const hit = selectPassage(await repository.search('bench', q.locale, q.question));
        article = hit ? slugOf.get(hit.articleId)! : null;
      }
      latencies.push(performance.now() - started);
      if (q.expect) {
        answerable += 1;
        if (article === q.expect) correct += 1;
      } else {
        unknown += 1;
        if (article === null) refused += 1;
      }
    }
    latencies.sort((a, b) => a - b);
    const p = (x: number) => latencies[Math.min(latencies.length - 1, Math.floor(x * latencies.length))]!.toFixed(1);
    console.log(`mode: ${model ? `model ${process.env['OPENAI_MODEL'] ?? ''} at ${process.env['OPENAI_BASE_URL'] ?? 'the default endpoint'}` : 'knowledge base alone (extractive)'}`);
    console.log(`answered from the right article: ${(correct / answerable).toFixed(2)} (${correct}/${answerable})`);
    console.log(`unknown questions refused:       ${(refused / unknown).toFixed(2)} (${refused}/${unknown})`);
    console.log(`model failures: ${failed}; latency ms p50 ${p(0.5)} p90 ${p(0.9)} max ${p(1)}`);
  } finally {
    await dataSource.destroy();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
