import { spawn } from 'node:child_process';

/**
 * Runs a TypeScript worker script, hands each growing stdout to `enough`, and
 * kills it with SIGKILL the moment `enough` says so: what the worker
 * acknowledged by then must survive (crash specs). Rejects if the worker
 * exits on its own.
 *
 * The script runs in one Node process (`node --import tsx`), never through
 * tsx's CLI: the CLI runs the script in a child process of its own, and a
 * SIGKILL of the CLI leaves that child writing.
 */
export async function killWhen(
  script: string,
  args: string[],
  cwd: string,
  enough: (stdout: string) => boolean,
): Promise<{ stdout: string; signal: NodeJS.Signals | null }> {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { cwd });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<NodeJS.Signals | null>((done) =>
    child.once('exit', (_code, signal) => done(signal)),
  );
  await new Promise<void>((ready, failed) => {
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      if (enough(stdout)) ready();
    });
    child.once('exit', () => failed(new Error(`worker exited early: ${stderr}`)));
  });
  child.kill('SIGKILL');
  const signal = await exited;
  child.stdout.destroy();
  child.stderr.destroy();
  return { stdout, signal };
}
