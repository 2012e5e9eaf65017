/**
 * `npm run validate`: turns on Node's compile cache, then runs the command (validate-command.ts),
 * so a second run does not compile the YAML reader, the schema and the parsers again.
 */
import { useCompileCache } from '../node/compile-cache.ts';

useCompileCache();
await import('./validate-command.ts');
