// The layout at the sizes people use: nothing scrolls sideways or is cut off at 800 × 600,
// traffic stays on screen beside the owner panel at 1440 px, the panel overlays the table on a
// narrow window and splits it on a wide one, and the column chooser's choices persist.
import type { Locator, Page } from '@playwright/test';
import { expect, test } from '../support/fixtures.js';
import { listenerRow, setFilter, waitForData } from '../support/scenarios.js';

/** True when `inner` lies wholly inside the window and inside `outer`'s box, if given. */
async function fullyInside(page: Page, inner: Locator, outer?: Locator): Promise<boolean> {
  const box = await inner.boundingBox();
  const frame = outer ? await outer.boundingBox() : { x: 0, y: 0, ...page.viewportSize()! };
  if (!box || !frame) return false;
  return (
    box.x >= frame.x - 0.5 &&
    box.y >= frame.y - 0.5 &&
    box.x + box.width <= frame.x + frame.width + 0.5 &&
    box.y + box.height <= frame.y + frame.height + 0.5
  );
}

/** The part of the grid not covered by its vertical scrollbar, as a locator-free box check. */
async function visibleInGrid(page: Page, header: Locator): Promise<boolean> {
  const grid = page.getByTestId('socket-table');
  const [box, frame] = await Promise.all([
    header.boundingBox(),
    grid.evaluate((el) => ({ ...el.getBoundingClientRect().toJSON(), inner: el.clientWidth })),
  ]);
  return box !== null && box.x >= frame.x && box.x + box.width <= frame.x + frame.inner;
}

test('at 800 × 600 nothing scrolls sideways or is cut off, and the panel overlays the table', async ({
  app,
  servers,
}) => {
  await app.setViewportSize({ width: 800, height: 600 });
  await waitForData(app);
  const overflow = await app.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  for (const id of ['open-settings', 'filter-input', 'group-by', 'toggle-ipv6', 'column-chooser'])
    expect(await fullyInside(app, app.getByTestId(id)), id).toBe(true);
  for (const id of ['header-sendRate', 'header-receiveRate'])
    expect(await visibleInGrid(app, app.getByTestId(id)), id).toBe(true);
  await expect(app.getByTestId('status-bar')).toBeInViewport({ ratio: 1 });

  const server = await servers.start({ label: 'narrow' });
  await setFilter(app, `:${server.port}`);
  const gridWidth = async () => (await app.getByTestId('socket-table').boundingBox())!.width;
  const before = await gridWidth();
  await listenerRow(app, server.port).click();
  await expect(app.getByTestId('owner-panel')).toBeVisible();
  expect(await fullyInside(app, app.getByTestId('owner-panel'))).toBe(true);
  // An overlay: the table keeps its width under the panel.
  expect(await gridWidth()).toBe(before);
  await expect(app.getByTestId('panel-split')).toBeHidden();
});

test('at 1440 px with the panel open, the traffic columns stay visible; the split resizes from the keyboard', async ({
  app,
  servers,
}) => {
  await app.setViewportSize({ width: 1440, height: 900 });
  await waitForData(app);
  const server = await servers.start({ label: 'wide' });
  await setFilter(app, `:${server.port}`);
  await listenerRow(app, server.port).click();
  await expect(app.getByTestId('owner-panel')).toBeVisible();
  for (const id of ['header-sendRate', 'header-receiveRate', 'header-activity'])
    expect(await visibleInGrid(app, app.getByTestId(id)), id).toBe(true);
  const overflow = await app.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);

  // A split, not an overlay: the handle widens the panel and the table gives way.
  const slot = app.getByTestId('panel-slot');
  const width = (await slot.boundingBox())!.width;
  await app.getByTestId('panel-split').focus();
  await app.keyboard.press('ArrowLeft');
  await app.keyboard.press('ArrowLeft');
  await expect.poll(async () => (await slot.boundingBox())!.width).toBeGreaterThan(width + 40);
  const grid = (await app.getByTestId('socket-table').boundingBox())!;
  expect(grid.x + grid.width).toBeLessThanOrEqual((await slot.boundingBox())!.x + 1);
});

test('the column chooser hides and reorders columns, and the choice survives a reload', async ({ app }) => {
  await app.setViewportSize({ width: 1920, height: 1000 });
  await waitForData(app);
  const headers = () =>
    app
      .locator('[role="columnheader"]')
      .evaluateAll((cells) => cells.map((cell) => cell.getAttribute('data-testid')));
  // Traffic before User and Scope.
  const first = await headers();
  expect(first.indexOf('header-sendRate')).toBeLessThan(first.indexOf('header-user'));
  expect(first.indexOf('header-total')).toBeLessThan(first.indexOf('header-scope'));

  await app.getByTestId('column-chooser').click();
  const list = app.getByTestId('column-list');
  await list.getByRole('checkbox', { name: 'Remote address' }).uncheck();
  // Above Remote, then above Local.
  await list.getByRole('button', { name: 'Move State up' }).click();
  await list.getByRole('button', { name: 'Move State up' }).click();
  await expect(list.getByRole('checkbox', { name: 'Local address' })).toBeDisabled();
  await app.keyboard.press('Escape');
  await expect(list).toBeHidden();
  await expect(app.getByTestId('header-remote')).toHaveCount(0);
  const chosen = await headers();
  expect(chosen.indexOf('header-state')).toBeLessThan(chosen.indexOf('header-local'));

  await app.waitForTimeout(500); // prefs are saved a moment after the last change
  await app.reload();
  await waitForData(app);
  await expect(app.getByTestId('header-remote')).toHaveCount(0);
  expect(await headers()).toEqual(chosen);

  await app.getByTestId('column-chooser').click();
  await app.getByTestId('columns-reset').click();
  await expect(app.getByTestId('header-remote')).toHaveCount(1);
});
