// The `hookflow` command run from the TypeScript sources (bin/hookflow.js runs the build), for tests.
import { main } from '../../server/cli/cli.js';

await main();
