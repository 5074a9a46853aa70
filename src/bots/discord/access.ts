import { PermissionFlagsBits, type PermissionsBitField } from 'discord.js';

/** Who may run /stats and /reindex: members with Manage Server, or anyone listed in DISCORD_ADMIN_IDS. */
export function isAdmin(userId: string, memberPermissions: Readonly<PermissionsBitField> | null, adminIds: readonly string[]): boolean {
  if (adminIds.includes(userId)) return true;
  return memberPermissions?.has(PermissionFlagsBits.ManageGuild) ?? false;
}

/**
 * Whether the bot answers in a channel. An empty allow-list means everywhere; otherwise the
 * channel, or for a thread its parent channel, must be listed (so allowing a channel allows its threads).
 */
export function channelAllowed(allowed: readonly string[], channelId: string, parentId: string | null = null): boolean {
  if (allowed.length === 0) return true;
  return allowed.includes(channelId) || (parentId !== null && allowed.includes(parentId));
}
