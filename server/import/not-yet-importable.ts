import { describeDetectedImport, type DetectedImport } from './detect-format.js';
import { ImportFormatNotSupportedError } from './import-errors.js';

const toolNames = { n8n: 'n8n workflows', 'node-red': 'Node-RED flows' } as const;

/**
 * The refusal of a recognised export Hookflow has no mapping for yet (422,
 * `IMPORT_FORMAT_NOT_SUPPORTED`): it says what the file is, so the admin knows it was read.
 *
 * @example
 * notYetImportable({ format: 'n8n', workflows: [a, b], legacy: false }).message;
 * // "This is an n8n workflow export (2 workflows). Hookflow cannot import n8n workflows yet: …"
 */
export function notYetImportable(detected: DetectedImport & { format: 'n8n' | 'node-red' }): ImportFormatNotSupportedError {
  const what = describeDetectedImport(detected);
  return new ImportFormatNotSupportedError(
    detected.format,
    `This is ${what}. Hookflow cannot import ${toolNames[detected.format]} yet: their nodes are not translated into Hookflow flows. Nothing was imported; Hookflow imports Hookflow flow files (.flow.json) and bundles (hookflow export --all).`,
  );
}
