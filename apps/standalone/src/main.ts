import { runService } from '@pegamento/feature-platform';
import { standalone } from '@pegamento/standalone-composition';

runService(standalone);
