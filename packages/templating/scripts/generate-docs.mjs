/* global URL, console */
// Writes docs/TEMPLATE_VARIABLES.md from the built variable catalog (run `pnpm --filter @pm/templating build` first).
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { variablesMarkdown } from '../dist/index.js';

const target = fileURLToPath(new URL('../../../docs/TEMPLATE_VARIABLES.md', import.meta.url));
writeFileSync(target, variablesMarkdown());
console.log(`wrote ${target}`);
