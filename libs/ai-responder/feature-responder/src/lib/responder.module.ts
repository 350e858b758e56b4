import { Module } from '@nestjs/common';
import { DraftReplyConsumer } from './draft-reply.consumer';

@Module({ providers: [DraftReplyConsumer] })
export class ResponderModule {}
