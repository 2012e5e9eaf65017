/**
 * `npm run new` on a terminal: a misspelled service is answered with "did you mean" and asked
 * again, before anything is written. The terminal is a pseudo-terminal from util-linux's
 * `script` (Debian's essential bsdutils); every step waits for what the prompt shows, never
 * for time.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { projectTempDir } from '../helpers/tmp.ts';

const ROOT = resolve(import.meta.dirname, '../..');

/** Terminal output as text: colour and cursor sequences taken out. */
const plain = (text: string) => text.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').replace(/\r/g, '');

test('on a terminal, a misspelled service gets "did you mean" and is asked again', { timeout: 120_000 }, async () => {
  const root = projectTempDir('new-terminal-');
  const dir = join(root, 'postmortems');
  mkdirSync(dir);
  copyFileSync(join(ROOT, 'content/services.yaml'), join(root, 'services.yaml'));
  const command = [
    'stty cols 200 rows 50;',
    'exec',
    JSON.stringify(process.execPath),
    'src/cli/new.ts',
    '--dir',
    JSON.stringify(dir),
    '--title "Checkout outage" --started "2024-03-08 10:30 UTC" --severity sev2',
  ].join(' ');
  const child = spawn('script', ['-qfec', command, '/dev/null'], {
    cwd: ROOT,
    env: { ...process.env, CI: '', GITHUB_ACTIONS: '' },
  });
  let output = '';
  const waiters: { text: string; resolve: () => void }[] = [];
  const settle = () => {
    for (const waiter of [...waiters])
      if (plain(output).includes(waiter.text)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
  };
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
    settle();
  });
  const exited = new Promise<number | null>((done) => child.on('close', done));
  const shown = (text: string) =>
    new Promise<void>((resolve, reject) => {
      waiters.push({ text, resolve });
      settle();
      void exited.then(() => reject(new Error(`exited before showing "${text}":\n${plain(output)}`)));
    });
  try {
    await shown('Services at fault');
    child.stdin.write('chekout-api\r');
    await shown('"chekout-api" is not declared in services.yaml; did you mean "checkout-api" (Checkout API)?');
    assert.deepEqual(readdirSync(dir), [], 'nothing is written while the answer is wrong');
    child.stdin.write(`${'\x7f'.repeat('chekout-api'.length)}checkout-api\r`);
    await shown('Root-cause categories');
    child.stdin.write('\r');
    await shown('summary');
    child.stdin.write('\r');
    assert.equal(await exited, 0, plain(output));
    assert.deepEqual(readdirSync(dir), ['2024-03-08-checkout-outage.mdx']);
    assert.match(readFileSync(join(dir, '2024-03-08-checkout-outage.mdx'), 'utf8'), /^services:\n {2}- checkout-api$/m);
  } finally {
    child.kill();
    rmSync(root, { recursive: true, force: true });
  }
});
