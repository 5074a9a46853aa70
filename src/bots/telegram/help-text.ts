import type { ServiceStats } from '../../answer/qa-service-types.js';
import { EXAMPLE_QUESTIONS, messages, type Language } from '../shared/bot-messages.js';
import { escapeHtml } from './html.js';

/**
 * The /start and /help message: what the bot knows (number of briefings, newest date), how to ask
 * in private and in groups, how to follow up, example questions and the commands.
 */
export function helpHtml(stats: ServiceStats, botUsername: string, language: Language = 'vi'): string {
  const t = messages(language);
  return [
    `<b>${escapeHtml(t.help.intro)}</b>`,
    escapeHtml(t.corpusSummary(stats)),
    '',
    `<b>${escapeHtml(t.help.howToAsk)}</b>`,
    `• ${escapeHtml(t.help.privateChat)}`,
    `• ${escapeHtml(t.help.group(`@${botUsername}`))}`,
    `• ${escapeHtml(t.help.followUps)}`,
    '',
    `<b>${escapeHtml(t.help.examples)}</b>`,
    ...EXAMPLE_QUESTIONS.map((q) => `• ${escapeHtml(q)}`),
    '',
    `<b>${escapeHtml(t.help.commands)}</b>`,
    `/sources — ${escapeHtml(t.help.sourcesCommand)}`,
    `/new — ${escapeHtml(t.help.newCommand)}`,
    `/help — ${escapeHtml(t.help.helpCommand)}`,
  ].join('\n');
}
