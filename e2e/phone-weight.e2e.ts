// Weight on a phone: what a citizen's and a village secretary's phone downloads. The public pages
// (unit card and submit, track, closures) stay under 100 kB of compressed JavaScript and never load
// the admin UI library; a cold page of the app stays under 400 kB in all; a repeat visit downloads
// no JavaScript again (hashed files are cached for a year, the page itself is revalidated).
import type { CDPSession, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { apiAs, login, openSession, settled, shot, useBrowser } from './support';

type Transfer = { url: string; type: string; bytes: number; encoding: string; cached: boolean };

/** Records every response of the page with the bytes that crossed the network (headers and body). */
async function recorder(page: Page) {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  const pending = new Map<string, { url: string; type: string; encoding: string; cached: boolean }>();
  const done: Transfer[] = [];
  cdp.on('Network.responseReceived', (e) => {
    const h = Object.fromEntries(Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
    pending.set(e.requestId, { url: e.response.url, type: e.type, encoding: h['content-encoding'] ?? '', cached: !!(e.response.fromDiskCache || e.response.fromPrefetchCache || e.response.fromServiceWorker) });
  });
  cdp.on('Network.requestServedFromCache', (e) => {
    const p = pending.get(e.requestId);
    if (p) p.cached = true;
  });
  cdp.on('Network.loadingFinished', (e) => {
    const p = pending.get(e.requestId);
    if (p) done.push({ ...p, bytes: p.cached ? 0 : e.encodedDataLength });
  });
  return {
    reset: () => done.splice(0),
    list: () => [...done],
    js: () => done.filter((d) => d.type === 'Script' || /\.js(\?|$)/.test(d.url)),
    sum: (items: Transfer[]) => items.reduce((n, d) => n + d.bytes, 0),
  };
}

const KB = 1024;

describe('weight on a phone', () => {
  const browser = useBrowser();

  it('the public citizen pages load under 100 kB of JavaScript, compressed, without antd', async () => {
    const desk = await openSession(browser(), 'desktop');
    await apiAs(desk, 'yushe.station');
    const tree = (await (await desk.context.request.get('/api/orgs/tree')).json()) as { nodes: { id: number; name: string; type: string }[] };
    const stationId = tree.nodes.find((n) => n.name === '榆舍党建工作站')!.id;
    const counties = (await (await desk.context.request.get('/api/public/ledger/counties')).json()) as { id: number }[];
    const countyId = counties[0]!.id;
    await desk.close();

    const pages: [string, string, string][] = [
      ['unit card and submit', `/public/unit/${stationId}`, 'public-form-card'],
      ['track', '/public/track', 'track-submit'],
      ['closures', `/public/closures/${countyId}`, 'public-closures'],
    ];
    for (const [name, url, ready] of pages) {
      // a cold phone: a fresh context, nothing cached
      const s = await openSession(browser(), 'phone');
      const net = await recorder(s.page);
      await s.page.goto(url);
      await s.page.getByTestId(ready).waitFor();
      await s.page.waitForLoadState('networkidle');
      const js = net.js();
      const bytes = net.sum(js);
      expect(js.length, `${name}: scripts loaded`).toBeGreaterThan(0);
      console.info(`${name}: ${(bytes / KB).toFixed(1)} kB of JavaScript transferred, ${(net.sum(net.list()) / KB).toFixed(1)} kB in all`);
      expect(bytes, `${name}: ${Math.round(bytes / KB)} kB of JavaScript (${js.map((j) => j.url.split('/').pop()).join(', ')})`).toBeLessThanOrEqual(100 * KB);
      for (const j of js) expect(j.encoding, `${j.url} is sent compressed`).toMatch(/^(br|gzip)$/);
      // the admin UI library renders nothing here
      expect(await s.page.locator('[class^="ant-"], [class*=" ant-"]').count(), `${name}: no antd components`).toBe(0);
      await shot(s, `public-${name.split(' ')[0]}`);
      await s.close();
    }
  });

  it('a village secretary\'s cold home page stays under 400 kB; a repeat visit downloads no JavaScript', async () => {
    const s = await openSession(browser(), 'phone');
    const net = await recorder(s.page);
    await login(s, 'yushe');
    await s.page.getByTestId('today').waitFor();
    await settled(s.page);
    const cold = net.list();
    const total = net.sum(cold);
    const js = net.sum(net.js());
    console.info(`village home, cold: ${(total / KB).toFixed(1)} kB in all, ${(js / KB).toFixed(1)} kB JavaScript`);
    expect(total, `cold visit: ${Math.round(total / KB)} kB in all, ${Math.round(js / KB)} kB of it JavaScript`).toBeLessThanOrEqual(400 * KB);

    // the files carry long-lived caching; the page itself is revalidated
    const asset = net.js()[0]!.url;
    const head = await s.context.request.get(asset, { headers: { 'accept-encoding': 'br, gzip' } });
    expect(head.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((await s.context.request.get('/')).headers()['cache-control']).toBe('no-cache');

    net.reset();
    await s.page.goto('/');
    await s.page.getByTestId('today').waitFor();
    await settled(s.page);
    const again = net.js();
    expect(again.length, 'the app ran again').toBeGreaterThan(0);
    expect(net.sum(again), `repeat visit: ${again.filter((j) => j.bytes > 0).map((j) => `${j.url} ${j.bytes}`).join(', ')}`).toBeLessThanOrEqual(2 * KB);
    await s.close();
  });
});

