import { CreateCrmSync1795925583741 } from './1795925583741-CreateCrmSync';

export const crmMigrations = [CreateCrmSync1795925583741];
