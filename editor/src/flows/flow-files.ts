/** A file the person chose that cannot be imported, with a message saying why and what to do. */
export class UnreadableFileError extends Error {
  constructor(readonly fileName: string, message: string) {
    super(message);
    this.name = 'UnreadableFileError';
  }
}

/** Reads a chosen or dropped file as JSON; a file that is not JSON throws UnreadableFileError. */
export async function readJsonFile(file: File): Promise<unknown> {
  const text = await file.text();
  if (text.trim() === '') throw new UnreadableFileError(file.name, `“${file.name}” is empty. Choose a flow file exported from Hookflow (it ends in .flow.json).`);
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const detail = error instanceof SyntaxError ? ` (${error.message})` : '';
    throw new UnreadableFileError(
      file.name,
      `“${file.name}” is not a flow file: its content is not JSON${detail}. Choose a flow file exported from Hookflow (it ends in .flow.json).`,
    );
  }
}

/** Saves a value as a pretty-printed JSON file through the browser's download. */
export function downloadJson(fileName: string, value: unknown): void {
  const blob = new Blob([`${JSON.stringify(value, null, 2)}\n`], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started once click() returns; give the browser a moment before the URL goes.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
