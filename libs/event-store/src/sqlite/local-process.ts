/**
 * Whether process `pid` is known to be gone. The processes sharing an
 * embedded ledger share its host and PID space (WAL mode needs shared
 * memory), so a signal 0 tells: ESRCH is gone; EPERM is alive under another
 * user. A live PID may have been reused by another program; callers decide
 * what that costs them.
 */
export function processIsGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
