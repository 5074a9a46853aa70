import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/operations-helpers.js';

const UNIT = path.join(ROOT, 'deploy/tin-vung.service');
const hasSystemdAnalyze = spawnSync('systemd-analyze', ['--version']).status === 0;
if (!hasSystemdAnalyze) console.warn('skipping systemd-analyze verify of deploy/tin-vung.service: systemd-analyze is not installed');

describe('the systemd unit in deploy/', () => {
  const unit = fs.readFileSync(UNIT, 'utf8');

  it('restarts on failure (not on a configuration error), reads the env file, runs as its own user, runs the build', () => {
    expect(unit).toMatch(/^Restart=on-failure$/m);
    expect(unit).toMatch(/^RestartPreventExitStatus=2$/m);
    expect(unit).toMatch(/^EnvironmentFile=\S+$/m);
    expect(unit).toMatch(/^User=tin-vung$/m);
    expect(unit).toMatch(/^ExecStart=\/usr\/bin\/node \S+\/dist\/app\/start\.js$/m);
    // Longer than the program's own 10 s promise, so systemd's kill is only a last resort.
    expect(Number(/^TimeoutStopSec=(\d+)$/m.exec(unit)?.[1])).toBeGreaterThan(10);
  });

  it.skipIf(!hasSystemdAnalyze)('passes systemd-analyze verify', () => {
    const result = spawnSync('systemd-analyze', ['verify', UNIT], { encoding: 'utf8', timeout: 60_000 });
    expect(result.status, `${result.stdout}${result.stderr}`).toBe(0);
    expect(result.stderr).not.toMatch(/bad|invalid|unknown/i);
  });
});
