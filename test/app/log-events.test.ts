import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LOG_EVENTS } from '../../src/log.js';

describe('the log event vocabulary', () => {
  it('is kebab-case, and every event is listed in docs/architecture.md for the operator who greps for it', () => {
    const doc = fs.readFileSync(new URL('../../docs/architecture.md', import.meta.url), 'utf8');
    for (const event of LOG_EVENTS) {
      expect(event, event).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(doc, `docs/architecture.md names ${event}`).toContain(`\`${event}\``);
    }
  });
});
