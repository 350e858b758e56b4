import { InProcessEventBus } from './in-process-event-bus';
import { describeEventBusContract } from '../testing';

describeEventBusContract('in-process adapter on PostgreSQL', () => new InProcessEventBus());
