// Starts the platform: opens the database (PGlite in ./data by default, PostgreSQL with
// DATABASE_URL), applies migrations, loads the demo county on first start, serves API and web.
import crypto from 'node:crypto';
import { buildApp } from './app.js';
import { readConfig } from './config.js';
import { checkDurability, openPglite, openPostgres, type Db } from './db/db.js';
import { migrate } from './db/migrate.js';
import { createPiiCipher, loadDataKey } from './core/pii.js';
import { ensureInitialData } from './cli/first-start.js';
import { scheduleBackups } from './db/backup.js';
import { failInterruptedJobs } from './core/jobs.js';

async function main() {
  const config = readConfig();
  let db: Db;
  try {
    db = config.databaseUrl ? await openPostgres(config.databaseUrl) : await openPglite({ dataDir: config.dataDir });
  } catch (err) {
    console.error(`无法打开数据库：${(err as Error).message}`);
    process.exit(1);
  }
  try {
    const unsafe = await checkDurability(db, { allowUnsafe: config.allowUnsafeDb });
    if (unsafe.length) console.warn(`警告：PostgreSQL 持久化设置已关闭（${unsafe.join(', ')}），仅可用于测试。`);
    const applied = await migrate(db);
    if (applied.length) console.log(`已应用数据库迁移：${applied.join(', ')}`);
    const { key, created } = loadDataKey(config.dataKey, config.keyFile);
    if (created) console.log(`已生成数据加密密钥：${config.keyFile}（请妥善备份，丢失后身份证号、手机号无法解密）`);
    const pii = createPiiCipher(key);
    await ensureInitialData(db, pii, config);
    // Imports cut off by the last stop read "failed" now, not "running" for minutes.
    const interrupted = await failInterruptedJobs(db, { everyRunning: !config.databaseUrl });
    if (interrupted) console.log(`${interrupted} 个后台任务因上次服务停止而中断，已标记为失败`);

    const challengeSecret = crypto.createHmac('sha256', key).update('lianxin:challenge').digest();
    const app = await buildApp({ db, pii, challengeSecret, adminTotp: config.adminTotp, sessionCacheMs: config.sessionCacheMs, treeCacheBytes: config.treeCacheBytes, keptAnswerBytes: config.keptAnswerBytes, secureCookies: config.secureCookies, trustProxy: config.trustProxy, webDir: config.webDir, pdfFont: config.pdfFont });
    // 逾期上报: overdue cases of every registered type whose SLA escalates become visible one
    // level up (problems: the township above); checked hourly.
    // 定期下发: recurring directives are issued on their day; checked with the escalation.
    // 项目月报告: each project in progress gets its month's report request (once per month).
    // 申诉期满: published score sheets whose appeal window has passed unappealed are locked.
    const escalate = () =>
      Promise.all([app.cases.escalateAll(), app.dispatch.runSeries(), app.projects.issueDueReports(app.projects.today()), app.assessment.lockPastAppeal()]).catch((err: Error) =>
        app.log.error({ err: { message: err.message } }, 'periodic work failed'),
      );
    await escalate();
    const timer = setInterval(escalate, 3_600_000);
    timer.unref();
    // 内置数据库定时备份 (LIANXIN_BACKUP_HOURS, default daily; PostgreSQL: pg_dump instead).
    const stopBackups = scheduleBackups(db, config.backup, (message) => console.log(message));
    let closing = false;
    const shutdown = async (signal: string) => {
      if (closing) return;
      closing = true;
      clearInterval(timer);
      stopBackups();
      console.log(`收到 ${signal}，正在关闭……`);
      try {
        await app.close();
      } finally {
        await db.close(); // PGlite: checkpoint, close, release the folder lock
        process.exit(0);
      }
    };
    process.on('SIGTERM', () => void shutdown('SIGTERM'));
    process.on('SIGINT', () => void shutdown('SIGINT'));
    await app.listen({ port: config.port, host: config.host });
    console.log(`连心 Lianxin 已启动：http://localhost:${config.port}（数据库：${db.kind === 'pglite' ? config.dataDir : 'PostgreSQL'}）`);
  } catch (err) {
    console.error(`启动失败：${(err as Error).message}`);
    await db.close().catch(() => undefined);
    process.exit(1);
  }
}

await main();
