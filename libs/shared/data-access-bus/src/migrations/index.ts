import { CreateBusTables1795903281615 } from './1795903281615-CreateBusTables';

export const busMigrations = [CreateBusTables1795903281615];
