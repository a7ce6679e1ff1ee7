/** A duration for people: "35 ms", "1.2 s", "2 min 5 s"; undefined (still running) is "—". */
export function formatDuration(ms: number | undefined): string {
  if (ms === undefined) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** A start time: the time of day for today, date and time otherwise, in the browser's locale. */
export function formatTime(at: string | number, now = new Date()): string {
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) return String(at);
  const today = date.toDateString() === now.toDateString();
  return today ? date.toLocaleTimeString() : date.toLocaleString();
}
