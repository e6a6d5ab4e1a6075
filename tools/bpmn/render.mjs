#!/usr/bin/env node
// Renders bpmn/dispute-resolution.bpmn to docs/dispute-resolution.png with the
// bpmn-js viewer (dist/bpmn-viewer.production.min.js) in Debian's headless
// Chromium (/usr/bin/chromium, `apt-get install -y chromium`; no browser is
// ever downloaded).
//
// Usage: npm run render [-- <diagram.bpmn> [<out.png>]]
//
// Next to the PNG it writes <out.png>.sha256: the SHA-256 of the .bpmn file the
// picture was drawn from, in sha256sum format with the path relative to the
// repository top (`sha256sum -c docs/dispute-resolution.png.sha256` from there),
// so a test can tell when the picture no longer matches the diagram.
//
// Prints every import warning and exits non-zero, writing nothing, when the
// import fails or warns.
//
// Environment: CHROMIUM_PATH (default /usr/bin/chromium), RENDER_WIDTH (CSS
// pixels the diagram is fitted into, default 2400), RENDER_SCALE (device pixels
// per CSS pixel, default 2, so the 11px labels stay legible).

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const repoTop = resolve(here, '..', '..');
const require = createRequire(import.meta.url);

const bpmnPath = resolve(process.argv[2] || resolve(repoTop, 'bpmn', 'dispute-resolution.bpmn'));
const pngPath = resolve(process.argv[3] || resolve(repoTop, 'docs', 'dispute-resolution.png'));
const shaPath = `${pngPath}.sha256`;

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const WIDTH = Number(process.env.RENDER_WIDTH || 2400);
const SCALE = Number(process.env.RENDER_SCALE || 2);
const PADDING = 24;

const viewerScript = require.resolve('bpmn-js/dist/bpmn-viewer.production.min.js');
const assets = resolve(dirname(viewerScript), 'assets');

if (!existsSync(CHROMIUM)) {
  console.error(`render: ${CHROMIUM} is missing; install Debian's chromium (apt-get install -y chromium)`);
  process.exit(1);
}

const bpmnBytes = readFileSync(bpmnPath);
const sha256 = createHash('sha256').update(bpmnBytes).digest('hex');

async function render(browser) {
  const page = await browser.newPage({ viewport: { width: WIDTH, height: 1200 }, deviceScaleFactor: SCALE });

  const pageErrors = [];
  page.on('pageerror', (err) => pageErrors.push(err.message));

  await page.setContent(`<!DOCTYPE html>
<html>
  <head>
    <meta charset="utf-8">
    <style>
      html, body { margin: 0; padding: 0; background: #fff; overflow: hidden; }
      #canvas { position: absolute; inset: ${PADDING}px; }
    </style>
  </head>
  <body><div id="canvas"></div></body>
</html>`);
  await page.addStyleTag({ path: resolve(assets, 'diagram-js.css') });
  await page.addStyleTag({ path: resolve(assets, 'bpmn-js.css') });
  await page.addScriptTag({ path: viewerScript });

  const result = await page.evaluate(async (xml) => {
    const describe = (w) => w.message + (w.element && w.element.id ? ` (${w.element.id})` : '');

    // eslint-disable-next-line no-undef
    const viewer = window.viewer = new BpmnJS({ container: '#canvas' });

    try {
      const { warnings } = await viewer.importXML(xml);
      const canvas = viewer.get('canvas');
      canvas.zoom('fit-viewport');
      const { width, height } = canvas.viewbox().inner;

      return { warnings: warnings.map(describe), width, height };
    } catch (err) {
      return { error: err.message, warnings: (err.warnings || []).map(describe) };
    }
  }, bpmnBytes.toString('utf8'));

  for (const warning of result.warnings) {
    console.error(`render: import warning: ${warning}`);
  }
  for (const error of pageErrors) {
    console.error(`render: page error: ${error}`);
  }
  if (result.error) {
    console.error(`render: import failed: ${result.error}`);
    return false;
  }
  if (result.warnings.length || pageErrors.length) {
    console.error(`render: ${result.warnings.length} import warning(s), ${pageErrors.length} page error(s); nothing written`);
    return false;
  }

  // Give the page the diagram's aspect ratio, so the picture has no blank bands.
  const height = Math.ceil((WIDTH - 2 * PADDING) * result.height / result.width) + 2 * PADDING;

  await page.setViewportSize({ width: WIDTH, height });
  await page.evaluate(() => {
    const canvas = window.viewer.get('canvas');
    canvas.resized();
    canvas.zoom('fit-viewport');
  });

  mkdirSync(dirname(pngPath), { recursive: true });
  await page.screenshot({ path: pngPath });

  const drawnFrom = relative(repoTop, bpmnPath).split('\\').join('/');
  writeFileSync(shaPath, `${sha256}  ${drawnFrom}\n`);

  console.log(`render: wrote ${relative(process.cwd(), pngPath)} (${WIDTH * SCALE}x${height * SCALE} px) from ${drawnFrom}`);
  console.log(`render: wrote ${relative(process.cwd(), shaPath)} (sha256 ${sha256})`);

  return true;
}

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: [ '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking' ]
});

let ok = false;
try {
  ok = await render(browser);
} catch (err) {
  console.error(`render: ${err.stack || err}`);
} finally {
  await browser.close();
}

process.exit(ok ? 0 : 1);
