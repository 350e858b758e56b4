import { runService } from '@pegamento/feature-platform';
import { standalone } from './standalone';

runService(standalone);
