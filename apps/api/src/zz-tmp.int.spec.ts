import { startPlatformTestApp } from './platform/test-support/platform-test-app';
it('x', async () => {
  const t = await startPlatformTestApp({});
  await t.request('GET', '/nothing/here');
  await t.request('GET', '/health');
  await new Promise((r) => setTimeout(r, 200));
  console.log(t.logs.filter((l) => !l.includes('Mapped') && !l.includes('InstanceLoader')).join(''));
  await t.close();
});
