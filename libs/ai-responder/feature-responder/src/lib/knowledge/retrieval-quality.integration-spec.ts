import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { KnowledgeRepository, knowledgeEntities, knowledgeMigrations, parseMarkdownArticle } from '@pegamento/ai-responder-data-access-knowledge';
import { openDatabase } from '@pegamento/util-db';
import { createTestDatabase, type TestDatabase } from '@pegamento/util-testing';
import { DEMO_KNOWLEDGE } from './demo-knowledge';
import { selectPassage } from './answer-selection';

interface Question {
  locale: 'nl' | 'en';
  question: string;
  expect: string | null;
}

const questions = readFileSync(join(__dirname, 'demo-questions.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as Question);

/**
 * The extractive answerer on the demo knowledge base, measured on a labelled question
 * set: how many answerable questions get the right article, how many unknown ones are
 * refused instead of answered with something unrelated.
 */
describe('retrieval on the demo knowledge base (no model)', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let repository: KnowledgeRepository;
  const slugByArticle = new Map<string, string>();

  beforeAll(async () => {
    db = await createTestDatabase();
    dataSource = await openDatabase({ url: db.url, applicationName: 'retrieval-test', entities: knowledgeEntities, migrations: knowledgeMigrations });
    repository = new KnowledgeRepository(dataSource);
    for (const demo of DEMO_KNOWLEDGE) {
      const { title, body } = parseMarkdownArticle(demo.markdown)!;
      const article = await repository.create({ tenantId: 't', locale: demo.locale, title, body, url: demo.url, origin: 'demo' });
      slugByArticle.set(article.id, demo.slug);
    }
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  it('finds "retour" when asked about "retourneren" (Dutch stemming) and "return" for "returns"', async () => {
    const nl = await repository.search('t', 'nl', 'retourneren');
    expect(nl[0]?.title).toBe('Retourneren');
    const en = await repository.search('t', 'en', 'returning items');
    expect(en[0]?.title).toBe('Returns');
  });

  it('finds the passage nearest to an embedding (cosine), within the tenant and language', async () => {
    const [first, second] = (await dataSource.query(`SELECT id FROM knowledge_chunks WHERE tenant_id = 't' AND locale = 'en' ORDER BY id LIMIT 2`)) as { id: string }[];
    await repository.setEmbeddings(new Map([[first!.id, [1, 0, 0]], [second!.id, [0, 1, 0]]]));
    const nearest = await repository.searchByVector('t', 'en', [0.1, 0.9, 0], 2);
    expect(nearest.map((h) => h.chunkId)).toEqual([second!.id, first!.id]);
    expect(nearest[0]!.similarity).toBeCloseTo(0.9 / Math.sqrt(0.82), 5);
    expect(await repository.searchByVector('t', 'nl', [0.1, 0.9, 0], 2)).toEqual([]);
    expect(await repository.searchByVector('t', 'en', [1, 0], 2)).toEqual([]); // another dimension: no match
  });

  it('keeps tenants and languages apart', async () => {
    expect(await repository.search('other-tenant', 'nl', 'retourneren')).toEqual([]);
    expect((await repository.search('t', 'en', 'retourneren')).map((h) => h.title)).not.toContain('Retourneren');
  });

  it('answers known questions from the right article and refuses unknown ones', async () => {
    let answerable = 0;
    let correct = 0;
    let unknown = 0;
    let refused = 0;
    const misses: string[] = [];
    for (const q of questions) {
      const hit = selectPassage(await repository.search('t', q.locale, q.question));
      const got = hit ? slugByArticle.get(hit.articleId)! : null;
      if (q.expect) {
        answerable += 1;
        if (got === q.expect) correct += 1;
        else misses.push(`${q.question} → ${got}`);
      } else {
        unknown += 1;
        if (got === null) refused += 1;
        else misses.push(`${q.question} → ${got} (should refuse)`);
      }
    }
    const answeredShare = correct / answerable;
    const refusedShare = refused / unknown;
    console.log(
      `knowledge answers (no model): correct=${answeredShare.toFixed(2)} (${correct}/${answerable}) refused-unknown=${refusedShare.toFixed(2)} (${refused}/${unknown})` +
        (misses.length ? `\n  misses: ${misses.join('\n          ')}` : ''),
    );
    expect(answeredShare).toBeGreaterThanOrEqual(0.8);
    expect(refusedShare).toBeGreaterThanOrEqual(0.9);
  });
});
