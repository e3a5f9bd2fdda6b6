// Text fields on a phone (issue 14, items 12 and 9): a word, an IME commit or an Android
// composition committed into the EMPTY search field is drawn at once (not the hint, with the
// caret after invisible text, until the next key), and the text agent brings up the keyboard
// the tapped field's kind wants (inputmode, enterkeyhint).
// Headless Chromium at phone size (390×844, DPR 3, touch) against the real liaoxiu-server.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openApp, items, stats, screenshot, viewports, centre, waitFor, settle } from './lib/browser.js';
import { findWidget, tap, fill, waitShown, dismissNotices, dateFieldKind } from './lib/canvas.js';
import { startServer, demoPassword } from './lib/server.js';

const SEARCH_HINT = '线路、城市、单位，可输入拼音或首字母';
const ORGANIZER = 'u-qz-school2-union';
const ROUTE = 'r-qz-red-eco-3d';

let server, chrome;
before(async () => {
  server = await startServer();
  chrome = await launch();
});
after(async () => {
  await chrome?.close();
  await server?.stop();
});


const phone = (hash = '') => openApp(chrome.browser, server.url + hash);

const agent = (page) => page.evaluate(() => {
  const e = document.getElementById('lx-text-agent');
  return { focused: document.activeElement === e, inputMode: e.getAttribute('inputmode'),
           enterKeyHint: e.getAttribute('enterkeyhint') };
});

// Taps the catalogue's search field; resolves to its item once ImGui edits it.
async function focusSearch(page) {
  await page.evaluate(() => { location.hash = '#/routes'; });
  const field = await findWidget(page, '搜索', (i) => i.textField);
  const before = (await stats(page)).frames;
  await page.touchscreen.tap(centre(field).x, centre(field).y);
  await waitFor(page, async () => (await agent(page)).focused, 'the text agent focused');
  await waitFor(page, async () => (await stats(page)).frames >= before + 2, 'the field taken by ImGui');
  await settle(page);
  return field;
}

// The field's pixels as the screen shows them, counted by the browser itself: "ink" is
// text-coloured (dark), "grey" the hint's colour. The caret alone is a thin dark line.
async function fieldInk(page, field) {
  const png = await page.screenshot({ clip: { x: field.x + 2, y: field.y + 2, width: field.width - 4, height: field.height - 4 } });
  return page.evaluate(async (bytes) => {
    const bitmap = await createImageBitmap(new Blob([new Uint8Array(bytes)], { type: 'image/png' }));
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const g = canvas.getContext('2d');
    g.drawImage(bitmap, 0, 0);
    const data = g.getImageData(0, 0, bitmap.width, bitmap.height).data;
    let ink = 0, grey = 0;
    for (let i = 0; i < data.length; i += 4) {
      const luma = 0.299 * data[i] + 0.587 * data[i + 1] + 0.114 * data[i + 2];
      if (luma < 90) ink++;
      else if (luma < 200) grey++;
    }
    return { ink, grey, pixels: data.length / 4 };
  }, [...png]);
}

const hintListed = async (page) => (await items(page)).some((i) => i.visible && i.label === SEARCH_HINT);
const resultsLine = async (page) => (await items(page)).find((i) => /^找到 \d+ 条线路$/.test(i.label))?.label;

// Each way a multi-character commit reaches the empty field, then no key after it.
const commits = {
  'a phone keyboard word (insertText)': async (page) => page.keyboard.insertText('bozhou'),
  'an Android composition of bozhou': async (page, cdp) => {
    await cdp.send('Input.imeSetComposition', { text: 'bo', selectionStart: 2, selectionEnd: 2 });
    await cdp.send('Input.imeSetComposition', { text: 'bozhou', selectionStart: 6, selectionEnd: 6 });
    await cdp.send('Input.insertText', { text: 'bozhou' });
  },
  'a Chinese IME commit of 亳州': async (page, cdp) => {
    await cdp.send('Input.imeSetComposition', { text: 'bozhou', selectionStart: 6, selectionEnd: 6 });
    await cdp.send('Input.imeSetComposition', { text: '亳州', selectionStart: 2, selectionEnd: 2 });
    await cdp.send('Input.insertText', { text: '亳州' });
  },
};

for (const [how, send] of Object.entries(commits)) {
  test(`${how} into the empty search field is drawn at once, not the hint`, async (t) => {
    const { page, context, errors } = await phone();
    const field = await focusSearch(page);
    const empty = await fieldInk(page, field);
    assert.ok(await hintListed(page), 'the empty field shows its hint');
    assert.ok(empty.grey > 500, `the hint's grey pixels: ${JSON.stringify(empty)}`);
    const everything = await resultsLine(page);

    await send(page, await context.newCDPSession(page));
    await waitFor(page, async () => (await resultsLine(page)) !== everything, 'the list filtered');
    await settle(page);  // nothing more is drawn: what is on screen now stays until the next key
    const typed = await fieldInk(page, field);
    t.diagnostic(`field pixels before ${JSON.stringify(empty)}, after ${JSON.stringify(typed)}`);
    assert.ok(!(await hintListed(page)), 'the hint is gone');
    // Six letters or two characters at DPR 3 are thousands of dark pixels; the caret a few hundred at most.
    assert.ok(typed.ink > empty.ink + 800, `the typed text is drawn: before ${JSON.stringify(empty)}, after ${JSON.stringify(typed)}`);
    assert.equal((await stats(page)).missingGlyphs, 0);
    await screenshot(page, `search-commit-${how.includes('亳州') ? 'ime-hanzi' : how.includes('Android') ? 'composition' : 'word'}-phone`);
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test('the text agent takes the tapped field\'s kind: numbers bring up the number pad', async () => {
  const { page, context, errors } = await phone();
  // The search field: text, with a search key.
  await focusSearch(page);
  assert.deepEqual(await agent(page), { focused: true, inputMode: 'text', enterKeyHint: 'search' });
  await page.evaluate(() => document.activeElement?.blur());
  await settle(page);  // the app has ended that edit before the next field is tapped

  // An organizer's form to open a group: dates and numbers.
  await page.evaluate(() => { location.hash = '#/signin'; });
  await settle(page);
  await fill(page, '工号或账号', ORGANIZER);
  const login = await agent(page);
  assert.deepEqual([login.inputMode, login.enterKeyHint], ['text', 'done'], 'a text field');
  await fill(page, '密码', demoPassword);
  await tap(page, '登录', (i) => i.width > 200);
  await waitShown(page, /^已登录：/);
  await dismissNotices(page);
  await page.evaluate((route) => { location.hash = `#/open/${route}`; }, ROUTE);

  const kindAfterTap = async (label) => {
    const field = await findWidget(page, label, (i) => i.textField);
    await page.touchscreen.tap(centre(field).x, centre(field).y);
    await waitFor(page, async () => (await agent(page)).focused, `the agent focused by ${label}`);
    return agent(page);
  };
  assert.equal((await kindAfterTap('最少人数')).inputMode, 'numeric');
  assert.equal((await kindAfterTap('最多人数')).inputMode, 'numeric');
  // A date field opens the phone's own date picker, not the keyboard.
  const dateField = await findWidget(page, '出发日期（如 2027-04-10）', (i) => i.textField);
  assert.equal(dateField.fieldKind, dateFieldKind);
  await page.touchscreen.tap(centre(dateField).x, centre(dateField).y);
  await waitFor(page, () => page.evaluate(() => document.activeElement?.id === 'lx-date-picker'), 'the date picker to open');
  assert.equal(await page.evaluate(() => document.activeElement.type), 'date');
  assert.equal((await agent(page)).focused, false, 'no keyboard for a date');
  await page.fill('#lx-date-picker', '2027-05-01');
  await settle(page);
  await screenshot(page, 'open-group-date-phone');
  assert.deepEqual(errors, []);
  await context.close();
});
