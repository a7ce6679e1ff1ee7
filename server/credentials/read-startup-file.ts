import { readFileSync } from 'node:fs';
import { StartupError } from '../errors.js';

/**
 * The text of a file read at start, or undefined when it does not exist yet. Any other failure
 * stops the start with a message naming the file (`what` says which: "The key file", …).
 */
export function readStartupFile(file: string, what: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    throw new StartupError(`${what} ${file} cannot be read (${code}); check its owner and permissions.`, { cause: error });
  }
}
