// 主题党日 "党委指导、登记备案" end to end: a village secretary on a phone files the plan; the
// township returns it with a comment; the secretary refiles; the township approves; the day is
// held and attendance ticked from the roster on the phone; the township's board then shows the
// branch caught up (the demo year leaves 榆舍村 owing only this month's 主题党日). Refiled as 访民情,
// the household visited during the day becomes the 民情日记 entry and the citizen request in the
// same save, and the meeting links to them.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { login, openSession, pick, settled, shot, useBrowser } from './support';
import { readSheet } from './xlsx';
import { readPdf } from '../packages/server/src/test/pdf-text';

describe('a 主题党日 filed, returned, refiled, approved, held and counted', () => {
  const browser = useBrowser();

  it('the village files on a phone, the township guides, the board shows the branch caught up', async () => {
    const phone = await openSession(browser(), 'phone');
    const desk = await openSession(browser(), 'desktop');
    await Promise.all([login(phone, 'yushe'), login(desk, 'wuli')]);
    const v = phone.page;
    const w = desk.page;

    // the board first: 榆舍村 is behind this month
    await w.goto('/orglife/board');
    await settled(w);
    await w.getByRole('link', { name: '榆舍党建工作站' }).click();
    await settled(w);
    const row = w.getByTestId('board-row').filter({ hasText: '榆舍村' });
    await expect.poll(() => row.textContent()).toContain('差 1 次');

    // 1. the village files its plan for today
    await v.goto('/orglife/filings?new=1');
    await v.getByTestId('filing-form').waitFor();
    await pick(v, 'filing-kind', '学习');
    await v.getByTestId('filing-plan').fill('集中学习党章');
    await v.getByTestId('filing-submit').click();
    await v.waitForURL(/\/orglife\/filings\/\d+$/);
    const url = new URL(v.url()).pathname;
    await expect.poll(() => v.getByTestId('filing-status').textContent()).toBe('已备案待审核');
    await shot(phone, 'orglife-filed');

    // 2. the township returns it with a comment
    await w.goto(url);
    await w.getByTestId('return-text').fill('只安排学习过于单一，请增加走访群众的内容');
    await w.getByTestId('filing-return').click();
    await expect.poll(() => w.getByTestId('filing-status').textContent()).toBe('已退回待修改');

    // 3. the village sees the comment and refiles
    await v.goto(url);
    await expect.poll(() => v.getByTestId('return-comment').textContent()).toContain('请增加走访群众的内容');
    await pick(v, 'refile-kind', '访民情');
    await v.getByTestId('refile-plan').fill('集中学习党章后，分组走访独居老人');
    await v.getByTestId('filing-refile').click();
    await expect.poll(() => v.getByTestId('filing-status').textContent()).toBe('已备案待审核');

    // 4. the township approves
    await w.goto(url);
    await w.getByTestId('filing-approve').click();
    await expect.poll(() => w.getByTestId('filing-status').textContent()).toBe('已通过');

    // 5. held: the village ticks attendance on the phone (one absent, with a reason)
    await v.goto(url);
    await v.getByTestId('meeting-form').waitFor();
    await v.getByTestId('meeting-host').fill('支部书记');
    await expect.poll(() => v.getByTestId('roster-name').count()).toBeGreaterThan(2);
    await v.getByTestId('all-present').click();
    await v.getByTestId('roster-name').first().click();
    await v.getByTestId('absence-reason').first().fill('外出务工');
    const total = await v.getByTestId('roster-name').count();
    expect(await v.getByTestId('attendance-count').textContent()).toBe(`到会 ${total - 1} / 应到 ${total}`);
    await shot(phone, 'orglife-attendance');
    // 访民情: one household visited, its matter ticked to be handled
    await v.getByTestId('visit-add').click();
    await v.getByTestId('visit-household').fill('张秀英');
    await v.getByTestId('visit-heard').fill('独居，冬季取暖煤不够');
    await v.getByTestId('visit-needs-handling').click();
    await v.getByTestId('visit-matter').fill('为张秀英协调冬季取暖煤');
    // the minutes, entered once: the minutes book prints them
    await v.getByTestId('meeting-minutes').fill('学习党章第一章；分两组走访独居老人三户，记录取暖困难一件。');
    await shot(phone, 'orglife-visit');
    await v.getByTestId('meeting-save').click();
    await expect.poll(() => v.getByTestId('filing-status').textContent()).toBe('已开展并记录');
    await v.getByTestId('filing-meeting').click();
    await expect.poll(() => v.getByTestId('meeting-attendance').textContent()).toBe(`到会 ${total - 1} / 应到 ${total}`);
    // the meeting links to the diary entry and the request the visit made (no second entry)
    await expect.poll(() => v.getByTestId('meeting-visit-row').textContent()).toContain('张秀英');
    const meetingUrl = v.url();
    await v.getByTestId('visit-request-link').click();
    await v.waitForURL(/\/citizens\/\d+$/);
    await expect.poll(() => v.locator('body').textContent()).toContain('为张秀英协调冬季取暖煤');
    await v.goto(meetingUrl);
    await v.getByTestId('visit-diary-link').click();
    await v.waitForURL(/\/diary\?visit=\d+$/);
    await expect.poll(() => v.locator('body').textContent()).toContain('独居，冬季取暖煤不够');

    // the minutes book prints from the records: today's 主题党日 is its last row, the absentee with the reason
    await v.goto('/orglife');
    const [download] = await Promise.all([v.waitForEvent('download'), v.getByTestId('minutes-book').click()]);
    expect(download.suggestedFilename()).toMatch(/^会议记录簿.*\.xlsx$/);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lianxin-book-')), 'book.xlsx');
    await download.saveAs(file);
    const rows = await readSheet(file);
    expect(rows[0]).toContain('缺席人员及原因');
    const last = rows[rows.length - 1]!;
    expect(last).toContain('主题党日');
    expect(last.join(' ')).toContain('（外出务工）');
    expect(last.join(' ')).toContain('学习党章第一章；分两组走访独居老人三户');
    // and as the A4 PDF: the same meeting with its minutes, in text a reader can search
    const [pdfDownload] = await Promise.all([v.waitForEvent('download'), v.getByTestId('minutes-book-pdf').click()]);
    expect(pdfDownload.suggestedFilename()).toMatch(/^会议记录簿.*\.pdf$/);
    const pdfFile = path.join(path.dirname(file), 'book.pdf');
    await pdfDownload.saveAs(pdfFile);
    const pdf = await readPdf(fs.readFileSync(pdfFile));
    const pdfText = pdf.pages.join('').replace(/\n/g, '');
    expect(pdfText).toContain('会议记录簿');
    expect(pdfText).toContain('学习党章第一章；分两组走访独居老人三户');
    expect(pdfText).toContain('（外出务工）');

    // 6. the township's board: 榆舍村 caught up
    await w.goto('/orglife/board');
    await settled(w);
    await w.getByRole('link', { name: '榆舍党建工作站' }).click();
    await settled(w);
    await expect.poll(() => w.getByTestId('board-row').filter({ hasText: '榆舍村' }).textContent()).toContain('按时');
    await shot(desk, 'orglife-board');
    // from the branch's board the township opens its party groups
    await w.getByTestId('board-row').filter({ hasText: '榆舍村' }).getByRole('link').click();
    await w.getByTestId('board-open-groups').click();
    await w.getByTestId('party-groups-page').waitFor();
    await expect.poll(() => w.getByTestId('party-group-name').allTextContents()).toEqual(['第一党小组', '第二党小组']);
    await shot(desk, 'orglife-party-groups-township');

    await phone.close();
    await desk.close();
    // two sessions through the whole cycle and both printed books: past the 120 s default on a loaded two-core machine
  }, 240_000);
});
