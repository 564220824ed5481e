import { spawnSync } from 'node:child_process';

/** DynamoDB Local needs Java 17+. Says exactly what to install when it is missing or too old. */
export function checkJava(): { ok: true; version: number } | { ok: false; message: string } {
  const probe = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (probe.error) {
    return {
      ok: false,
      message:
        'Java is not installed, and DynamoDB Local needs it (Java 17 or newer).\n' +
        '  Debian/Ubuntu:  sudo apt-get install -y openjdk-17-jre-headless\n' +
        '  macOS:          brew install openjdk@17',
    };
  }
  const text = `${probe.stderr}${probe.stdout}`;
  const match = /version "(\d+)(?:\.(\d+))?/.exec(text);
  const major = match ? (match[1] === '1' ? Number(match[2]) : Number(match[1])) : 0;
  if (major < 17) {
    return {
      ok: false,
      message: `Java ${major || '?'} found, but DynamoDB Local needs Java 17 or newer (apt-get install openjdk-17-jre-headless).`,
    };
  }
  return { ok: true, version: major };
}
