const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

/**
 * How long ago a moment was, in short words.
 *
 * @example
 * timeAgo(new Date(Date.now() - 3 * 60_000), new Date()) // '3 min ago'
 */
export function timeAgo(then: Date, now: Date): string {
  const elapsed = now.getTime() - then.getTime();
  if (elapsed < minute) return 'just now';
  if (elapsed < hour) return `${Math.floor(elapsed / minute)} min ago`;
  if (elapsed < day) return `${Math.floor(elapsed / hour)} h ago`;
  const days = Math.floor(elapsed / day);
  if (days < 30) return days === 1 ? 'yesterday' : `${days} days ago`;
  return then.toLocaleDateString();
}
