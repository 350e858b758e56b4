import { CreateBusTables1795903281615 } from './1795903281615-CreateBusTables';
import { CreateErasedKeys1795911977619 } from './1795911977619-CreateErasedKeys';
import { CreateEventKeys1795924164107 } from './1795924164107-CreateEventKeys';

export const busMigrations = [CreateBusTables1795903281615, CreateErasedKeys1795911977619, CreateEventKeys1795924164107];
