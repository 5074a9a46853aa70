/**
 * Dates, times, numbers and durations as people read them: the vi-VN way (19/10/2023, 1.709,
 * 0,1 giây), for the bots, the CLI and anything else a person reads.
 */

/**
 * Shows an ISO date (`YYYY-MM-DD`, `YYYY-MM` or `YYYY`) the Vietnamese way (`19/10/2023`,
 * `10/2023`, `2023`). Anything else is returned trimmed, unchanged, so nothing is lost; null stays null.
 */
export function formatDate(date: string | null | undefined): string | null {
  if (date === null || date === undefined || date.trim() === '') return null;
  const d = date.trim();
  const full = /^(\d{4})-(\d{2})-(\d{2})/.exec(d);
  if (full) return `${full[3]}/${full[2]}/${full[1]}`;
  const month = /^(\d{4})-(\d{2})$/.exec(d);
  if (month) return `${month[2]}/${month[1]}`;
  return d;
}

/** Where the bot's readers are: times are shown in Vietnam's time zone unless TZ names another. */
const TIME_ZONE = process.env.TZ?.trim() || 'Asia/Ho_Chi_Minh';

/** An ISO timestamp as local date and time, `19/10/2023 14:05 (GMT+7)`; text that is no timestamp is returned as is. */
export function formatDateTime(iso: string, timeZone: string = TIME_ZONE): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'short',
    })
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.day}/${parts.month}/${parts.year} ${parts.hour}:${parts.minute} (${parts.timeZoneName})`;
}

/** A number the vi-VN way: `1.709`, `0,1`; `digits` fixes the decimals shown. */
export function formatNumber(value: number, digits?: number): string {
  return value.toLocaleString(
    'vi-VN',
    digits === undefined ? { maximumFractionDigits: 2 } : { minimumFractionDigits: digits, maximumFractionDigits: digits },
  );
}

/** A coarse duration in words (`3 ngày 4 giờ`, `5 minutes 12 seconds`), for /stats uptime. */
export function formatDuration(ms: number, language: 'vi' | 'en' = 'vi'): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const days = Math.floor(total / 86_400);
  const hours = Math.floor((total % 86_400) / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const [d, h, m, s] = language === 'vi' ? ['ngày', 'giờ', 'phút', 'giây'] : ['d', 'h', 'min', 's'];
  if (days > 0) return `${days} ${d} ${hours} ${h}`;
  if (hours > 0) return `${hours} ${h} ${minutes} ${m}`;
  if (minutes > 0) return `${minutes} ${m} ${seconds} ${s}`;
  return `${seconds} ${s}`;
}
