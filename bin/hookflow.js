#!/usr/bin/env node
import { main } from '../dist/server/cli/cli.js';

await main();
