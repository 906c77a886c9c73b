import { spawn } from 'node:child_process';

/**
 * Runs a worker process, hands each growing stdout to `enough`, and kills it
 * with SIGKILL the moment `enough` says so: what the worker acknowledged by
 * then must survive (crash specs). Rejects if the worker exits on its own.
 */
export async function killWhen(
  command: string,
  args: string[],
  cwd: string,
  enough: (stdout: string) => boolean,
): Promise<{ stdout: string; signal: NodeJS.Signals | null }> {
  const child = spawn(command, args, { cwd });
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
