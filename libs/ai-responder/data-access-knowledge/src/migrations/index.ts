import { CreateKnowledgeTables1795907092533 } from './1795907092533-CreateKnowledgeTables';
import { AddKnowledgeSearchIndex1795907092633 } from './1795907092633-AddKnowledgeSearchIndex';

export const knowledgeMigrations = [CreateKnowledgeTables1795907092533, AddKnowledgeSearchIndex1795907092633];
