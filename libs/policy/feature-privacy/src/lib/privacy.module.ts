import { Module, type DynamicModule } from '@nestjs/common';
import { EraseSubjectUseCase } from './erase-subject/erase-subject.use-case';
import { ExportSubjectUseCase } from './export-subject/export-subject.use-case';
import { PrivacyController } from './privacy.controller';
import { PRIVACY_CONFIG, type PrivacyConfig } from './privacy.config';
import { RetentionJob } from './retention/retention.job';

/** Export and erasure of a person's data, and the retention job. Needs the platform's database, the bus outbox and AuthModule. */
@Module({})
export class PrivacyModule {
  static register(config: PrivacyConfig): DynamicModule {
    return {
      module: PrivacyModule,
      controllers: [PrivacyController],
      providers: [{ provide: PRIVACY_CONFIG, useValue: config }, ExportSubjectUseCase, EraseSubjectUseCase, RetentionJob],
      exports: [RetentionJob],
    };
  }
}
