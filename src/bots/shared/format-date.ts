/**
 * Shows an ISO date (`YYYY-MM-DD`, `YYYY-MM` or `YYYY`) the Vietnamese way (`19/10/2023`,
 * `10/2023`, `2023`). Anything else is returned trimmed, unchanged, so nothing is lost; null stays null.
 */
export function formatDateVi(date: string | null | undefined): string | null {
  if (date === null || date === undefined || date.trim() === '') return null;
  const d = date.trim();
  const full = /^(\d{4})-(\d{2})-(\d{2})/.exec(d);
  if (full) return `${full[3]}/${full[2]}/${full[1]}`;
  const month = /^(\d{4})-(\d{2})$/.exec(d);
  if (month) return `${month[2]}/${month[1]}`;
  return d;
}

/** A duration in Vietnamese words, coarse (`3 ngày 4 giờ`, `5 phút 12 giây`), for /stats uptime. */
export function formatDurationVi(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const days = Math.floor(total / 86_400);
  const hours = Math.floor((total % 86_400) / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  if (days > 0) return `${days} ngày ${hours} giờ`;
  if (hours > 0) return `${hours} giờ ${minutes} phút`;
  if (minutes > 0) return `${minutes} phút ${seconds} giây`;
  return `${seconds} giây`;
}
