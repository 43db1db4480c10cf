// The exposure audit on real listeners: a wildcard Node inspector port (9229) is flagged, a
// loopback listener is not listed, and `portlens audit` exits 1.
import { afterAll, describe, expect, it } from 'vitest';
import { AuditReport } from '../../contract/diagnose-model.js';
import { startChild, stopAllChildren, tcpListenerScript } from '../../test-support/children.js';
import { audit } from '../../core/diagnose/audit.js';
import { takeSnapshot } from '../../core/snapshot/default-pipeline.js';
import { cli } from '../test-support/captured-cli.js';

afterAll(stopAllChildren);

/** A child listening on 0.0.0.0:9229, or null when that port is taken here. */
async function inspectorLike(): Promise<Awaited<ReturnType<typeof startChild>> | null> {
  const script = `const s=require('net').createServer(()=>{});s.once('error',()=>{console.log(JSON.stringify({port:null}))});s.listen(9229,'0.0.0.0',()=>{console.log(JSON.stringify({port:9229}))});`;
  const child = await startChild(script);
  return child.ready.port === 9229 ? child : null;
}

describe('audit', () => {
  it('flags a wildcard listener on 9229 (Node inspector) and exits 1', async (ctx) => {
    const exposed = await inspectorLike();
    if (!exposed) {
      console.log('audit test skipped: port 9229 is taken on this machine');
      ctx.skip();
      return;
    }
    const local = await startChild(tcpListenerScript('127.0.0.1'));
    const report = AuditReport.parse(await audit(await takeSnapshot()));
    const entry = report.exposed.find((e) => e.pid === exposed.pid);
    expect(entry).toMatchObject({ localAddress: '0.0.0.0', localPort: 9229, reach: 'all IPv4 interfaces' });
    expect(entry?.warning).toMatch(/inspector/);
    expect(report.exposed.some((e) => e.pid === local.pid)).toBe(false);
    expect(report.warnings).toBeGreaterThan(0);

    const { code, stdout: out } = await cli('audit');
    expect(code).toBe(1);
    expect(out).toContain(`node (pid ${exposed.pid})`);
    expect(out).toContain('0.0.0.0:9229');
  });
});
