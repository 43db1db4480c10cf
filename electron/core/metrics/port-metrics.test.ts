/**
 * The metrics of a real snapshot (a real child listening under a name that needs escaping, a
 * real connection with traffic), read back with a real Prometheus text-format parser.
 */
import { connect } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { startChild, stopAllChildren } from '../../test-support/children.js';
import { parseExposition } from '../../test-support/prometheus.js';
import { createDefaultPipeline } from '../snapshot/default-pipeline.js';
import { metricsInputOf, renderPortMetrics } from './index.js';

afterAll(stopAllChildren);

/** A listener whose process name has a quote, a backslash and a space in it. */
const ODD_NAME_LISTENER = `
process.title = 'we"ird\\\\ name';
const server = require('node:net').createServer((s) => { s.on('data', () => {}); });
server.listen(0, '127.0.0.1', () => console.log(JSON.stringify({ port: server.address().port })));
`;

describe('Prometheus metrics of a real snapshot', () => {
  it('parse as the text format, with the listener, the socket counts and the traffic per process', async () => {
    const child = await startChild(ODD_NAME_LISTENER);
    const port = child.ready['port'] as number;
    const socket = connect(port, '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    await new Promise<void>((resolve) => socket.write(Buffer.alloc(20_000, 7), () => resolve()));
    const { pipeline, close } = createDefaultPipeline();
    try {
      await pipeline.tick();
      await new Promise<void>((resolve) => socket.write(Buffer.alloc(30_000, 7), () => resolve()));
      await new Promise((resolve) => setTimeout(resolve, 100));
      const snapshot = await pipeline.tick();
      const text = renderPortMetrics(metricsInputOf(snapshot, 12.5));
      const families = parseExposition(text);

      const name = snapshot.processes[String(child.pid)]!.name;
      expect(name).toContain('"');
      const listener = families.get('portlens_listeners')!.metrics.find((m) => m.labels?.port === String(port));
      expect(listener).toEqual({
        labels: { protocol: 'tcp', address: '127.0.0.1', port: String(port), scope: 'loopback', process: name },
        value: '1',
      });
      const counted = families.get('portlens_sockets')!.metrics.reduce((sum, m) => sum + Number(m.value), 0);
      expect(counted).toBe(snapshot.sockets.length);
      const established = families.get('portlens_sockets')!.metrics.find((m) => m.labels?.protocol === 'tcp' && m.labels.state === 'ESTABLISHED');
      expect(Number(established?.value)).toBeGreaterThanOrEqual(2);

      const mine = (family: string) => families.get(family)!.metrics.find((m) => m.labels?.pid === String(process.pid));
      expect(Number(mine('portlens_process_sent_bytes')?.value)).toBeGreaterThanOrEqual(50_000);
      expect(Number(mine('portlens_process_send_rate_bytes_per_second')?.value)).toBeGreaterThan(0);
      expect(Number(families.get('portlens_process_received_bytes')!.metrics.find((m) => m.labels?.pid === String(child.pid))?.value)).toBeGreaterThanOrEqual(50_000);
      expect(families.get('portlens_poll_duration_seconds')).toMatchObject({ type: 'GAUGE', metrics: [{ value: '0.0125' }] });
      expect(families.get('portlens_owners_hidden')!.metrics).toEqual([{ value: String(snapshot.hiddenOwners) }]);
      expect(families.get('portlens_collector_info')!.metrics).toEqual([{ labels: { source: snapshot.source }, value: '1' }]);
      // No connection gets a series of its own: only listeners carry an address label.
      for (const family of families.values()) {
        if (family.name !== 'portlens_listeners') for (const m of family.metrics) expect(m.labels?.address).toBeUndefined();
      }
    } finally {
      socket.destroy();
      close();
    }
  });
});
