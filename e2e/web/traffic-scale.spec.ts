// Rates on a log scale: a server receiving ~1 MiB/s and answering a few hundred bytes a second
// still draws its send line visibly above zero, in the row's sparkline and in the panel's chart,
// whose gridlines are labelled.
import { expect, test } from '../support/fixtures.js';
import { listenerRow, setFilter, waitForData } from '../support/scenarios.js';
import { upload } from '../support/upload.js';

/** How high a line rises above its baseline, as a share of the drawing's height. */
function rise(points: string, height: number, baseline: number): number {
  const ys = points
    .split(/[ LMZ]+/)
    .filter(Boolean)
    .map((pair) => Number(pair.split(',')[1]));
  return (baseline - Math.min(...ys)) / height;
}

test('a trickle beside a flood stays visible: log-scaled sparkline and labelled chart', async ({
  app,
  servers,
}) => {
  const server = await servers.start({ label: 'upload sink' });
  const stop = upload(server.port);
  try {
    await waitForData(app);
    await setFilter(app, `:${server.port}`);
    const accepted = app.locator('[data-testid="row"][data-state="ESTABLISHED"]', {
      has: app.locator('.cell--local', { hasText: new RegExp(`:${server.port}$`) }),
    });
    const send = accepted.locator('.sparkline__send');
    const receive = accepted.locator('.sparkline__receive');
    await expect(receive).toHaveCount(1, { timeout: 30_000 });
    // A few polls so the series carry the traffic (the peak sits at ≥ 0.8 of the height: the
    // scale's top is the next step above it).
    await expect
      .poll(async () => rise((await receive.getAttribute('points')) ?? '', 12, 13), { timeout: 15_000 })
      .toBeGreaterThanOrEqual(0.75);
    const sendRise = rise((await send.getAttribute('points')) ?? '', 12, 13);
    // On a linear scale a few hundred B/s beside ~1 MiB/s is < 0.1 % of the height: flat.
    expect(sendRise).toBeGreaterThan(0.2);

    await listenerRow(app, server.port).click();
    const chart = app.getByTestId('traffic-chart');
    await expect(chart).toContainText('log scale');
    const line = chart.locator('.traffic-chart__line--send');
    await expect
      .poll(async () => rise((await line.getAttribute('d')) ?? '', 76, 84), { timeout: 15_000 })
      .toBeGreaterThan(0.2);
    const labels = await app.getByTestId('traffic-chart-axis').locator('span').allTextContents();
    expect(labels[0]).toBe('1.0 KiB/s');
    expect(labels.length).toBeGreaterThanOrEqual(3);
  } finally {
    stop();
  }
});
