// Regenerates posthog-proxy.config.schema.json from src/config/config-schema.ts (a test checks they match).
import { writeFileSync } from 'node:fs';
import { configSchema } from '../src/config/config-schema.ts';

writeFileSync(new URL('../posthog-proxy.config.schema.json', import.meta.url), JSON.stringify(configSchema, null, 2) + '\n');
